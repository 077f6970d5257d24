"""Network data: on-mesh prefixes, the commissioning data and the BBR service, text and TLVs."""

from __future__ import annotations

import ipaddress

import pytest

from s20.clock import ManualClock
from s20.sim import DEFAULT_TIMING
from s20.sim._prefixes import ExternalRoute, OnMeshPrefix, prefix_text
from tests.otcli.transcripts import FIXTURES

from .conftest import MakeNode, form_network

OMR = "fdff:6250:9d92:1::/64"


def _recorded(text: str) -> bool:
    return text in (FIXTURES / "11_otbr_agent_otctl.txt").read_text()


def test_prefix_tlv_matches_otbr_agents_network_data() -> None:
    prefix = OnMeshPrefix(ipaddress.IPv6Network(OMR), frozenset("paos"), "low")
    tlv = prefix.tlv(0x2800, 1)
    # 11_otbr_agent_otctl.txt:148: the Prefix TLV inside `netdata show -x`.
    assert tlv.hex() == "03140040fdff62509d920001050428 00f1000702 1140".replace(" ", "")
    assert _recorded(tlv.hex())
    # 11_otbr_agent_otctl.txt:135: the same prefix as `netdata show` prints it.
    assert prefix.line(0x2800) == "fdff:6250:9d92:1::/64 paos low 2800"


def test_a_registered_prefix_shows_with_its_context(
    make_node: MakeNode, clock: ManualClock
) -> None:
    console = make_node()
    form_network(console, clock)
    rloc16 = console.ok("rloc16")[0]
    console.ok(f"prefix add {OMR} paos low")
    assert console.ok("prefix") == [f"{OMR} paos low {rloc16}"]
    before = console.ok("netdata show")
    assert before[1] == "Routes:"
    console.ok("netdata register")
    shown = console.ok("netdata show")
    assert shown[:2] == ["Prefixes:", f"{OMR} paos low {rloc16}"]
    # 11_otbr_agent_otctl.txt:141
    assert shown[shown.index("Contexts:") + 1] == f"{OMR} 1 sc"
    tlvs = console.ok("netdata show -x")[0]
    assert "03140040fdff62509d920001" in tlvs
    assert tlvs.startswith("08040b02")  # commissioning data: the session ID only
    console.ok(f"prefix remove {OMR}")
    assert console.error(f"prefix remove {OMR}") == "Error 23: NotFound"
    console.ok("netdata register")
    assert console.ok("netdata show")[1] == "Routes:"


def test_prefix_arguments(make_node: MakeNode) -> None:
    console = make_node()
    assert console.error("prefix add fd00::/64 pxz") == "Error 7: InvalidArgs"
    assert console.error("prefix add zz/64") == "Error 6: Parse"
    console.ok("prefix add fd00:1::/64")
    console.ok("prefix add fd00:2::/64 - high")
    # OpenThread's Prefix::ToString prints the prefix's words in full, then `::/len`, and
    # NetworkData::OutputPrefix leaves an empty flags field out.
    assert console.ok("prefix") == ["fd00:1:0:0::/64 med fffe", "fd00:2:0:0::/64 high fffe"]


def test_a_childs_prefix_reaches_the_leaders_network_data(
    make_node: MakeNode, clock: ManualClock
) -> None:
    leader, child = make_node(), make_node()
    form_network(leader, clock)
    for line in (
        "prefix add fd00:77::/64 paros",
        "dataset networkkey 00112233445566778899aabbccddeeff",
        "dataset channel 15",
        "dataset panid 0x1234",
        "dataset commit active",
        "ifconfig up",
        "thread start",
    ):
        child.ok(line)
    clock.advance(DEFAULT_TIMING.child_attach_delay)
    rloc16 = child.ok("rloc16")[0]
    assert leader.ok("netdata show")[1] == f"fd00:77:0:0::/64 paros med {rloc16}"
    child.ok("thread stop")
    assert leader.ok("netdata show")[1] == "Routes:"


def test_primary_bbr_service_in_text_and_tlvs(make_node: MakeNode, clock: ManualClock) -> None:
    console = make_node()
    form_network(console, clock)
    console.ok("bbr config seqno 60 delay 5 timeout 3600")
    console.ok("bbr enable")
    clock.advance(DEFAULT_TIMING.bbr_register_delay)
    rloc16 = console.ok("rloc16")[0]
    shown = console.ok("netdata show")
    # 05_bbr.txt:137
    assert shown[shown.index("Services:") + 1] == f"44970 01 3c000500000e10 s {rloc16} 0"
    # Laid out like otbr-agent's service TLV (11_otbr_agent_otctl.txt:148: 0b19 80 01 5d 0d14).
    service = f"0b0e800101 0d09{rloc16} 3c000500000e10".replace(" ", "")
    assert console.ok("netdata show -x")[0].endswith(service)
    console.ok("bbr disable")
    assert console.ok("netdata show")[shown.index("Services:") + 1] == "Contexts:"


def test_route_tlv_matches_otbr_agents_network_data() -> None:
    route = ExternalRoute(ipaddress.IPv6Network("fc00::/7"), frozenset("sa"), "med")
    # 11_otbr_agent_otctl.txt:148: the last TLV, a Has Route entry with the AdvPIO flag.
    assert route.tlv(0x2800).hex() == "03080007fc0103280010"
    assert _recorded(route.tlv(0x2800).hex())
    # 11_otbr_agent_otctl.txt:137
    assert route.line(0x2800) == "fc00::/7 sa med 2800"
    plain = ExternalRoute(ipaddress.IPv6Network("fd00::/48"), frozenset("n"), "high")
    assert plain.line(0xFFFE) == "fd00:0:0::/48 n high fffe"
    assert plain.tlv(0xFFFE).hex() == "020d 0030 fd0000000000 0003 fffe60".replace(" ", "")


@pytest.mark.parametrize(
    ("prefix", "text"),
    [
        # OpenThread's Prefix::ToString: every 16-bit word the prefix covers, then `::/len`.
        ("fdff:6250:9d92:1::/64", "fdff:6250:9d92:1::/64"),  # 11_otbr_agent_otctl.txt:135
        ("fd9c:b060:993f:384::/64", "fd9c:b060:993f:384::/64"),  # :164
        ("fc00::/7", "fc00::/7"),  # :137
        ("fd00:1::/64", "fd00:1:0:0::/64"),
        ("::/0", "::/0"),
        ("fd00::1/128", "fd00:0:0:0:0:0:0:1/128"),
    ],
)
def test_prefixes_print_as_openthread_prints_them(prefix: str, text: str) -> None:
    assert prefix_text(ipaddress.IPv6Network(prefix)) == text
