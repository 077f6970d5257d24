"""Radio: each typed method sends the recorded command and reads the recorded reply."""

from __future__ import annotations

from ipaddress import IPv6Address, IPv6Network

import pytest

from s20.clock import ManualClock
from s20.otcli import (
    BbrConfig,
    BbrState,
    BorderRoutingState,
    CommissionerJoinerEvent,
    CommissionerState,
    CommissionerStateChanged,
    DeviceRole,
    Discerner,
    JoinerEventKind,
    JoinerState,
    JoinResult,
    OtCli,
    OtCliError,
    Radio,
    RadioEvent,
    ScanResult,
)
from s20.otcli._commands import joiner_arg

from .fakes import ScriptedConnection, ScriptedTransport, daemon_reply, echo_reply
from .transcripts import Exchange, exchanges, otbr_calls


def pick(name: str, node: str, command: str, nth: int = 0) -> Exchange:
    """Return the nth recorded exchange of `command` on a node."""
    return [ex for ex in exchanges(name, node) if ex.command == command][nth]


class Peer:
    """Answers exactly the recorded exchanges it was given; anything else fails the test."""

    def __init__(self, *recorded: Exchange, echo: bool = True) -> None:
        self.replies = {ex.command: (echo_reply if echo else daemon_reply)(ex) for ex in recorded}
        self.conn = ScriptedConnection(self._respond)

    def _respond(self, line: str) -> list[bytes]:
        assert line in self.replies, f"unexpected command {line!r}"
        return [self.replies[line]]

    @property
    def sent(self) -> list[str]:
        return self.conn.written


async def radio_for(peer: Peer) -> Radio:
    cli = OtCli(ScriptedTransport(peer.conn), ManualClock())
    await cli.start()
    return Radio(cli)


async def test_identity_of_a_fresh_node() -> None:
    # 01_basic_info.txt:10-177: a fresh node, interface down, no dataset.
    n1 = [ex for ex in exchanges("01", "n1") if ex.result]
    peer = Peer(*n1)
    radio = await radio_for(peer)
    assert await radio.state() == DeviceRole.DISABLED
    versions = await radio.versions()
    assert versions.version == "OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:44:37"
    assert (versions.api, versions.thread, versions.rcp) == (552, 5, None)  # rcp: NotImplemented
    assert await radio.extaddr() == "feeb11dcf64e31d7"
    assert await radio.eui64() == "18b4300000000001"
    assert await radio.rloc16() == 0xFFFE
    assert await radio.channel() == 11
    assert await radio.panid() == 0xFFFF
    assert await radio.extpanid() == "dead00beef00cafe"
    assert await radio.networkname() == "OpenThread"
    assert await radio.pskc() == "0" * 32
    assert await radio.ipaddrs() == []
    assert await radio.ifconfig() is False
    assert await radio.active_dataset_hex() is None  # 01_basic_info.txt:120-122: NotFound
    assert await radio.commissioner_state() == CommissionerState.DISABLED
    assert await radio.joiner_state() == JoinerState.IDLE
    assert await radio.joiner_id() == "cfe0d8dd4efc2973"
    assert await radio.bbr_state() == BbrState.DISABLED
    assert await radio.bbr() is None
    await radio.set_txpower(10)
    assert "txpower 10" in peer.sent
    await radio.cli.close()


async def test_txpower_reads_before_and_after_setting() -> None:
    # 01_basic_info.txt:37 and :44
    before, after = pick("01", "n1", "txpower"), pick("01", "n1", "txpower", 1)
    radio = await radio_for(Peer(before))
    assert await radio.txpower() == 0
    await radio.cli.close()
    radio = await radio_for(Peer(after))
    assert await radio.txpower() == 10
    await radio.cli.close()


async def test_versions_with_a_radio_co_processor() -> None:
    # 10_otctl_daemon.txt:13-28: ot-daemon with an RCP, through the socket.
    ctl = [ex for ex in exchanges("10", "ctl") if ex.result]
    radio = await radio_for(Peer(*ctl, echo=False))
    versions = await radio.versions()
    assert versions.version == "OPENTHREAD/de3788c66; POSIX; Nov 25 2026 20:02:09"
    assert versions.rcp == "OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:47:39"
    await radio.cli.close()


async def test_versions_passes_other_rcp_errors_on() -> None:
    version = pick("01", "n1", "version")
    api = pick("01", "n1", "version api")
    thread = pick("01", "n1", "thread version")
    busy = Exchange("synthetic", 0, "n1", "rcp version", (), "Error 5: Busy")
    radio = await radio_for(Peer(version, api, thread, busy))
    with pytest.raises(OtCliError) as info:
        await radio.versions()
    assert info.value.code == 5
    await radio.cli.close()


async def test_forming_a_network() -> None:
    # 02_dataset_form_network.txt:14, :164, :206, :217, :195, :328, :489, :496
    n1 = exchanges("02", "n1")
    wanted = [
        "dataset init new",
        "dataset commit active",
        "ifconfig up",
        "thread start",
        "dataset active -x",
        "ipaddr",
        "thread stop",
        "ifconfig down",
    ]
    recorded = [next(ex for ex in n1 if ex.command == c and ex.ok) for c in wanted]
    peer = Peer(*recorded)
    radio = await radio_for(peer)
    await radio.dataset_init_new()
    await radio.dataset_commit_active()
    await radio.ifconfig_up()
    await radio.thread_start()
    assert (await radio.active_dataset_hex() or "").startswith("0e080000000000010000")
    assert IPv6Address("fe80::cca6:9726:a5d8:ca8a") in await radio.ipaddrs()
    await radio.thread_stop()
    await radio.ifconfig_down()
    assert peer.sent == wanted
    await radio.cli.close()


async def test_set_active_dataset_from_hex() -> None:
    # 09_dataset_tlv_vectors.txt:501 (node 2 loads node 1's dataset)
    n2 = exchanges("09", "n2")
    load = next(ex for ex in n2 if ex.command.startswith("dataset set active 0e08"))
    tlvs = load.command.removeprefix("dataset set active ")
    peer = Peer(load)
    radio = await radio_for(peer)
    await radio.set_active_dataset(tlvs.upper())
    await radio.set_active_dataset(bytes.fromhex(tlvs))
    assert peer.sent == [load.command, load.command]
    for bad in ("", "0e0", "zz", "0e 08"):
        with pytest.raises(ValueError, match="hex"):
            await radio.set_active_dataset(bad)
    assert len(peer.sent) == 2
    await radio.cli.close()


async def test_active_dataset_other_errors_are_raised() -> None:
    failing = Exchange("synthetic", 0, "n1", "dataset active -x", (), "Error 13: InvalidState")
    radio = await radio_for(Peer(failing))
    with pytest.raises(OtCliError, match="InvalidState"):
        await radio.active_dataset_hex()
    await radio.cli.close()


async def test_scans() -> None:
    # 04_scan_discover.txt:112, :129, :156 (node 2)
    n2 = exchanges("04", "n2")
    peer = Peer(*[ex for ex in n2 if ex.command in ("scan 15", "discover 15", "scan energy 10")])
    radio = await radio_for(peer)
    assert await radio.scan(15) == [ScanResult(0x1234, "8a76c20c9d8fc956", 15, -20, 0)]
    (network,) = await radio.discover(15)
    assert (network.network_name, network.extended_panid) == ("GLS20-Test", "dead00beef00cafe")
    energy = await radio.energy_scan(10)
    assert [e.channel for e in energy] == list(range(11, 27))
    await radio.cli.close()


async def test_full_scans_send_no_channel() -> None:
    # 04_scan_discover.txt:96, :123, :135
    peer = Peer(
        pick("04", "n2", "scan"), pick("04", "n2", "discover"), pick("04", "n2", "scan energy")
    )
    radio = await radio_for(peer)
    assert len(await radio.scan()) == 1
    assert len(await radio.discover()) == 1
    assert len(await radio.energy_scan()) == 16
    assert peer.sent == ["scan", "discover", "scan energy"]
    await radio.cli.close()


async def test_commissioner_and_joiner_entries() -> None:
    # 06_commissioning_success.txt:106-460 (start, session 3478, entries, removals, stop)
    n1 = exchanges("06", "n1")
    wanted = {
        "commissioner start",
        "commissioner sessionid",
        "commissioner joiner add * J01NME 120",
        "commissioner joiner add 18b4300000000003 J02NME 120",
        "commissioner joiner add 0xabc/12 J03NME 60",
        "commissioner joiner remove 18b4300000000003",
        "commissioner joiner remove *",
        "commissioner joiner remove 0xabc/12",
        "commissioner stop",
    }
    recorded = [ex for ex in n1 if ex.command in wanted and ex.ok]
    table = [ex for ex in n1 if ex.command == "commissioner joiner table"][2]
    peer = Peer(*recorded, table)
    radio = await radio_for(peer)
    events: list[RadioEvent] = []
    radio.subscribe(events.append)
    await radio.commissioner_start()
    assert await radio.commissioner_session_id() == 3478
    await radio.commissioner_joiner_add("*", "J01NME", 120)
    await radio.commissioner_joiner_add("18B4300000000003", "J02NME", 120)
    await radio.commissioner_joiner_add(Discerner(0xABC, 12), "J03NME", 60)
    entries = await radio.commissioner_joiner_table()
    assert [e.joiner for e in entries] == ["*", "18b4300000000003"]
    await radio.commissioner_joiner_remove("18b4300000000003")
    await radio.commissioner_joiner_remove("*")
    await radio.commissioner_joiner_remove("0xabc/12")
    await radio.commissioner_stop()
    assert events == [
        CommissionerStateChanged(CommissionerState.PETITIONING),
        CommissionerJoinerEvent(JoinerEventKind.REMOVE, "92335c4b320830fb"),
        CommissionerJoinerEvent(JoinerEventKind.REMOVE, None),
        CommissionerJoinerEvent(JoinerEventKind.REMOVE, None),
        CommissionerStateChanged(CommissionerState.DISABLED),
    ]
    await radio.cli.close()


@pytest.mark.parametrize(
    ("joiner", "expected"),
    [
        ("*", "*"),
        ("18B4300000000003", "18b4300000000003"),
        ("0xabc/12", "0xabc/12"),
        ("0x0000000000000abc/12", "0xabc/12"),
        (Discerner(0x1234, 16), "0x1234/16"),
    ],
)
def test_joiner_matchers(joiner: str | Discerner, expected: str) -> None:
    assert joiner_arg(joiner) == expected


@pytest.mark.parametrize(
    "joiner", ["", "**", "18b430000000000", "18b43000000000031", "0xabc/99", "abc/12"]
)
def test_bad_joiner_matchers(joiner: str) -> None:
    with pytest.raises(ValueError, match=r"joiner|discerner"):
        joiner_arg(joiner)


async def test_joiner_entry_timeout_must_be_positive() -> None:
    peer = Peer()
    radio = await radio_for(peer)
    with pytest.raises(ValueError, match="timeout"):
        await radio.commissioner_joiner_add("*", "J01NME", 0)
    assert peer.sent == []
    await radio.cli.close()


async def test_joiner_side() -> None:
    # 06_commissioning_success.txt:160, :171 (node 2) and 07_commissioning_failures.txt:433
    start = next(
        ex for ex in exchanges("06", "n2") if ex.command == "joiner start J01NME" and ex.ok
    )
    stop = pick("07", "n2", "joiner stop")
    state = next(ex for ex in exchanges("06", "n2") if ex.command == "joiner state")
    radio = await radio_for(Peer(start, stop, state))
    stream = radio.events()
    await radio.joiner_start("J01NME")
    assert await radio.joiner_state() == JoinerState.IDLE
    await radio.joiner_stop()
    await radio.cli.close()
    assert [e async for e in stream] == []


async def test_typed_event_stream() -> None:
    peer = Peer()
    radio = await radio_for(peer)
    stream = radio.events()
    # 06_commissioning_success.txt:242 and 07_commissioning_failures.txt:349
    peer.conn.feed(b"> Join success\r\n", b"> Join failed [Security]\r\n")
    assert await anext(stream) == JoinResult(success=True)
    assert await anext(stream) == JoinResult(success=False, reason="Security")
    await radio.cli.close()


async def test_backbone_router() -> None:
    # 05_bbr.txt:24, :110, :118, :18, :158
    peer = Peer(
        pick("05", "n1", "bbr enable"),
        pick("05", "n1", "bbr state", 2),
        pick("05", "n1", "bbr", 2),
        pick("05", "n1", "bbr config"),
        pick("05", "n1", "bbr disable"),
    )
    radio = await radio_for(peer)
    await radio.bbr_enable()
    assert await radio.bbr_state() == BbrState.PRIMARY
    primary = await radio.bbr()
    assert primary is not None
    assert primary.server16 == 0xC000
    assert await radio.bbr_config() == BbrConfig(60, 5, 3600)
    await radio.bbr_disable()
    await radio.cli.close()


async def test_border_routing_on_otbr_agent() -> None:
    # 11_otbr_agent_otctl.txt:133, :152, :157, through otbr-agent's socket (no echo).
    calls = {c.command: c for c in otbr_calls()}
    peer = Peer(calls["br state"], calls["br omrprefix"], calls["netdata show"], echo=False)
    radio = await radio_for(peer)
    assert await radio.br_state() == BorderRoutingState.RUNNING
    omr = await radio.br_omrprefix()
    assert omr.local == IPv6Network("fdff:6250:9d92:1::/64")
    netdata = await radio.netdata()
    assert netdata.on_mesh_prefix is not None
    assert netdata.on_mesh_prefix.prefix == omr.local
    await radio.cli.close()
