"""Validation rules for Thread values that arrive from API requests.

Each rule returns the normalized value or raises `RuleError` whose message is the rule
in words without the field name ("must be ..."), so the caller can prefix the name.
"""

from __future__ import annotations

import ipaddress
import re

from ._errors import RuleError

__all__ = [
    "CHANNEL_MAX",
    "CHANNEL_MIN",
    "HEX16",
    "HEX32",
    "NETWORK_NAME_MAX_BYTES",
    "NETWORK_NAME_MIN_BYTES",
    "PAN_ID_HEX",
    "PAN_ID_MAX",
    "PAN_ID_MIN",
    "PASSPHRASE_MAX_BYTES",
    "PASSPHRASE_MIN_BYTES",
    "PSKD",
    "TX_POWER_MAX",
    "TX_POWER_MIN",
    "check_channel",
    "check_eui64",
    "check_ext_pan_id",
    "check_mesh_local_prefix",
    "check_network_key",
    "check_network_name",
    "check_pan_id",
    "check_passphrase",
    "check_pskc_hex",
    "check_pskd",
    "check_tx_power",
]

# The limits below are public so that the API's OpenAPI document states the same numbers.
# Joiner credential alphabet: digits and upper-case letters without I, O, Q and Z.
PSKD = re.compile(r"[0-9A-HJ-NPR-Y]{6,32}")
HEX16 = re.compile(r"[0-9A-Fa-f]{16}")
HEX32 = re.compile(r"[0-9A-Fa-f]{32}")
PAN_ID_HEX = re.compile(r"0[xX][0-9A-Fa-f]+")
PAN_ID_MIN, PAN_ID_MAX = 1, 0xFFFE
CHANNEL_MIN, CHANNEL_MAX = 11, 26
TX_POWER_MIN, TX_POWER_MAX = -24, 20
NETWORK_NAME_MIN_BYTES, NETWORK_NAME_MAX_BYTES = 1, 16
PASSPHRASE_MIN_BYTES, PASSPHRASE_MAX_BYTES = 6, 255
_ULA = ipaddress.IPv6Network("fd00::/8")

_PSKD_RULE = "must be 6-32 characters of 0-9 and A-Y except I, O, Q and Z"
_PAN_ID_RULE = 'must be 1-0xFFFE (65534), as a number or a "0x" hex string'
_PREFIX_RULE = "must be a /64 prefix in fd00::/8, such as fd00:db8:a::/64"


def _hex(value: object, pattern: re.Pattern[str], rule: str) -> bytes:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise RuleError(rule)
    return bytes.fromhex(value)


def _int_in(value: object, low: int, high: int) -> int:
    # bool is an int subclass, but true/false is never a valid number here.
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RuleError(f"must be an integer from {low} to {high}")
    return value


def _utf8_text(value: object, low: int, high: int) -> str:
    rule = f"must be {low}-{high} bytes of UTF-8 text"
    if not isinstance(value, str):
        raise RuleError(rule)
    try:
        size = len(value.encode("utf-8"))
    except UnicodeEncodeError:
        raise RuleError(rule) from None
    if not low <= size <= high:
        raise RuleError(rule)
    if "\x00" in value:
        # OpenThread keeps these as C strings: a NUL would silently cut them short.
        raise RuleError("must not contain NUL characters")
    return value


def check_pskd(value: object) -> str:
    """Check a joiner credential (PSKd): 6-32 of 0-9 and A-Y except I, O, Q, Z."""
    if not isinstance(value, str) or not PSKD.fullmatch(value):
        raise RuleError(_PSKD_RULE)
    return value


def check_eui64(value: object) -> bytes:
    """Check an EUI-64 of 16 hex digits (any case); "*" is the caller's business."""
    return _hex(value, HEX16, "must be 16 hex digits")


def check_ext_pan_id(value: object) -> bytes:
    """Check an extended PAN ID of 16 hex digits."""
    return _hex(value, HEX16, "must be 16 hex digits")


def check_network_key(value: object) -> bytes:
    """Check a network key of 32 hex digits."""
    return _hex(value, HEX32, "must be 32 hex digits")


def check_pskc_hex(value: object) -> bytes:
    """Check a PSKc of 32 hex digits."""
    return _hex(value, HEX32, "must be 32 hex digits")


def check_pan_id(value: object) -> int:
    """Check a PAN ID of 1-0xFFFE given as a number or a "0x" hex string."""
    if isinstance(value, str):
        if not PAN_ID_HEX.fullmatch(value):
            raise RuleError(_PAN_ID_RULE)
        value = int(value, 16)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError(_PAN_ID_RULE)
    if not PAN_ID_MIN <= value <= PAN_ID_MAX:
        raise RuleError(_PAN_ID_RULE)
    return value


def check_channel(value: object) -> int:
    """Check a 2.4 GHz Thread channel, 11-26."""
    return _int_in(value, CHANNEL_MIN, CHANNEL_MAX)


def check_tx_power(value: object) -> int:
    """Check a transmit power in dBm, -24 to 20."""
    return _int_in(value, TX_POWER_MIN, TX_POWER_MAX)


def check_network_name(value: object) -> str:
    """Check a network name of 1-16 bytes of UTF-8."""
    return _utf8_text(value, NETWORK_NAME_MIN_BYTES, NETWORK_NAME_MAX_BYTES)


def check_passphrase(value: object) -> str:
    """Check a commissioning passphrase of 6-255 bytes of UTF-8."""
    return _utf8_text(value, PASSPHRASE_MIN_BYTES, PASSPHRASE_MAX_BYTES)


def check_mesh_local_prefix(value: object) -> ipaddress.IPv6Network:
    """Check a mesh-local prefix: a /64 in fd00::/8, written with or without "/64"."""
    if not isinstance(value, str):
        raise RuleError(_PREFIX_RULE)
    text = value if "/" in value else f"{value}/64"
    try:
        prefix = ipaddress.IPv6Network(text)
    except ValueError:
        raise RuleError(_PREFIX_RULE) from None
    if prefix.prefixlen != 64 or not prefix.subnet_of(_ULA):
        raise RuleError(_PREFIX_RULE)
    return prefix
