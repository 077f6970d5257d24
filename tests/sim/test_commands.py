"""Commands beyond what the recordings exercise: their outputs and refusals."""

from __future__ import annotations

import pytest

from s20.clock import ManualClock
from s20.sim import DEFAULT_TIMING

from .conftest import Console, MakeNode, attach_child, form_network

T = DEFAULT_TIMING
# 09_dataset_tlv_vectors.txt:308 (network 2 of the recording, channel 11, PAN ID 0xface)
NETWORK_2 = (
    "0e0800000000000100004a0300000d35060004001fffe00c0402a0f7f8030c54657374204e6574776f726b"
    "000300000b0102face02080001020304050607051000112233445566778899aabbccddeeff0410c3f59368"
    "445a1b6106be420a706d4cc90708fddead00beef0000"
)


@pytest.fixture
def console(make_node: MakeNode) -> Console:
    return make_node()


def test_versions_and_identity(console: Console) -> None:
    assert console.error("version foo") == "Error 35: InvalidCommand"
    assert console.error("thread") == "Error 35: InvalidCommand"
    assert console.error("rcp version") == "Error 12: NotImplemented"
    assert console.error("eui64 1122334455667788") == "Error 7: InvalidArgs"
    assert console.ok("mode") == ["rdn"]
    console.ok("mode rn")
    assert console.ok("mode") == ["rn"]
    assert console.error("mode x") == "Error 7: InvalidArgs"
    console.ok("txpower -10")
    assert console.ok("txpower") == ["-10 dBm"]
    assert console.error("txpower 200") == "Error 7: InvalidArgs"
    assert console.error("ifconfig sideways") == "Error 7: InvalidArgs"


def test_uptime_counts_from_boot(console: Console, clock: ManualClock) -> None:
    clock.advance(2 * 86400 + 3723.456)
    assert console.ok("uptime") == ["2d.01:02:03.456"]
    assert console.ok("uptime ms") == [str(2 * 86400_000 + 3723_456)]


def test_attached_node_facts(console: Console, clock: ManualClock) -> None:
    assert console.ok("ba port") == ["0"]
    assert console.ok("partitionid") == ["0"]
    assert console.error("ba foo") == "Error 35: InvalidCommand"
    form_network(console, clock)
    assert console.ok("ba state") == ["Active"]
    assert 49152 <= int(console.ok("ba port")[0]) < 65536
    assert console.ok("leaderweight") == ["64"]
    console.ok("leaderweight 70")
    assert console.ok("leaderweight") == ["70"]
    assert console.ok("counters") == ["ip", "mac"]
    assert console.ok("counters ip") == [
        "TxSuccess: 0",
        "TxFailed: 0",
        "RxSuccess: 0",
        "RxFailed: 0",
    ]
    assert console.error("counters foo") == "Error 7: InvalidArgs"
    addresses = console.ok("ipaddr")
    assert console.ok("ipaddr rloc") == [addresses[1]]
    assert console.ok("ipaddr mleid") == [addresses[2]]
    assert console.ok("ipaddr linklocal") == [addresses[3]]
    assert console.error("ipaddr add fd00::1") == "Error 7: InvalidArgs"


def test_a_child_lists_no_router_all_nodes_groups(make_node: MakeNode, clock: ManualClock) -> None:
    leader, child = make_node(), make_node()
    form_network(leader, clock)
    attach_child(child, clock)
    groups = child.ok("ipmaddr")
    assert "ff02:0:0:0:0:0:0:2" not in groups
    assert groups[2:] == ["ff02:0:0:0:0:0:0:1", "ff03:0:0:0:0:0:0:1", "ff03:0:0:0:0:0:0:fc"]
    # A child's address list has no ALOC; its RLOC is under the leader's.
    assert len(child.ok("ipaddr")) == 3
    assert child.ok("router table")[2:] == []
    assert child.ok("leaderdata")[-1] == leader.ok("leaderdata")[-1]


def test_dataset_buffer_extras(console: Console, clock: ManualClock) -> None:
    console.ok(f"dataset init tlvs {NETWORK_2}")
    assert console.ok("dataset networkname") == ["Test Network"]
    assert console.ok("dataset panid") == ["0xface"]
    assert console.ok("dataset channelmask") == ["0x07fff800"]
    assert console.ok("dataset securitypolicy") == ["672 onrc 0"]
    console.ok("dataset securitypolicy 168 onrcCepR 3")
    assert console.ok("dataset securitypolicy") == ["168 onrcCepR 3"]
    console.ok("dataset securitypolicy 672 onrc")
    # Back to the recorded policy bytes, now at the end of the TLVs (setters move them).
    assert console.ok("dataset tlvs")[0].endswith("0c0402a0f7f8")
    assert console.error("dataset securitypolicy 672 x") == "Error 7: InvalidArgs"
    assert console.ok("dataset pendingtimestamp") == []
    console.ok("dataset wakeupchannel 12")
    console.ok("dataset channelmask 0x07fff800")
    assert console.ok("dataset wakeupchannel") == ["12"]
    console.ok("dataset pskc -p 12SECRETPASSWORD34")
    # 03_pskc.txt:46: same name and extended PAN ID, so the same PSKc.
    assert console.ok("dataset pskc") == ["c3f59368445a1b6106be420a706d4cc9"]
    assert console.error("dataset init tlvs 0e08") == "Error 7: InvalidArgs"
    assert console.error("dataset init active") == "Error 23: NotFound"
    assert console.error("dataset init pending") == "Error 23: NotFound"
    assert console.error("dataset init") == "Error 7: InvalidArgs"
    assert console.error("dataset activetimestamp 281474976710656") == "Error 7: InvalidArgs"
    assert console.error("dataset mgmtsetcommand active") == "Error 12: NotImplemented"
    assert console.error("dataset active -y") == "Error 7: InvalidArgs"


def test_commit_pending_on_a_leader_takes_effect_after_the_delay(
    console: Console, clock: ManualClock
) -> None:
    form_network(console, clock)
    console.ok("dataset init active")
    console.ok("dataset activetimestamp 5")
    console.ok("dataset pendingtimestamp 2")
    console.ok("dataset delay 1000")
    console.ok("dataset channel 20")
    console.ok("dataset commit pending")
    console.ok("dataset init pending")
    assert console.ok("dataset delay") == ["1000"]
    clock.advance(0.5)
    assert "Delay: 500" in console.ok("dataset pending")
    clock.advance(0.5)
    assert console.error("dataset pending") == "Error 23: NotFound"
    assert console.ok("channel") == ["20"]
    assert console.ok("dataset activetimestamp") == ["5"]
    active = console.ok("dataset active")
    assert "Active Timestamp: 5" in active
    assert not any(line.startswith(("Pending", "Delay")) for line in active)


def test_setting_a_parameter_drops_the_datasets(console: Console) -> None:
    console.ok(f"dataset set active {NETWORK_2}")
    assert console.ok("channel") == ["11"]
    assert console.ok("networkname") == ["Test Network"]
    console.ok("networkkey ffeeddccbbaa99887766554433221100")
    # 02_dataset_form_network.txt:545: a single parameter set -> no active dataset.
    assert console.error("dataset active") == "Error 23: NotFound"
    assert console.ok("networkkey") == ["ffeeddccbbaa99887766554433221100"]
    assert console.error("networkkey 0011") == "Error 7: InvalidArgs"
    assert console.error("panid zz") == "Error 7: InvalidArgs"
    assert console.error("extpanid 00") == "Error 7: InvalidArgs"


def test_bbr_configuration(console: Console, clock: ManualClock) -> None:
    assert console.ok("bbr jitter") == ["5"]
    console.ok("bbr jitter 20")
    assert console.ok("bbr jitter") == ["20"]
    assert console.error("bbr config timeout 100") == "Error 7: InvalidArgs"
    assert console.error("bbr config delay 0") == "Error 7: InvalidArgs"
    assert console.error("bbr config seqno") == "Error 7: InvalidArgs"
    assert console.error("bbr config color 1") == "Error 7: InvalidArgs"
    assert console.error("bbr mgmt dua 1") == "Error 12: NotImplemented"
    form_network(console, clock)
    console.ok("bbr enable")
    console.ok("bbr register")
    clock.advance(0)
    assert console.ok("bbr state") == ["Primary"]
    console.ok("bbr config seqno 7 delay 10 timeout 600")
    assert console.ok("bbr")[2:] == ["seqno:    7", "delay:    10 secs", "timeout:  600 secs"]
    console.ok("thread stop")
    assert console.ok("bbr state") == ["Secondary"]
    assert console.ok("bbr") == ["BBR Primary: None"]


def test_commissioner_extras(console: Console, clock: ManualClock) -> None:
    assert console.error("commissioner announce 1 2 3 fd00::1") == "Error 12: NotImplemented"
    assert console.error("commissioner foo") == "Error 35: InvalidCommand"
    assert console.error("commissioner joiner") == "Error 7: InvalidArgs"
    assert console.error("commissioner id " + "x" * 65) == "Error 7: InvalidArgs"
    form_network(console, clock)
    assert console.error("commissioner joiner add 0xabc/65 J01NME") == "Error 7: InvalidArgs"
    assert console.error("commissioner joiner remove *") == "Error 13: InvalidState"


def test_joiner_discerner_extras(console: Console) -> None:
    assert console.error("joiner discerner 0xabc") == "Error 7: InvalidArgs"
    assert console.error("joiner discerner 0xabc/0") == "Error 7: InvalidArgs"
    # A value wider than its length is kept as typed; only its low bits count.
    console.ok("joiner discerner 0x1234/4")
    assert console.ok("joiner discerner") == ["0x1234/4"]
    assert console.ok("joiner id")[0].endswith("4")
    assert console.error("joiner foo") == "Error 7: InvalidArgs"
    console.ok("ifconfig up")
    console.ok("joiner start J01NME")
    assert console.error("joiner discerner clear") == "Error 13: InvalidState"


def test_reset_keeps_settings_and_factoryreset_wipes_them(
    console: Console, clock: ManualClock
) -> None:
    form_network(console, clock)
    extaddr = console.ok("extaddr")
    console.ok("dataset networkname Other")
    assert console.run("reset") == ["reset"]
    assert console.ok("state") == ["disabled"]
    assert console.ok("ifconfig") == ["down"]
    assert console.ok("extaddr") == extaddr
    assert console.ok("networkname") == ["GLS20-Test"]
    assert console.ok("dataset") == []
    assert console.run("factoryreset") == ["factoryreset"]
    assert console.error("dataset active") == "Error 23: NotFound"
    assert console.ok("networkname") == ["OpenThread"]
    assert console.ok("extaddr") != extaddr


def test_a_reset_ends_a_scan_without_a_result(console: Console, clock: ManualClock) -> None:
    console.run("scan")
    # Typed during the scan, `factoryreset` is ignored like any other line...
    assert console.run("factoryreset") == ["factoryreset"]
    # ...but a reset from outside (power) cuts the scan short.
    console.node.factory_reset()
    clock.advance(10)
    assert console.take() == []
    assert console.ok("state") == ["disabled"]
