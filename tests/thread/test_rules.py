"""Validation rules: valid and invalid examples, edge lengths, bool-for-int, messages."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

import pytest

from s20.thread import (
    RuleError,
    ThreadError,
    check_channel,
    check_eui64,
    check_ext_pan_id,
    check_mesh_local_prefix,
    check_network_key,
    check_network_name,
    check_pan_id,
    check_passphrase,
    check_pskc_hex,
    check_pskd,
    check_tx_power,
    thread_version_name,
)


def refused(rule: Callable[[object], object], value: object) -> str:
    with pytest.raises(RuleError) as caught:
        rule(value)
    return str(caught.value)


def test_rule_errors_are_value_errors_and_thread_errors() -> None:
    with pytest.raises(ValueError, match="must be"):
        check_channel(27)
    with pytest.raises(ThreadError):
        check_channel(27)


# PSKd --------------------------------------------------------------------------------------------

PSKD_RULE = "must be 6-32 characters of 0-9 and A-Y except I, O, Q and Z"


@pytest.mark.parametrize(
    "value",
    [
        "J01NME",  # 06_commissioning_success.txt:123, the shortest allowed
        "J02NME",
        "0123456789ABCDEFGHJKLMNPRSTUVWXY"[:32],  # every allowed character, 32 long
        "A" * 32,
    ],
)
def test_pskd_valid(value: str) -> None:
    assert check_pskd(value) == value


@pytest.mark.parametrize(
    "value",
    ["J01NM", "A" * 33, "j01nme", "J01NMI", "J01NMO", "J01NMQ", "J01NMZ", "J01 NME", "J01-NME", ""],
)
def test_pskd_invalid(value: str) -> None:
    assert refused(check_pskd, value) == PSKD_RULE


def test_pskd_needs_text() -> None:
    assert refused(check_pskd, 123456) == PSKD_RULE
    assert refused(check_pskd, "J01NME\n") == PSKD_RULE
    assert refused(check_pskd, "J01NM\u0665") == PSKD_RULE  # an Arabic-Indic digit


# Hex fields --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "digits"),
    [(check_eui64, 16), (check_ext_pan_id, 16), (check_network_key, 32), (check_pskc_hex, 32)],
)
def test_hex_rules(rule: Callable[[object], bytes], digits: int) -> None:
    message = f"must be {digits} hex digits"
    value = ("0123456789abcdefABCDEF" * 2)[:digits]
    assert rule(value) == bytes.fromhex(value)
    assert rule(value.upper()) == bytes.fromhex(value)
    for bad in (value[:-1], value + "0", value[:-1] + "g", " " + value[1:], "", "*", None):
        assert refused(rule, bad) == message
    assert refused(rule, bytes.fromhex(value)) == message
    assert refused(rule, value[:-2] + " 0") == message


def test_eui64_from_transcript_06() -> None:
    # 06_commissioning_success.txt:298: the EUI-64 of node 3.
    assert check_eui64("18b4300000000003") == bytes.fromhex("18b4300000000003")
    assert refused(check_eui64, "18:b4:30:00:00:00:00:03") == "must be 16 hex digits"


# PAN ID ------------------------------------------------------------------------------------------

PAN_RULE = 'must be 1-0xFFFE (65534), as a number or a "0x" hex string'


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, 1), (0xFFFE, 0xFFFE), (0x1234, 0x1234), ("0x1234", 0x1234), ("0XFACE", 0xFACE),
     ("0x0001", 1), ("0xfffe", 0xFFFE)],
)  # fmt: skip
def test_pan_id_valid(value: object, expected: int) -> None:
    assert check_pan_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [0, 0xFFFF, -1, "0x0", "0xffff", "0x12345", "1234", "0x", "0xzz", " 0x12", True, False, 1.0,
     None],
)  # fmt: skip
def test_pan_id_invalid(value: object) -> None:
    assert refused(check_pan_id, value) == PAN_RULE


# Channel, TX power -------------------------------------------------------------------------------


def test_channel() -> None:
    assert [check_channel(c) for c in (11, 15, 26)] == [11, 15, 26]
    for bad in (10, 27, 0, 30, True, 15.0, "15", None):
        assert refused(check_channel, bad) == "must be an integer from 11 to 26"


def test_tx_power() -> None:
    assert [check_tx_power(p) for p in (-24, 0, 6, 20)] == [-24, 0, 6, 20]
    for bad in (-25, 21, True, False, 6.0, "6"):
        assert refused(check_tx_power, bad) == "must be an integer from -24 to 20"


# Network name, passphrase ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["G", "GLS20-Test", "1234567890123456", "Réseau-Maison", "ééééééé"]
)
def test_network_name_valid(value: str) -> None:
    # 02_dataset_form_network.txt:65-67: sixteen bytes are accepted.
    assert check_network_name(value) == value


@pytest.mark.parametrize(
    "value",
    ["", "ThisNameIsTooLong17", "1234567890123456X", "é" * 9, "\udc80", b"GLS20", None],
)
def test_network_name_invalid(value: object) -> None:
    # 02_dataset_form_network.txt:62-64: a 17-character name is refused.
    assert refused(check_network_name, value) == "must be 1-16 bytes of UTF-8 text"


def test_network_name_refuses_nul() -> None:
    assert refused(check_network_name, "GLS\x0020") == "must not contain NUL characters"


@pytest.mark.parametrize(
    "value", ["123456", "goodlife", "12SECRETPASSWORD34", "x" * 255, "é" * 127]
)
def test_passphrase_valid(value: str) -> None:
    assert check_passphrase(value) == value


@pytest.mark.parametrize("value", ["12345", "", "x" * 256, "é" * 128, "\udc80" * 6, 123456])
def test_passphrase_invalid(value: object) -> None:
    # 03_pskc.txt:68-70: OpenThread refuses `pskc -p 12345` too.
    assert refused(check_passphrase, value) == "must be 6-255 bytes of UTF-8 text"


def test_passphrase_refuses_nul() -> None:
    assert refused(check_passphrase, "good\x00life") == "must not contain NUL characters"


# Mesh-local prefix -------------------------------------------------------------------------------

PREFIX_RULE = "must be a /64 prefix in fd00::/8, such as fd00:db8:a::/64"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fd00:db8:a::", "fd00:db8:a::/64"),  # 09_dataset_tlv_vectors.txt:40
        ("fd00:db8:a::/64", "fd00:db8:a::/64"),
        ("fdde:ad00:beef:0::", "fdde:ad00:beef::/64"),  # 09_dataset_tlv_vectors.txt:135
        ("FDC4:1913:A83C:E09B::/64", "fdc4:1913:a83c:e09b::/64"),
        ("fd34:710b:8843:b175::/64", "fd34:710b:8843:b175::/64"),
    ],
)
def test_mesh_local_prefix_valid(value: str, expected: str) -> None:
    assert check_mesh_local_prefix(value) == ipaddress.IPv6Network(expected)


@pytest.mark.parametrize(
    "value",
    [
        "fd11:22::/48",  # 02_dataset_form_network.txt:536-538: refused by OpenThread too
        "fd00::/63",
        "fd00::1:2:3:4:5",  # host bits set
        "fd00:db8:a::1/64",
        "fc00::/64",  # in fc00::/7 but not the locally assigned half
        "2001:db8::/64",
        "fe80::/64",
        "zz",  # 02_dataset_form_network.txt:92-94
        "",
        "fd00::/64/64",
        None,
    ],
)
def test_mesh_local_prefix_invalid(value: object) -> None:
    assert refused(check_mesh_local_prefix, value) == PREFIX_RULE


# Thread version names ----------------------------------------------------------------------------


def test_thread_version_names(timeline) -> None:
    # 01_basic_info.txt:18-20: `thread version` prints 5 on this Thread 1.4 build.
    commands = timeline("01_basic_info.txt")
    version = next(c for c in commands if c.text == "thread version").lines[0]
    assert thread_version_name(int(version)) == "v1.4"
    assert [thread_version_name(n) for n in (2, 3, 4, 5)] == ["v1.1", "v1.2", "v1.3", "v1.4"]
    assert thread_version_name(1) == "v1.0"
    assert thread_version_name(6) == "v1.5"
    assert thread_version_name(0) == "v1.x"
    assert thread_version_name(-3) == "v1.x"
