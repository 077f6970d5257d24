"""Every parser against every recorded output of its command, plus malformed input."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from ipaddress import IPv6Address, IPv6Network

import pytest

from s20.otcli import (
    BbrConfig,
    BbrPrimary,
    BbrState,
    BorderRoutingState,
    CommissionerState,
    DeviceRole,
    Discerner,
    IpAddressInfo,
    JoinerState,
    OmrPrefixes,
    OtCliParseError,
    parse_api_version,
    parse_bbr,
    parse_bbr_config,
    parse_bbr_state,
    parse_br_omrprefix,
    parse_br_state,
    parse_channel,
    parse_commissioner_state,
    parse_dataset_hex,
    parse_discover,
    parse_energy_scan,
    parse_eui64,
    parse_extaddr,
    parse_extpanid,
    parse_ifconfig,
    parse_ipaddrs,
    parse_ipaddrs_verbose,
    parse_joiner_discerner,
    parse_joiner_id,
    parse_joiner_state,
    parse_joiner_table,
    parse_netdata,
    parse_networkkey,
    parse_networkname,
    parse_panid,
    parse_pskc,
    parse_rloc16,
    parse_scan,
    parse_state,
    parse_thread_version,
    parse_txpower,
    parse_uint,
    parse_version,
)

from .transcripts import find

Parser = Callable[[Sequence[str]], object]

# Each command the border router reads, with every variant the recordings contain.
PARSERS: dict[str, Parser] = {
    "state": parse_state,
    "version": parse_version,
    "rcp version": parse_version,
    "version api": parse_api_version,
    "thread version": parse_thread_version,
    "extaddr": parse_extaddr,
    "eui64": parse_eui64,
    "rloc16": parse_rloc16,
    "ipaddr": parse_ipaddrs,
    "ipaddr mleid": parse_ipaddrs,
    "ipaddr linklocal": parse_ipaddrs,
    "ipaddr rloc": parse_ipaddrs,
    "ipaddr -v": parse_ipaddrs_verbose,
    "txpower": parse_txpower,
    "channel": parse_channel,
    "panid": parse_panid,
    "extpanid": parse_extpanid,
    "networkname": parse_networkname,
    "networkkey": parse_networkkey,
    "pskc": parse_pskc,
    "dataset pskc": parse_pskc,
    "dataset active -x": parse_dataset_hex,
    "dataset pending -x": parse_dataset_hex,
    "dataset tlvs": parse_dataset_hex,
    "dataset activetimestamp": parse_uint,
    "partitionid": parse_uint,
    "leaderweight": parse_uint,
    "bbr jitter": parse_uint,
    "netdata show": parse_netdata,
    "scan": parse_scan,
    "scan 11": parse_scan,
    "scan 15": parse_scan,
    "discover": parse_discover,
    "discover 15": parse_discover,
    "scan energy": parse_energy_scan,
    "scan energy 10": parse_energy_scan,
    "commissioner state": parse_commissioner_state,
    "commissioner sessionid": parse_uint,
    "commissioner joiner table": parse_joiner_table,
    "joiner state": parse_joiner_state,
    "joiner id": parse_joiner_id,
    "joiner discerner": parse_joiner_discerner,
    "bbr state": parse_bbr_state,
    "bbr": parse_bbr,
    "bbr config": parse_bbr_config,
    "ifconfig": parse_ifconfig,
    "br state": parse_br_state,
    "br omrprefix": parse_br_omrprefix,
}


@pytest.mark.parametrize("command", sorted(PARSERS))
def test_parser_reads_every_recorded_output(command: str) -> None:
    recorded = find(command, ok=True)
    assert recorded, f"no recording of {command!r}"
    for ex in recorded:
        PARSERS[command](ex.output)


def _values(command: str, parser: Parser) -> set[object]:
    return {parser(ex.output) for ex in find(command, ok=True)}


def test_state_roles() -> None:
    # 01_basic_info.txt:27 disabled, 02_dataset_form_network.txt:222 detached, :278 leader,
    # 06_commissioning_success.txt:275 child, 09_dataset_tlv_vectors.txt:723 router.
    assert _values("state", parse_state) == set(DeviceRole)
    assert parse_state(["leader"]) is DeviceRole.LEADER
    # The numbers of OpenThread's otDeviceRole.
    assert [
        int(parse_state([name])) for name in ("disabled", "detached", "child", "router", "leader")
    ] == [0, 1, 2, 3, 4]


def test_versions() -> None:
    # 01_basic_info.txt:12, 10_otctl_daemon.txt:14, 11_otbr_agent_otctl.txt:74
    assert "OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:44:37" in _values(
        "version", parse_version
    )
    assert _values("rcp version", parse_version) == {
        "OPENTHREAD/de3788c66; SIMULATION; Nov 25 2026 19:47:39"
    }
    assert _values("version api", parse_api_version) == {552}
    assert _values("thread version", parse_thread_version) == {5}


def test_identifiers() -> None:
    assert _values("extaddr", parse_extaddr) == {
        "feeb11dcf64e31d7",  # 01_basic_info.txt:31
        "cea69726a5d8ca8a",  # 02_dataset_form_network.txt:291
        "462eaf9662cb1a6e",  # 10_otctl_daemon.txt:38
        "02c0305b943e68ec",  # 11_otbr_agent_otctl.txt:99
    }
    assert _values("eui64", parse_eui64) == {f"18b430000000000{n}" for n in (1, 2, 3)}
    assert _values("joiner id", parse_joiner_id) == {
        "cfe0d8dd4efc2973",  # 01_basic_info.txt:162
        "d65e64fa83f81cf7",  # 06_commissioning_success.txt:152
        "92335c4b320830fb",  # 06:301
        "eed81bb6ea167abc",  # 08_joiner_discerner.txt:31 (with discerner 0xabc/12)
    }
    assert _values("extpanid", parse_extpanid) == {
        "dead00beef00cafe",
        "0001020304050607",
        "9cb060993f5e0384",
    }
    assert parse_extaddr(["FEEB11DCF64E31D7"]) == "feeb11dcf64e31d7"


def test_numbers() -> None:
    # 01_basic_info.txt:50 fffe (detached), 02_dataset_form_network.txt:287 5400,
    # 11_otbr_agent_otctl.txt:104 2800
    assert _values("rloc16", parse_rloc16) == {0xFFFE, 0x5400, 0x6000, 0x2800}
    assert _values("txpower", parse_txpower) == {0, 10}  # 01_basic_info.txt:39, :46
    assert parse_txpower(["-8 dBm"]) == -8
    assert _values("channel", parse_channel) == {11, 15, 20, 26}
    assert _values("panid", parse_panid) == {0x1234, 0x4321, 0x6A4E, 0xFFFF}
    assert _values("commissioner sessionid", parse_uint) == {0, 3478, 2684, 61354}


def test_names_and_keys() -> None:
    # 02_dataset_form_network.txt:525 "Test Network" (set with an escaped space)
    assert _values("networkname", parse_networkname) == {
        "OpenThread",
        "GLS20-Test",
        "Test Network",
        "HA-Test",
    }
    # 03_pskc.txt:29: the Thread test vector's PSKc
    assert "c3f59368445a1b6106be420a706d4cc9" in _values("pskc", parse_pskc)
    assert _values("dataset pskc", parse_pskc) == {"c3f59368445a1b6106be420a706d4cc9"}
    assert "11ee8879b188dc181b966aa6442bac36" in _values("networkkey", parse_networkkey)


def test_ipaddrs() -> None:
    # 02_dataset_form_network.txt:330-333; 01_basic_info.txt:83-85 (none while down)
    assert parse_ipaddrs([]) == []
    (linklocal,) = parse_ipaddrs(find("ipaddr linklocal", ok=True)[0].output)
    assert linklocal == IPv6Address("fe80::cca6:9726:a5d8:ca8a")
    eleven = next(ex for ex in find("ipaddr", ok=True) if ex.file.startswith("11_"))
    assert IPv6Address("fdff:6250:9d92:1:d3b3:2164:8010:c325") in parse_ipaddrs(eleven.output)


def test_ipaddrs_verbose() -> None:
    # 11_otbr_agent_otctl.txt:198-203: the SLAAC address from the OMR prefix.
    eleven = next(ex for ex in find("ipaddr -v", ok=True) if ex.file.startswith("11_"))
    infos = parse_ipaddrs_verbose(eleven.output)
    assert infos[1] == IpAddressInfo(
        IPv6Address("fdff:6250:9d92:1:d3b3:2164:8010:c325"), "slaac", 64, True, True
    )
    assert {i.origin for i in infos} == {"thread", "slaac"}


def test_dataset_hex() -> None:
    # 02_dataset_form_network.txt:159 (GLS20-Test), 11_otbr_agent_otctl.txt:235 (HA-Test)
    values = _values("dataset active -x", parse_dataset_hex)
    assert (
        "0e0800000000000100004a0300001735060004001fffe00c0402a0f7f8030a474c5332302d54657374"
        "000300000f010212340208dead00beef00cafe051000112233445566778899aabbccddeeff04103aa5"
        "5f91ca47d1e4e71a08cb35e915910708fd000db8000a0000"
    ) in values
    assert all(bytes.fromhex(str(v)) for v in values)
    assert parse_dataset_hex(["0E08AB"]) == "0e08ab"


def test_states() -> None:
    assert _values("commissioner state", parse_commissioner_state) == {
        CommissionerState.DISABLED,
        CommissionerState.ACTIVE,
    }
    assert _values("joiner state", parse_joiner_state) == {
        JoinerState.IDLE,
        JoinerState.DISCOVER,
        JoinerState.CONNECTING,
        JoinerState.ENTRUST,
        JoinerState.JOINED,
    }
    # 05_bbr.txt:16 Disabled, :99 Secondary, :112 Primary
    assert _values("bbr state", parse_bbr_state) == set(BbrState)
    assert _values("ifconfig", parse_ifconfig) == {True, False}
    # 11_otbr_agent_otctl.txt:153
    assert _values("br state", parse_br_state) == {BorderRoutingState.RUNNING}


def test_joiner_discerner() -> None:
    # 08_joiner_discerner.txt:27
    assert _values("joiner discerner", parse_joiner_discerner) == {Discerner(0xABC, 12)}


def test_bbr() -> None:
    # 05_bbr.txt:12 (none) and :120-124 (this node is primary)
    assert _values("bbr", parse_bbr) == {
        None,
        BbrPrimary(server16=0xC000, config=BbrConfig(seqno=60, delay=5, timeout=3600)),
    }
    # 05_bbr.txt:20-22 and :154-156 after `bbr config seqno 10 delay 1200 timeout 3600`
    assert _values("bbr config", parse_bbr_config) == {
        BbrConfig(60, 5, 3600),
        BbrConfig(10, 1200, 3600),
    }


def test_br_omrprefix() -> None:
    # 11_otbr_agent_otctl.txt:158-159
    (value,) = _values("br omrprefix", parse_br_omrprefix)
    assert value == OmrPrefixes(
        local=IPv6Network("fdff:6250:9d92:1::/64"),
        favored=IPv6Network("fdff:6250:9d92:1::/64"),
        favored_preference="low",
    )
    assert parse_br_omrprefix(["Local: fd00::/64"]) == OmrPrefixes(
        IPv6Network("fd00::/64"), None, None
    )


@pytest.mark.parametrize(
    ("parser", "lines"),
    [
        (parse_state, []),
        (parse_state, ["leader", "Done"]),
        (parse_state, ["boss"]),
        (parse_version, [""]),
        (parse_api_version, ["5x"]),
        (parse_uint, ["-1"]),
        (parse_extaddr, ["feeb11dcf64e31"]),
        (parse_extaddr, ["feeb11dcf64e31zz"]),
        (parse_pskc, ["3aa55f91"]),
        (parse_rloc16, ["0x5400"]),
        (parse_panid, ["1234"]),
        (parse_panid, ["0x12345"]),
        (parse_txpower, ["10"]),
        (parse_dataset_hex, ["0e0"]),
        (parse_dataset_hex, [""]),
        (parse_dataset_hex, ["zz"]),
        (parse_ifconfig, ["maybe"]),
        (parse_ipaddrs, ["fd00::1 origin:thread"]),
        (parse_ipaddrs_verbose, ["fd00::1"]),
        (parse_ipaddrs_verbose, ["fd00::g origin:thread plen:64 preferred:1 valid:1"]),
        (parse_commissioner_state, ["Active"]),
        (parse_joiner_state, ["idle"]),
        (parse_joiner_discerner, ["abc/12"]),
        (parse_joiner_discerner, ["0xabc/0"]),
        (parse_bbr_state, ["primary"]),
        (parse_bbr, []),
        (parse_bbr, ["BBR Primary:", "seqno: 1", "delay: 1 secs", "timeout: 1 secs"]),
        (parse_bbr_config, ["seqno: 60", "delay: soon", "timeout: 3600 secs"]),
        (parse_bbr_config, ["seqno 60"]),
        (parse_br_state, ["Running"]),
        (parse_br_omrprefix, ["Local: not-a-prefix"]),
        (parse_br_omrprefix, ["Favored: fd00::/64 prf:best"]),
        (parse_br_omrprefix, ["Other: fd00::/64"]),
    ],
)
def test_malformed_output_is_a_parse_error(parser: Parser, lines: list[str]) -> None:
    with pytest.raises(OtCliParseError):
        parser(lines)


def test_parse_error_is_also_a_value_error() -> None:
    with pytest.raises(ValueError, match="state"):
        parse_state(["boss"])
