"""The OTBR REST API over the same Thread service as the S20 API, driven in process."""

from __future__ import annotations

import re
from typing import Any

import httpx2 as httpx
import pytest

from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.otbr_rest import create_otbr_rest_app
from s20.otcli import OtCliError
from s20.services.thread import ThreadConfig
from s20.services.thread._otbr_radio import RadioExtras
from tests.api.helpers import init_and_login, login
from tests.conftest import call

# A complete dataset in hex TLVs: timestamp 1, channel 15, all channels, extended PAN ID
# 1111111122222222, mesh-local fdad:70bf:e5aa:15dd::/64, key 0011..eeff, "HA-Test",
# PAN ID 0x1234, PSKc, security policy 672 onrc.
TLVS = (
    "0e080000000000010000000300000f35060004001fffe0020811111111222222220708fdad70bfe5aa15dd"
    "051000112233445566778899aabbccddeeff030748412d54657374010212340410445f2b5ca6f2a93a55ce"
    "570a70efeecb0c0402a0f7f8"
)
PLAIN = {"Content-Type": "text/plain"}
HEX = {"Accept": "text/plain"}


async def status(api: httpx.AsyncClient) -> dict[str, Any]:
    token = await login(api)
    data = await call(api, "GET", "/otbr/get_status", token=token)
    assert data["code"] == 0, data
    result = data["result"]
    assert isinstance(result, dict)
    return result


async def wait_for(clock: ManualClock, rest: httpx.AsyncClient, state: str) -> None:
    for _ in range(60):
        if (await rest.get("/node/state")).json() == state:
            return
        await clock.advance_async(1.0)
    raise AssertionError(f"the node never became {state}")


async def test_json_put_reads_back_as_hex_and_in_get_status(
    blank: Device, rest: httpx.AsyncClient, api: httpx.AsyncClient
) -> None:
    await init_and_login(api)
    body = {
        "activeTimestamp": {"seconds": 7, "ticks": 0, "authoritative": False},
        "networkKey": "00112233445566778899aabbccddeeff",
        "networkName": "HA-Test",
        "extPanId": "1111111122222222",
        "meshLocalPrefix": "fdad:70bf:e5aa:15dd::/64",
        "panId": 4660,
        "channel": 15,
        "pskc": "445f2b5ca6f2a93a55ce570a70efeecb",
        "securityPolicy": {
            "rotationTime": 672,
            "obtainNetworkKey": True,
            "nativeCommissioning": True,
            "routers": True,
            "externalCommissioning": True,
            "tobleLink": True,
        },
        "channelMask": 134215680,
    }
    assert (await rest.put("/node/dataset/active", json=body)).status_code == 201
    hex_form = (await rest.get("/node/dataset/active", headers=HEX)).text
    # In OpenThread's order, with the wake-up channel of the radio's new network.
    channel_at = TLVS.index("000300000f") + 10
    wakeup = hex_form[channel_at : channel_at + 10]
    assert re.fullmatch("4A030000(0[B-F]|1[0-9A])", wakeup), wakeup
    expected = TLVS.replace("0e08000000000001", "0e08000000000007")
    assert hex_form == (expected[:channel_at] + wakeup + expected[channel_at:]).upper()
    network = (await status(api))["Network"]
    assert network["ActiveDataset"] == hex_form.lower()
    assert network["NetworkName"] == "HA-Test"
    assert network["Channel"] == 15
    assert network["PanId"] == "0x1234"
    assert network["NetworkKey"] == "00112233445566778899aabbccddeeff"
    assert network["Passphrase"] == ""  # unknown for a dataset that came without one
    assert blank.thread.config.dataset == hex_form.lower()
    # The JSON form reads back what was put, with `Routers` as the agent writes it.
    read = (await rest.get("/node/dataset/active")).json()
    assert read["securityPolicy"]["Routers"] is True
    assert {k: v for k, v in read.items() if k != "securityPolicy"} == {
        k: v for k, v in body.items() if k != "securityPolicy"
    }


async def test_set_config_through_the_s20_api_shows_here(
    device: Device, rest: httpx.AsyncClient, api: httpx.AsyncClient
) -> None:
    token = await init_and_login(api)
    change = {"NetworkName": "Kitchen", "Channel": 20}
    assert (await call(api, "POST", "/otbr/set_config", change, token=token))["code"] == 0
    dataset = (await rest.get("/node/dataset/active")).json()
    assert (dataset["networkName"], dataset["channel"]) == ("Kitchen", 20)
    assert (await rest.get("/node/network-name")).json() == "Kitchen"


async def test_tlv_put_keeps_the_tlvs_it_does_not_name(
    blank: Device, rest: httpx.AsyncClient
) -> None:
    await rest.put("/node/dataset/active", content=TLVS, headers=PLAIN)
    named = "000300000b" + "030454657374"  # channel 11, name "Test"
    assert (await rest.put("/node/dataset/active", content=named, headers=PLAIN)).status_code == 200
    hex_form = (await rest.get("/node/dataset/active", headers=HEX)).text.lower()
    kept = TLVS.replace("000300000f", "").replace("030748412d54657374", "")
    assert hex_form[10:] == kept + named
    assert (await rest.get("/node/network-name")).json() == "Test"


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b'{"networkName": "HA-Test", "channel": ', {}),
        (b"[1, 2]", {}),
        (b'{"networkKey": "0011"}', {}),
        (b'{"panId": 70000}', {}),
        (b'{"channel": true}', {}),
        (b'{"activeTimestamp": 5}', {}),
        (b'{"meshLocalPrefix": "fd00::/48"}', {}),
        (b'{"networkName": "seventeen bytes!!"}', {}),
        (b"0e08zz", PLAIN),
        (b"0e", PLAIN),
        (TLVS.encode(), {"Content-Type": "text/plain; charset=utf-8"}),
    ],
)
async def test_a_body_the_agent_cannot_use_is_405_and_changes_nothing(
    device: Device, rest: httpx.AsyncClient, body: bytes, headers: dict[str, str]
) -> None:
    before = (await rest.get("/node/dataset/active", headers=HEX)).text
    response = await rest.put("/node/dataset/active", content=body, headers=headers)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST, DELETE, OPTIONS"
    assert response.json() == {
        "title": "Method Not Allowed",
        "status": 405,
        "details": "method not supported",
    }
    assert (await rest.get("/node/dataset/active", headers=HEX)).text == before


async def test_the_active_dataset_is_409_while_thread_runs(
    device: Device, rest: httpx.AsyncClient, clock: ManualClock
) -> None:
    assert (await rest.put("/node/state", content=b'"enable"')).status_code == 200
    await wait_for(clock, rest, "leader")
    before = (await rest.get("/node/dataset/active", headers=HEX)).text
    for body, headers in ((b'{"channel": 11}', {}), (TLVS.encode(), PLAIN)):
        response = await rest.put("/node/dataset/active", content=body, headers=headers)
        assert response.status_code == 409
        assert response.json()["title"] == "Conflict"
    assert (await rest.get("/node/dataset/active", headers=HEX)).text == before


async def test_a_channel_change_through_the_pending_dataset_becomes_active_after_its_delay(
    device: Device, rest: httpx.AsyncClient, api: httpx.AsyncClient, clock: ManualClock
) -> None:
    await init_and_login(api)
    await rest.put("/node/state", content=b'"enable"')
    await wait_for(clock, rest, "leader")
    active = (await rest.get("/node/dataset/active")).json()
    old_channel = active["channel"]
    new_channel = 11 if old_channel != 11 else 12
    active["activeTimestamp"]["seconds"] += 1
    active["channel"] = new_channel
    body = {"activeDataset": active, "delay": 300000}
    response = await rest.put("/node/dataset/pending", json=body, headers={"If-None-Match": "*"})
    assert response.status_code == 201
    await clock.advance_async(100.0)
    pending = (await rest.get("/node/dataset/pending")).json()
    assert pending["delay"] == 200000
    assert (await rest.get("/node/dataset/active")).json()["channel"] == old_channel
    await clock.advance_async(200.5)
    assert (await rest.get("/node/dataset/pending")).status_code == 204
    assert (await rest.get("/node/dataset/active")).json()["channel"] == new_channel
    assert (await status(api))["Network"]["Channel"] == new_channel
    # The stored configuration followed, with the passphrase of the same network kept.
    stored = ThreadConfig.load(device.db)
    assert stored is not None
    assert stored.active.channel == new_channel
    assert stored.passphrase == "goodlife"


async def test_a_pending_dataset_needs_a_delay(device: Device, rest: httpx.AsyncClient) -> None:
    response = await rest.put("/node/dataset/pending", json={"activeDataset": {"channel": 22}})
    assert response.status_code == 405
    assert (await rest.get("/node/dataset/pending")).status_code == 204


async def test_delete_node_erases_the_thread_side(
    device: Device, rest: httpx.AsyncClient, api: httpx.AsyncClient, clock: ManualClock
) -> None:
    await init_and_login(api)
    old_ba_id = (await rest.get("/node/ba-id")).json()
    await rest.put("/node/state", content=b'"enable"')
    await wait_for(clock, rest, "leader")
    assert (await rest.delete("/node")).status_code == 200
    assert (await rest.get("/node/state")).json() == "disabled"
    assert (await rest.get("/node/dataset/active")).status_code == 204
    assert (await rest.get("/node/dataset/pending", headers=HEX)).status_code == 204
    assert (await rest.get("/node/ba-id")).json() != old_ba_id
    node = (await rest.get("/node")).json()
    assert (node["networkName"], node["extPanId"]) == ("OpenThread", "dead00beef00cafe")
    network = (await status(api))["Network"]
    assert (network["ActiveDataset"], network["NetworkName"]) == ("", "")
    stored = ThreadConfig.load(device.db)
    assert stored is not None
    assert (stored.dataset, stored.enabled) == ("", False)


async def test_a_device_with_no_dataset_starts_again_without_one(
    blank: Device, rest: httpx.AsyncClient
) -> None:
    await blank.restart()
    assert (await rest.get("/node/dataset/active")).status_code == 204
    assert (await rest.get("/node/state")).json() == "disabled"


CHANGES = [
    ("PUT", "/node/state", b'"enable"', {}),
    ("PUT", "/node/dataset/active", b'{"channel": 12}', {}),
    ("PUT", "/node/dataset/active", TLVS.encode(), PLAIN),
    ("PUT", "/node/dataset/pending", b'{"activeDataset": {"channel": 12}, "delay": 1000}', {}),
    ("DELETE", "/node", b"", {}),
    ("DELETE", "/node/dataset/active", b"", {}),
    ("POST", "/node/commissioner/joiner", b"{}", {}),
    ("PUT", "/node/ba-id", b'"x"', {}),
    ("PATCH", "/node/state", b'"enable"', {}),
]


async def test_read_only_refuses_every_change_and_nothing_changes(device: Device) -> None:
    app = create_otbr_rest_app(device, read_only=True)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50002))
    async with httpx.AsyncClient(transport=transport, base_url="http://otbr.test") as rest:
        before = [(await rest.get(path, headers=HEX)).text for path in READS]
        for method, path, body, headers in CHANGES:
            response = await rest.request(method, path, content=body, headers=headers)
            assert response.status_code == 403, (method, path)
            assert response.json()["title"] == "Forbidden"
            assert "read-only" in response.json()["details"]
        assert [(await rest.get(path, headers=HEX)).text for path in READS] == before
        assert (await rest.get("/node/dataset/active")).status_code == 200


READS = ["/node", "/node/state", "/node/dataset/active", "/node/dataset/pending", "/node/ba-id"]


async def test_cors_preflight_and_headers(rest: httpx.AsyncClient) -> None:
    response = await rest.options(
        "/node/state", headers={"Origin": "http://ha", "Access-Control-Request-Method": "PUT"}
    )
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-allow-methods"] == "DELETE, GET, OPTIONS, POST"
    assert (await rest.options("/nowhere")).status_code == 404


async def test_hex_only_with_exactly_text_plain(rest: httpx.AsyncClient) -> None:
    for accept in ("text/plain, */*", "*/*", "application/json"):
        response = await rest.get("/node/dataset/active", headers={"Accept": accept})
        assert response.headers["content-type"] == "application/json", accept
    response = await rest.get("/node/dataset/active", headers=HEX)
    assert response.headers["content-type"] == "text/plain"
    assert response.text == response.text.upper()


async def test_json_api_collections_need_an_acceptable_accept(rest: httpx.AsyncClient) -> None:
    assert (await rest.get("/api/actions", headers={"Accept": "text/html"})).status_code == 406
    response = await rest.get("/api/actions", headers={"Accept": "*/*"})
    assert response.headers["content-type"] == "application/vnd.api+json"
    assert response.json()["meta"]["collection"] == {
        "offset": 0,
        "limit": 200,
        "total": 0,
        "pending": 0,
    }


async def test_a_radio_without_ba_id_still_erases_the_thread_side(
    device: Device, rest: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def no_ba_id(_self: RadioExtras, _ba_id: bytes) -> None:
        raise OtCliError(35, "InvalidCommand", "ba id")

    monkeypatch.setattr(RadioExtras, "set_border_agent_id", no_ba_id)
    assert (await rest.delete("/node")).status_code == 200
    assert (await rest.get("/node/dataset/active")).status_code == 204
    stored = ThreadConfig.load(device.db)
    assert stored is not None
    assert stored.dataset == ""


async def test_a_pending_dataset_may_carry_its_active_dataset_as_tlvs(
    blank: Device, rest: httpx.AsyncClient
) -> None:
    body = {"activeDataset": TLVS, "delay": 60000}
    assert (await rest.put("/node/dataset/pending", json=body)).status_code == 201
    pending = (await rest.get("/node/dataset/pending")).json()
    assert pending["delay"] == 60000
    active = pending["activeDataset"]
    assert (active["networkName"], active["channel"], active["panId"]) == ("HA-Test", 15, 4660)
    assert active["networkKey"] == "00112233445566778899aabbccddeeff"
    # Only what the TLVs carry replaced the new network's: its wake-up channel remains.
    assert "4A030000" in (await rest.get("/node/dataset/pending", headers=HEX)).text


async def test_a_pending_dataset_set_before_a_restart_is_stored_when_it_becomes_active(
    device: Device, rest: httpx.AsyncClient, clock: ManualClock
) -> None:
    await rest.put("/node/state", content=b'"enable"')
    await wait_for(clock, rest, "leader")
    active = (await rest.get("/node/dataset/active")).json()
    new_channel = 11 if active["channel"] != 11 else 12
    body = {"activeDataset": {"channel": new_channel}, "delay": 30000}
    assert (await rest.put("/node/dataset/pending", json=body)).status_code == 201
    await clock.advance_async(10.0)
    await device.restart()
    await clock.advance_async(20.5)
    assert (await rest.get("/node/dataset/active")).json()["channel"] == new_channel
    stored = ThreadConfig.load(device.db)
    assert stored is not None
    assert stored.active.channel == new_channel


async def test_a_restart_leaves_no_old_service_to_store_the_applied_pending_dataset(
    device: Device, rest: httpx.AsyncClient, clock: ManualClock
) -> None:
    await rest.put("/node/state", content=b'"enable"')
    await wait_for(clock, rest, "leader")
    body = {"activeDataset": {"channel": 12}, "delay": 10000}
    assert (await rest.put("/node/dataset/pending", json=body)).status_code == 201
    await device.restart()
    await device.thread.set_txpower(10)  # a change the new service stores
    await clock.advance_async(11.0)
    stored = ThreadConfig.load(device.db)
    assert stored is not None
    assert stored.txpower == 10
