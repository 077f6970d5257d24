"""`/sim/*`: the control surface of the simulated world."""

from __future__ import annotations

import httpx2 as httpx
import pytest

from s20.clock import ManualClock
from tests.api.helpers import init_and_login
from tests.conftest import call


@pytest.fixture
async def token(api: httpx.AsyncClient) -> str:
    return await init_and_login(api)


async def test_world_snapshot_and_additions(api: httpx.AsyncClient, token: str) -> None:
    world = await call(api, "GET", "/sim/world", token=token)
    assert world["code"] == 0
    before = world["result"]
    assert isinstance(before, dict)
    body = {
        "NetworkName": "Lab",
        "ExtPanId": "00112233AABBCCDD",
        "PanId": "0x4242",
        "Channel": 21,
        "Rssi": -40,
        "Lqi": 2,
        "PSKd": "LAB123",
    }
    assert (await call(api, "POST", "/sim/thread_network", body, token=token))["code"] == 0
    added = {"EUI64": "18B4300000000F01", "PSKd": "J01NME"}
    assert (await call(api, "POST", "/sim/joiner", added, token=token))["code"] == 0
    after = (await call(api, "GET", "/sim/world", token=token))["result"]
    assert isinstance(after, dict)
    lab = [n for n in after["networks"] if n["network_name"] == "Lab"]
    assert lab
    assert lab[0]["ext_pan_id"] == "00112233aabbccdd"
    assert lab[0]["pan_id"] == 0x4242
    assert lab[0]["pskd"] == "LAB123"
    assert any(j["eui64"] == "18b4300000000f01" for j in after["joiners"])
    assert len(after["networks"]) == len(before["networks"]) + 1
    removed = await call(
        api, "POST", "/sim/remove_joiner", {"EUI64": "18b4300000000f01"}, token=token
    )
    assert removed["code"] == 0
    final = (await call(api, "GET", "/sim/world", token=token))["result"]
    assert isinstance(final, dict)
    assert not any(j["eui64"] == "18b4300000000f01" for j in final["joiners"])


async def test_added_network_shows_in_scan(
    api: httpx.AsyncClient, token: str, clock: ManualClock
) -> None:
    import asyncio

    body = {"NetworkName": "Lab", "ExtPanId": "00112233aabbccdd", "PanId": 0x4242, "Channel": 21}
    assert (await call(api, "POST", "/sim/thread_network", body, token=token))["code"] == 0
    task = asyncio.create_task(call(api, "GET", "/otbr/scan", token=token))
    while not task.done():
        await clock.advance_async(0.5)
    found = (await task)["result"]["ScanList"]  # type: ignore[index]
    assert {
        "Channel": 21,
        "Rssi": -60,
        "Lqi": 200,
        "NetworkName": "Lab",
        "ExtPanId": "00112233aabbccdd",
        "PanId": 0x4242,
    } in found


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/sim/joiner", {"EUI64": "xyz", "PSKd": "J01NME"}, "EUI64"),
        ("/sim/joiner", {"EUI64": "18b4300000000f01", "PSKd": "bad"}, "PSKd"),
        ("/sim/joiner", {"PSKd": "J01NME"}, "EUI64"),
        ("/sim/remove_joiner", {"EUI64": 5}, "EUI64"),
        (
            "/sim/thread_network",
            {"NetworkName": "", "ExtPanId": "00" * 8, "PanId": 1, "Channel": 11},
            "NetworkName",
        ),
        (
            "/sim/thread_network",
            {"NetworkName": "n", "ExtPanId": "00", "PanId": 1, "Channel": 11},
            "ExtPanId",
        ),
        (
            "/sim/thread_network",
            {"NetworkName": "n", "ExtPanId": "00" * 8, "PanId": 0xFFFF, "Channel": 11},
            "PanId",
        ),
        (
            "/sim/thread_network",
            {"NetworkName": "n", "ExtPanId": "00" * 8, "PanId": 1, "Channel": 27},
            "Channel",
        ),
        (
            "/sim/thread_network",
            {"NetworkName": "n", "ExtPanId": "00" * 8, "PanId": 1, "Channel": 11, "Rssi": 5},
            "Rssi",
        ),
        (
            "/sim/thread_network",
            {"NetworkName": "n", "ExtPanId": "00" * 8, "PanId": 1, "Channel": 11, "Lqi": 256},
            "Lqi",
        ),
        (
            "/sim/thread_network",
            {"NetworkName": "n", "ExtPanId": "00" * 8, "PanId": 1, "Channel": 11, "PSKd": "o"},
            "PSKd",
        ),
    ],
)
async def test_invalid_input_changes_nothing(
    api: httpx.AsyncClient, token: str, path: str, body: dict[str, object], field: str
) -> None:
    before = await call(api, "GET", "/sim/world", token=token)
    data = await call(api, "POST", path, body, token=token)
    assert data["code"] == -32602, data
    assert field in str(data["err_msg"])
    assert await call(api, "GET", "/sim/world", token=token) == before


async def test_state_conflicts_are_32010(api: httpx.AsyncClient, token: str) -> None:
    added = {"EUI64": "18b4300000000f01", "PSKd": "J01NME"}
    assert (await call(api, "POST", "/sim/joiner", added, token=token))["code"] == 0
    again = await call(api, "POST", "/sim/joiner", added, token=token)
    assert again["code"] == -32010
    missing = await call(
        api, "POST", "/sim/remove_joiner", {"EUI64": "18b4300000000f02"}, token=token
    )
    assert missing["code"] == -32030
