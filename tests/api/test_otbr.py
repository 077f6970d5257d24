"""`/otbr/*` end to end through HTTP, on the simulated radio and the manual clock."""

from __future__ import annotations

from typing import Any

import httpx2 as httpx
import pytest

from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.thread import Dataset, pskc
from tests.api.helpers import init_and_login
from tests.conftest import call

# Transcript 03: "Test Network", 0001020304050607, 12SECRETPASSWORD34.
PSKC_03 = "c3f59368445a1b6106be420a706d4cc9"
EUI_A, EUI_B = "18b4300000000002", "18b4300000000003"


class Api:
    """A logged-in caller that asserts success unless told otherwise."""

    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self.http, self.token = http, token

    async def raw(self, method: str, path: str, body: object = None) -> dict[str, Any]:
        return await call(self.http, method, path, body, token=self.token)

    async def ok(self, method: str, path: str, body: object = None) -> dict[str, Any]:
        data = await self.raw(method, path, body)
        assert data["code"] == 0, (path, data)
        result = data["result"]
        assert isinstance(result, dict)
        return result

    async def status(self) -> dict[str, Any]:
        return await self.ok("GET", "/otbr/get_status")

    async def joiners(self) -> dict[str, dict[str, Any]]:
        result = await self.ok("GET", "/otbr/get_joiner_list")
        return {str(e["EUI64"]): e for e in result["DeviceList"]}


@pytest.fixture
async def s20(api: httpx.AsyncClient) -> Api:
    return Api(api, await init_and_login(api))


async def run(clock: ManualClock, s20: Api, seconds: float, step: float = 1.0) -> None:
    """Move time in steps, keeping the session alive as a polling app would."""
    elapsed = 0.0
    while elapsed < seconds:
        await clock.advance_async(step)
        elapsed += step
        await s20.ok("GET", "/otbr/get_commissioning_status")


async def start_leader(s20: Api, clock: ManualClock) -> None:
    await s20.ok("POST", "/otbr/start")
    # A node that was attached before looks for its partition ~35 s before re-forming.
    for _ in range(60):
        await run(clock, s20, 1)
        if (await s20.status())["RCP"]["State"] == 4:
            return
    raise AssertionError("never became leader")


async def test_fresh_device_has_default_network_thread_off(s20: Api, device: Device) -> None:
    status = await s20.status()
    net, rcp = status["Network"], status["RCP"]
    assert isinstance(net, dict)
    assert isinstance(rcp, dict)
    mac_tail = device.identity.eth_mac.replace(":", "")[-3:].upper()
    assert net["NetworkName"] == f"GL-S20-{mac_tail}"
    assert net["Channel"] == 26
    assert net["Passphrase"] == "goodlife"
    assert rcp["State"] == 0
    assert rcp["TXPower"] == 6
    assert status["ThreadVersion"] == "v1.4"
    assert status["OpenThreadVersionAPI"] == "552"
    assert isinstance(status["OTBRVersion"], str)
    assert status["OTBRVersion"]
    assert isinstance(rcp["Rloc16"], int)
    assert len(str(rcp["EUI64"])) == 16
    assert str(net["PanId"]).startswith("0x")
    assert len(str(net["PanId"])) == 6
    dataset = Dataset.from_tlvs(str(net["ActiveDataset"]))
    assert net["PSKc"] == pskc("goodlife", str(net["NetworkName"]), dataset.ext_pan_id or b"").hex()
    assert dataset.network_key is not None
    assert net["NetworkKey"] == dataset.network_key.hex()
    info = await s20.ok("GET", "/sys/get_info")
    assert info == {"wan_status": 2, "thread_nwk_status": 0, "thread_commissioner_status": 0}


async def test_start_makes_leader_and_stop_disables(s20: Api, clock: ManualClock) -> None:
    await start_leader(s20, clock)
    await run(clock, s20, 4)  # border routing publishes its OMR prefix ~3 s after attach
    status = await s20.status()
    assert status["Network"]["IPv6"]
    # The simulated S20 is an otbr-agent with an RCP, as transcript 11 records one.
    assert status["RCP"]["RCPVersion"].startswith("OPENTHREAD/")
    assert status["RCP"]["RCPVersion"] != status["OTBRVersion"]
    prefix = status["Network"]["OnMeshPrefix"]
    assert prefix.startswith("fd")
    assert prefix.endswith("::/64")
    omr_prefix = prefix.removesuffix("::/64")
    assert any(a.startswith(omr_prefix) for a in status["Network"]["IPv6"])
    assert (await s20.ok("GET", "/sys/get_info"))["thread_nwk_status"] == 1
    await s20.ok("POST", "/otbr/stop")
    assert (await s20.status())["RCP"]["State"] == 0


async def test_set_config_derives_pskc(s20: Api, clock: ManualClock) -> None:
    await start_leader(s20, clock)
    await s20.ok(
        "POST",
        "/otbr/set_config",
        {
            "Passphrase": "12SECRETPASSWORD34",
            "NetworkName": "Test Network",
            "ExtPanId": "0001020304050607",
            "Channel": 15,
            "PanId": "0xBEEF",
            "NetworkKey": "00112233445566778899AABBCCDDEEFF",
        },
    )
    net = (await s20.status())["Network"]
    assert isinstance(net, dict)
    assert net["PSKc"] == PSKC_03
    dataset = Dataset.from_tlvs(str(net["ActiveDataset"]))
    assert dataset.network_name == net["NetworkName"] == "Test Network"
    assert dataset.ext_pan_id is not None
    assert dataset.ext_pan_id.hex() == net["ExtPanId"] == "0001020304050607"
    assert dataset.channel == net["Channel"] == 15
    assert f"0x{dataset.pan_id:04x}" == net["PanId"] == "0xbeef"
    assert dataset.network_key is not None
    assert dataset.network_key.hex() == net["NetworkKey"] == "00112233445566778899aabbccddeeff"
    assert dataset.pskc is not None
    assert dataset.pskc.hex() == PSKC_03
    assert str(dataset.mesh_local_prefix) == net["MeshLocalPrefix"]
    await start_leader(s20, clock)  # Thread restarted on the new dataset and comes back


async def test_commissioning_flow(s20: Api, clock: ManualClock, device: Device) -> None:
    assert (await s20.raw("POST", "/otbr/set_commissioning", {"Enable": True}))["code"] == -32010
    await s20.ok("POST", "/otbr/add_joiner", {"EUI64": EUI_A.upper(), "PSKd": "J01NME"})
    await start_leader(s20, clock)
    await s20.ok("POST", "/otbr/set_commissioning", {"Enable": True})
    await run(clock, s20, 2)
    assert (await s20.ok("GET", "/otbr/get_commissioning_status"))["State"] == 1
    await s20.ok("POST", "/otbr/add_joiner", {"EUI64": "*", "PSKd": "J02NME", "Timeout": 600})
    await s20.ok(
        "POST", "/otbr/add_joiner", {"EUI64": "18b4300000000009", "PSKd": "LATE99", "Timeout": 30}
    )
    table = await s20.joiners()
    assert table[EUI_A]["Status"] == 0
    assert table[EUI_A]["Timeout"] == 120
    assert table[EUI_A]["AddTime"] == int(clock.time()) or table[EUI_A]["AddTime"] > 0

    world = device.simulation
    assert world is not None
    world.add_joiner_device(bytes.fromhex(EUI_A), "J01NME")
    world.add_joiner_device(bytes.fromhex(EUI_B), "J02NME")  # through the wildcard
    world.add_joiner_device(bytes.fromhex("18b4300000000007"), "BADPSK1")
    seen: dict[str, set[int]] = {EUI_A: set(), "*": set()}
    for _ in range(40):
        await run(clock, s20, 0.5, 0.25)
        table = await s20.joiners()
        for key in seen:
            seen[key].add(int(table[key]["Status"]))
    assert {1, 2} <= seen[EUI_A], seen
    assert 2 in seen["*"], seen
    table = await s20.joiners()
    assert table[EUI_A]["JoinedTime"] >= table[EUI_A]["AddTime"] > 0
    # The entry nobody joins with times out after its 30 s.
    assert table["18b4300000000009"]["Status"] in (0, 1)
    await run(clock, s20, 31)
    table = await s20.joiners()
    assert table["18b4300000000009"]["Status"] == 3
    assert table[EUI_A]["Status"] == 2
    await s20.ok("POST", "/otbr/rejoin_all", {"Type": 1, "Timeout": 100})
    table = await s20.joiners()
    assert table["18b4300000000009"]["Status"] == 0
    assert table["18b4300000000009"]["Timeout"] == 100
    assert table[EUI_A]["Status"] == 2
    # The table survives a restart.
    before = await s20.joiners()
    await s20.ok("POST", "/sys/restart")
    token = await init_login_again(s20)
    s20.token = token
    assert await s20.joiners() == before


async def init_login_again(s20: Api) -> str:
    from tests.api.helpers import login

    return await login(s20.http)


async def test_wrong_pskd_never_joins(s20: Api, clock: ManualClock, device: Device) -> None:
    await start_leader(s20, clock)
    await s20.ok("POST", "/otbr/set_commissioning", {"Enable": True})
    await s20.ok("POST", "/otbr/add_joiner", {"EUI64": EUI_A, "PSKd": "J01NME"})
    assert device.simulation is not None
    device.simulation.add_joiner_device(bytes.fromhex(EUI_A), "BADPSK1")
    statuses = set()
    for _ in range(30):
        await run(clock, s20, 1)
        statuses.add((await s20.joiners())[EUI_A]["Status"])
    assert 2 not in statuses
    assert 1 in statuses


async def test_export_import_commit_round_trip(s20: Api) -> None:
    await s20.ok("POST", "/otbr/add_joiner", {"EUI64": EUI_A, "PSKd": "J01NME"})
    await s20.ok("POST", "/otbr/add_joiner", {"PSKd": "J02NME"})
    exported = await s20.ok("GET", "/otbr/export_joiner_list")
    assert exported == {
        "joiner_list_version": "1",
        "DeviceList": [{"EUI64": EUI_A, "PSKd": "J01NME"}, {"EUI64": "*", "PSKd": "J02NME"}],
    }
    assert (await s20.raw("POST", "/otbr/commit_joiner_list", {}))["code"] == -32010
    await s20.ok("POST", "/otbr/remove_joiner_list", {"DeviceList": [EUI_A, "*", EUI_B]})
    assert await s20.joiners() == {}
    await s20.ok("POST", "/otbr/import_joiner_list", exported)
    assert await s20.joiners() == {}
    await s20.ok("POST", "/otbr/commit_joiner_list", {"Timeout": 300})
    table = await s20.joiners()
    assert [(k, v["PSKd"], v["Timeout"], v["Status"]) for k, v in table.items()] == [
        (EUI_A, "J01NME", 300, 0),
        ("*", "J02NME", 300, 0),
    ]
    assert (await s20.raw("POST", "/otbr/commit_joiner_list", {}))["code"] == -32010


async def test_joiner_table_holds_50(s20: Api) -> None:
    for i in range(50):
        await s20.ok("POST", "/otbr/add_joiner", {"EUI64": f"{i:016x}", "PSKd": "J01NME"})
    await s20.ok("POST", "/otbr/add_joiner", {"EUI64": f"{7:016x}", "PSKd": "J02NME"})
    full = await s20.raw("POST", "/otbr/add_joiner", {"EUI64": "*", "PSKd": "J01NME"})
    assert full["code"] == -32010
    assert len(await s20.joiners()) == 50
    staged = {"joiner_list_version": "1", "DeviceList": [{"EUI64": "*", "PSKd": "J01NME"}]}
    await s20.ok("POST", "/otbr/import_joiner_list", staged)
    assert (await s20.raw("POST", "/otbr/commit_joiner_list", {}))["code"] == -32010
    assert "*" not in await s20.joiners()


async def test_txpower_and_generate(s20: Api, clock: ManualClock) -> None:
    await s20.ok("POST", "/otbr/set_txpower", {"TXPower": -10})
    assert (await s20.status())["RCP"]["TXPower"] == -10
    before = (await s20.status())["Network"]
    await start_leader(s20, clock)
    generated = await s20.ok("GET", "/otbr/generate_thread_network")
    after = (await s20.status())["Network"]
    assert isinstance(before, dict)
    assert isinstance(after, dict)
    assert after["NetworkKey"] != before["NetworkKey"]
    assert after["ExtPanId"] != before["ExtPanId"]
    assert after["Channel"] == before["Channel"]
    assert after["Passphrase"] == before["Passphrase"]
    assert generated["Network"]["NetworkKey"] == after["NetworkKey"]
    assert (await s20.status())["RCP"]["TXPower"] == -10
    await start_leader(s20, clock)


async def test_bbr(s20: Api, clock: ManualClock) -> None:
    assert (await s20.ok("GET", "/otbr/get_bbr_status"))["State"] == 0
    assert (await s20.raw("POST", "/otbr/enable_bbr"))["code"] == -32010
    await start_leader(s20, clock)
    await s20.ok("POST", "/otbr/enable_bbr")
    await run(clock, s20, 10)
    assert (await s20.ok("GET", "/otbr/get_bbr_status"))["State"] == 1
    await s20.ok("POST", "/otbr/disable_bbr")
    assert (await s20.ok("GET", "/otbr/get_bbr_status"))["State"] == 0


async def test_scan_lists_the_neighbourhood(s20: Api, clock: ManualClock, device: Device) -> None:
    assert device.simulation is not None
    device.simulation.add_network(
        "Neighbour", bytes.fromhex("dead00beef00cafe"), 0x1234, 15, -45, 3
    )
    import asyncio

    task = asyncio.create_task(s20.ok("GET", "/otbr/scan"))
    for _ in range(20):
        await clock.advance_async(0.5)
        if task.done():
            break
    found = (await task)["ScanList"]
    assert {
        "Channel": 15,
        "Rssi": -45,
        "Lqi": 3,
        "NetworkName": "Neighbour",
        "ExtPanId": "dead00beef00cafe",
        "PanId": 0x1234,
    } in found


async def test_join_with_pskd(s20: Api, clock: ManualClock, device: Device) -> None:
    assert device.simulation is not None
    device.simulation.add_network(
        "Neighbour", bytes.fromhex("dead00beef00cafe"), 0x1234, 15, -45, 3, pskd="J01NME"
    )
    await s20.ok("POST", "/otbr/join", {"CredentialType": "pskdType", "PSKd": "J01NME"})
    busy = await s20.raw("POST", "/otbr/join", {"CredentialType": "pskdType", "PSKd": "J01NME"})
    assert busy["code"] == -32011
    seen = []
    for _ in range(30):
        await run(clock, s20, 0.5, 0.25)
        seen.append((await s20.ok("POST", "/otbr/get_join_status", {}))["status"])
        if seen[-1] == 5:
            break
    assert seen[-1] == 5, seen
    assert 1 in seen
    for _ in range(20):
        await run(clock, s20, 1)
    status = await s20.status()
    assert status["Network"]["NetworkName"] == "Neighbour"
    assert status["Network"]["ExtPanId"] == "dead00beef00cafe"
    assert status["RCP"]["State"] >= 2


async def test_join_with_unknown_pskd_fails(s20: Api, clock: ManualClock, device: Device) -> None:
    assert device.simulation is not None
    device.simulation.add_network(
        "Neighbour", bytes.fromhex("dead00beef00cafe"), 0x1234, 15, -45, 3, pskd="J01NME"
    )
    await s20.ok("POST", "/otbr/join", {"CredentialType": "pskdType", "PSKd": "ABCDEF9"})
    result: dict[str, Any] = {}
    for _ in range(40):
        await run(clock, s20, 0.5, 0.25)
        result = await s20.ok("POST", "/otbr/get_join_status", {"CredentialType": "pskdType"})
        if result["status"] == 6:
            break
    assert result["status"] == 6
    assert result["fail_msg"] in ("Security", "NotFound")


async def test_entries_beyond_the_radio_wait_their_turn(
    s20: Api, clock: ManualClock, device: Device
) -> None:
    # The radio's commissioner holds 4 entries (OpenThread POSIX); the table holds 50.
    await start_leader(s20, clock)
    await s20.ok("POST", "/otbr/set_commissioning", {"Enable": True})
    await run(clock, s20, 1)
    first = [f"18b43000000007{i:02x}" for i in range(4)]
    for eui in first:
        await s20.ok("POST", "/otbr/add_joiner", {"EUI64": eui, "PSKd": "J01NME", "Timeout": 10})
    late = "18b4300000000799"
    await s20.ok("POST", "/otbr/add_joiner", {"EUI64": late, "PSKd": "LATE99", "Timeout": 60})
    await run(clock, s20, 11)
    table = await s20.joiners()
    assert [table[e]["Status"] for e in first] == [3, 3, 3, 3]
    assert table[late]["Status"] == 0
    # Its 60 s count from when the radio took it (~10 s in), not from add_joiner.
    assert device.simulation is not None
    await run(clock, s20, 50)
    assert (await s20.joiners())[late]["Status"] == 0
    device.simulation.add_joiner_device(bytes.fromhex(late), "LATE99")
    for _ in range(40):
        await run(clock, s20, 0.5, 0.25)
        if (await s20.joiners())[late]["Status"] == 2:
            break
    assert (await s20.joiners())[late]["Status"] == 2


async def test_reset_erases_the_thread_state(s20: Api, clock: ManualClock, device: Device) -> None:
    await s20.ok("POST", "/otbr/set_txpower", {"TXPower": 3})
    await s20.ok("POST", "/otbr/add_joiner", {"EUI64": EUI_A, "PSKd": "J01NME"})
    await s20.ok(
        "POST",
        "/otbr/import_joiner_list",
        {"joiner_list_version": "1", "DeviceList": [{"EUI64": "*", "PSKd": "J02NME"}]},
    )
    await start_leader(s20, clock)
    old = (await s20.status())["Network"]
    await s20.ok("POST", "/sys/reset")
    token = await init_and_login(s20.http, "password-after-reset")
    s20.token = token
    status = await s20.status()
    assert status["RCP"]["State"] == 0
    assert status["RCP"]["TXPower"] == 6
    assert status["Network"]["NetworkKey"] != old["NetworkKey"]
    assert status["Network"]["Passphrase"] == "goodlife"
    assert await s20.joiners() == {}
    assert (await s20.raw("POST", "/otbr/commit_joiner_list", {}))["code"] == -32010
    assert (await s20.ok("GET", "/otbr/get_commissioning_status"))["State"] == 0


async def test_concurrent_status_polls_share_one_radio_read(
    s20: Api, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    import asyncio
    import logging

    await s20.status()
    clock.advance(1.0)  # the answer is read again: the five polls wait for that one read
    with caplog.at_level(logging.DEBUG, logger="s20.otcli"):
        results = await asyncio.gather(*(s20.status() for _ in range(5)))
    assert all(r == results[0] for r in results)
    sent = [r.getMessage() for r in caplog.records if r.getMessage().startswith("-> ")]
    assert sent.count("-> state") == 1, sent


async def test_a_poll_after_a_change_does_not_join_an_older_read(
    device: Device, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from s20.services.thread import _status

    release = asyncio.Event()
    reads: list[int] = []

    async def slow_read(*_: object) -> dict[str, Any]:
        reads.append(len(reads) + 1)
        number = reads[-1]
        await release.wait()
        return {"read": number}

    monkeypatch.setattr(_status, "read_status", slow_read)
    thread = device.thread
    first = asyncio.create_task(thread.get_status())
    joined = asyncio.create_task(thread.get_status())
    await asyncio.sleep(0)
    await thread.set_txpower(15)  # a change while read 1 is under way
    after = asyncio.create_task(thread.get_status())
    await asyncio.sleep(0)
    release.set()
    assert await first == {"read": 1}
    assert await joined == {"read": 1}
    assert await after == {"read": 2}


async def test_joiner_countdown_survives_a_restart(
    s20: Api, clock: ManualClock, device: Device
) -> None:
    await start_leader(s20, clock)
    await s20.ok("POST", "/otbr/set_commissioning", {"Enable": True})
    await run(clock, s20, 1)
    await s20.ok("POST", "/otbr/add_joiner", {"EUI64": EUI_A, "PSKd": "J01NME", "Timeout": 100})
    await run(clock, s20, 60)
    await s20.ok("POST", "/sys/restart")
    from tests.api.helpers import login

    s20.token = await login(s20.http)
    await run(clock, s20, 30)  # 90 s since it was armed: still waiting
    assert (await s20.joiners())[EUI_A]["Status"] == 0
    await run(clock, s20, 12)  # 102 s: its 100 s ran out (not 160 s, as a fresh count would)
    assert (await s20.joiners())[EUI_A]["Status"] == 3


async def test_joiner_that_ran_out_while_away_is_timed_out(
    s20: Api, clock: ManualClock, device: Device
) -> None:
    await start_leader(s20, clock)
    await s20.ok("POST", "/otbr/set_commissioning", {"Enable": True})
    await run(clock, s20, 1)
    await s20.ok("POST", "/otbr/add_joiner", {"EUI64": EUI_A, "PSKd": "J01NME", "Timeout": 10})
    await device.stop()  # s20d is down while the time runs out
    await clock.advance_async(30)
    await device.restart()
    from tests.api.helpers import login

    s20.token = await login(s20.http)
    await run(clock, s20, 2)
    assert (await s20.joiners())[EUI_A]["Status"] == 3


async def test_commissioner_off_and_on_starts_the_countdown_afresh(
    s20: Api, clock: ManualClock
) -> None:
    await start_leader(s20, clock)
    await s20.ok("POST", "/otbr/set_commissioning", {"Enable": True})
    await run(clock, s20, 1)
    await s20.ok("POST", "/otbr/add_joiner", {"EUI64": EUI_A, "PSKd": "J01NME", "Timeout": 30})
    await run(clock, s20, 20)
    await s20.ok("POST", "/otbr/set_commissioning", {"Enable": False})
    await s20.ok("POST", "/otbr/set_commissioning", {"Enable": True})
    await run(clock, s20, 20)  # 40 s since add_joiner, 20 s since handed over again
    assert (await s20.joiners())[EUI_A]["Status"] == 0
    await run(clock, s20, 12)
    assert (await s20.joiners())[EUI_A]["Status"] == 3
