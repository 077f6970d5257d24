"""`netdata show`: the OMR prefix, routes, services, contexts and commissioning data."""

from __future__ import annotations

from ipaddress import IPv6Network

import pytest

from s20.otcli import (
    CommissioningData,
    ExternalRoute,
    LowpanContext,
    NetworkData,
    OnMeshPrefix,
    OtCliParseError,
    Service,
    parse_netdata,
)

from .transcripts import find, otbr_calls


def _otbr_netdata() -> NetworkData:
    # 11_otbr_agent_otctl.txt:133-144, otbr-agent with border routing on.
    ex = next(c for c in otbr_calls() if c.command == "netdata show")
    assert ex.lineno == 133
    return parse_netdata(ex.output)


def test_otbr_agent_network_data() -> None:
    data = _otbr_netdata()
    omr = OnMeshPrefix(IPv6Network("fdff:6250:9d92:1::/64"), "paos", "low", 0x2800)
    assert data.prefixes == (omr,)
    assert data.on_mesh_prefix == omr
    assert omr.on_mesh
    assert omr.slaac
    assert omr.stable
    assert data.routes == (ExternalRoute(IPv6Network("fc00::/7"), "sa", "med", 0x2800),)
    assert data.services == (
        Service(
            enterprise_number=44970,
            service_data=bytes.fromhex("5d"),
            server_data=bytes.fromhex("fd34710b8843b175371b76c47fc6febcd120"),
            stable=True,
            rloc16=0x2800,
            service_id=0,
        ),
    )
    assert data.contexts == (LowpanContext(IPv6Network("fdff:6250:9d92:1::/64"), 1, True, True),)
    assert data.commissioning == CommissioningData(61353, None, None, None, False)


def test_empty_network_data_of_a_detached_node() -> None:
    # 01_basic_info.txt:93-99: every commissioning field absent.
    (ex,) = [e for e in find("netdata show", ok=True) if e.file.startswith("01_")]
    data = parse_netdata(ex.output)
    assert data == NetworkData((), (), (), (), CommissioningData(None, None, None, None, False))
    assert data.on_mesh_prefix is None


def test_commissioning_row_with_an_active_commissioner() -> None:
    # 06_commissioning_success.txt:139: session 3478, border agent ec00, steering ff.
    (ex,) = [e for e in find("netdata show", ok=True) if e.file.startswith("06_")]
    assert parse_netdata(ex.output).commissioning == CommissioningData(
        3478, 0xEC00, None, b"\xff", False
    )


def test_backbone_router_service() -> None:
    # 05_bbr.txt:137
    data = parse_netdata(find("netdata show", ok=True)[2].output)
    assert data.services == (
        Service(44970, b"\x01", bytes.fromhex("3c000500000e10"), True, 0xC000, 0),
    )


def test_on_mesh_prefix_is_the_first_with_the_o_flag() -> None:
    data = parse_netdata(
        [
            "Prefixes:",
            "fd00:1::/64 pa med 1000",  # not on-mesh
            "fd00:2::/64 paros high dc00",
            "fd00:3::/64 paos low 2800",
            "Routes:",
            "::/0 high fc00",  # no flags at all
            "Services:",
            "Contexts:",
            "fd00:2::/64 2 -",
            "Commissioning:",
            "1248 dc00 9988 00000000000120000000000000000000 e",
        ]
    )
    assert data.on_mesh_prefix is not None
    assert data.on_mesh_prefix.prefix == IPv6Network("fd00:2::/64")
    assert data.routes[0].flags == ""
    assert data.contexts[0] == LowpanContext(IPv6Network("fd00:2::/64"), 2, False, False)
    assert data.commissioning == CommissioningData(
        1248, 0xDC00, 9988, bytes.fromhex("00000000000120000000000000000000"), True
    )


def test_local_network_data_has_no_commissioning_section() -> None:
    data = parse_netdata(
        ["Prefixes:", "fd00:dead:beef:cafe::/64 paros med dc00", "Routes:", "Services:"]
    )
    assert data.commissioning is None
    assert len(data.prefixes) == 1


def test_unknown_sections_of_newer_builds_are_skipped() -> None:
    data = parse_netdata(["Prefixes:", "Routes:", "Services:", "Widgets:", "anything goes"])
    assert data.prefixes == ()


@pytest.mark.parametrize(
    "lines",
    [
        [],
        ["fd00::/64 paos low 2800"],
        ["Prefixes:", "fd00::/64 paos lowest 2800"],
        ["Prefixes:", "fd00::/64 xyz low 2800"],
        ["Prefixes:", "not-a-prefix/64 paos low 2800"],
        ["Routes:", "fc00::/7 sa med 28000"],
        ["Services:", "44970 5 00 s 2800 0"],
        ["Contexts:", "fd00::/64 one sc"],
        ["Commissioning:", "- - -"],
        ["Commissioning:", "1 - - -", "2 - - -"],
    ],
)
def test_malformed_network_data(lines: list[str]) -> None:
    with pytest.raises(OtCliParseError, match="netdata show"):
        parse_netdata(lines)
