"""Value formats that docs/contract.md §4 settles for `/otbr/get_status` and `/otbr/scan`."""

from __future__ import annotations

import ipaddress
import re
from typing import Any

import httpx2 as httpx
import pytest

from s20.clock import ManualClock

from .states import Caller, State


def matches(pattern: str, value: object) -> bool:
    """Return whether `value` is a string that is wholly `pattern`."""
    return isinstance(value, str) and re.fullmatch(pattern, value) is not None


def hex_digits(n: int) -> str:
    """Match exactly `n` lower-case hex digits (hex in responses is lower case, §4)."""
    return f"[0-9a-f]{{{n}}}"


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_status(status: dict[str, Any]) -> None:
    net, rcp = status["Network"], status["RCP"]
    assert matches(hex_digits(16), net["ExtPanId"]), net["ExtPanId"]
    assert matches(hex_digits(32), net["NetworkKey"]), net["NetworkKey"]
    assert matches(hex_digits(32), net["PSKc"]), net["PSKc"]
    assert matches("0x" + hex_digits(4), net["PanId"]), net["PanId"]
    mesh_local = net["MeshLocalPrefix"]
    assert isinstance(mesh_local, str), mesh_local
    assert mesh_local.endswith("/64"), mesh_local
    # "fdxx:...::/64": a ULA prefix, written as OpenThread writes it (compressed, lower case).
    prefix = ipaddress.IPv6Network(mesh_local)
    assert prefix.subnet_of(ipaddress.IPv6Network("fd00::/8")), mesh_local
    assert str(prefix) == mesh_local, mesh_local
    assert status["ThreadVersion"] in ("v1.1", "v1.2", "v1.3", "v1.4")
    assert type(rcp["Rloc16"]) is int, rcp["Rloc16"]
    assert rcp["State"] in range(5)  # OpenThread's role, 0 disabled .. 4 leader
    # `dataset active -x`: hex TLVs, whole bytes.
    assert matches(r"(?:[0-9a-f]{2})+", net["ActiveDataset"]), net["ActiveDataset"]


@pytest.mark.parametrize("state", [State.IDLE, State.LEADER])
async def test_get_status_formats(state: State, api: httpx.AsyncClient, clock: ManualClock) -> None:
    caller = Caller(api, clock)
    await caller.enter(state)
    status = await caller.ok("GET", "/otbr/get_status")
    check_status(status)
    assert status["RCP"]["State"] == (4 if state is State.LEADER else 0)


async def test_scan_formats(api: httpx.AsyncClient, clock: ManualClock) -> None:
    caller = Caller(api, clock)
    await caller.enter(State.LEADER)
    found = (await caller.ok("GET", "/otbr/scan"))["ScanList"]
    # The simulated default neighbourhood has two networks in range.
    assert len(found) >= 2
    for network in found:
        assert is_number(network["PanId"]), network  # a number in scan, not "0x..." (§4)
        assert 0 < network["PanId"] < 0xFFFF, network
        assert matches(hex_digits(16), network["ExtPanId"]), network
        assert network["Channel"] in range(11, 27), network


def test_checks_refuse_what_decisions_forbid() -> None:
    good: dict[str, Any] = {
        "ThreadVersion": "v1.3",
        "Network": {
            "ExtPanId": "dead00beef00cafe",
            "NetworkKey": "00112233445566778899aabbccddeeff",
            "PSKc": "c3f59368445a1b6106be420a706d4cc9",
            "PanId": "0xbeef",
            "MeshLocalPrefix": "fd4c:27ca:100e:a1b4::/64",
            "ActiveDataset": "0e08",
        },
        "RCP": {"Rloc16": 26624, "State": 4},
    }
    check_status(good)
    bad: list[tuple[str, str, object]] = [
        ("Network", "ExtPanId", "DEAD00BEEF00CAFE"),
        ("Network", "NetworkKey", "0011"),
        ("Network", "PSKc", "c3f59368445a1b6106be420a706d4cc9ff"),
        ("Network", "PanId", 48879),
        ("Network", "PanId", "0xBEEF"),
        ("Network", "MeshLocalPrefix", "fd4c:27ca:100e:a1b4::"),
        ("Network", "MeshLocalPrefix", "2001:db8::/64"),
        ("Network", "MeshLocalPrefix", "FD4C:27CA:100E:A1B4::/64"),
        ("Network", "ActiveDataset", "0e0"),
        ("RCP", "Rloc16", "0x6800"),
        ("RCP", "Rloc16", True),
    ]
    for group, key, value in bad:
        status = {**good, group: {**good[group], key: value}}
        with pytest.raises(AssertionError):
            check_status(status)
    with pytest.raises(AssertionError):
        check_status({**good, "ThreadVersion": "1.4"})
