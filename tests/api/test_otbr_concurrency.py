"""Concurrent `/otbr/*` changes: applied one after the other, each on top of the last."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx2 as httpx

from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.thread import Dataset
from tests.api.helpers import init_and_login, login, ok_result
from tests.conftest import call


async def _status(api: httpx.AsyncClient, token: str) -> dict[str, Any]:
    return await ok_result(api, token, "GET", "/otbr/get_status")


def _seconds(status: dict[str, Any]) -> int:
    timestamp = Dataset.from_tlvs(status["Network"]["ActiveDataset"]).active_timestamp
    assert timestamp is not None
    return timestamp.seconds


async def test_concurrent_set_configs_both_apply_with_newer_timestamps(
    api: httpx.AsyncClient, clock: ManualClock
) -> None:
    token = await init_and_login(api)
    before = await _status(api, token)
    channel, name = await asyncio.gather(
        call(api, "POST", "/otbr/set_config", {"Channel": 15}, token=token),
        call(api, "POST", "/otbr/set_config", {"NetworkName": "Both-Kept"}, token=token),
    )
    assert channel == {"code": 0, "result": {}}
    assert name == {"code": 0, "result": {}}
    after = await _status(api, token)
    assert after["Network"]["Channel"] == 15
    assert after["Network"]["NetworkName"] == "Both-Kept"
    # The clock did not move, yet each change got a timestamp newer than the one before.
    assert _seconds(after) == _seconds(before) + 2


async def test_concurrent_bad_set_config_changes_nothing(api: httpx.AsyncClient) -> None:
    token = await init_and_login(api)
    before = await _status(api, token)
    good, bad = await asyncio.gather(
        call(api, "POST", "/otbr/set_config", {"Channel": 20}, token=token),
        call(api, "POST", "/otbr/set_config", {"Channel": 27, "NetworkName": "X"}, token=token),
    )
    assert good == {"code": 0, "result": {}}
    assert bad["code"] == -32602
    assert "Channel" in str(bad["err_msg"])
    after = await _status(api, token)
    assert after["Network"]["Channel"] == 20
    assert after["Network"]["NetworkName"] == before["Network"]["NetworkName"]
    assert _seconds(after) == _seconds(before) + 1


async def test_key_join_keeps_a_concurrent_tx_power_change(
    api: httpx.AsyncClient, device: Device
) -> None:
    token = await init_and_login(api)
    join = {
        "CredentialType": "networkKeyType",
        "NetworkKey": "00112233445566778899aabbccddeeff",
        "Channel": 15,
        "PanId": "0x1234",
    }
    power, joined = await asyncio.gather(
        call(api, "POST", "/otbr/set_txpower", {"TXPower": 10}, token=token),
        call(api, "POST", "/otbr/join", join, token=token),
    )
    assert power == {"code": 0, "result": {}}
    assert joined == {"code": 0, "result": {}}
    # Stored as well as on the radio: a restart brings back 10 dBm, not the old 6.
    await device.restart()
    token = await login(api)
    status = await _status(api, token)
    assert status["RCP"]["TXPower"] == 10
    assert status["Network"]["Channel"] == 15


async def test_second_concurrent_pskd_join_is_busy_and_leaves_the_first_alone(
    api: httpx.AsyncClient, clock: ManualClock, device: Device
) -> None:
    token = await init_and_login(api)
    assert device.simulation is not None
    device.simulation.add_network(
        "Neighbour", bytes.fromhex("dead00beef00cafe"), 0x1234, 15, -45, 3, pskd="J01NME"
    )
    assert (await call(api, "POST", "/otbr/start", token=token))["code"] == 0
    await clock.advance_async(10)
    body = {"CredentialType": "pskdType", "PSKd": "J01NME"}
    first, second = await asyncio.gather(
        call(api, "POST", "/otbr/join", body, token=token),
        call(api, "POST", "/otbr/join", body, token=token),
    )
    assert first == {"code": 0, "result": {}}
    assert second["code"] == -32011
    result: dict[str, Any] = {}
    for _ in range(60):
        await clock.advance_async(0.5)
        data = await call(api, "POST", "/otbr/get_join_status", {}, token=token)
        result = data["result"]  # type: ignore[assignment]
        if result["status"] in (5, 6):
            break
    assert result == {"status": 5, "fail_msg": ""}
    for _ in range(20):
        await clock.advance_async(1)
    status = await _status(api, token)
    assert status["Network"]["NetworkName"] == "Neighbour"
