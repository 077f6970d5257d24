"""Parsing CLI arguments the way OpenThread's `Arg` and `CmdLineParser` do."""

from __future__ import annotations

import ipaddress
import string

from ._errors import CliError, OtError

__all__ = [
    "parse_discerner",
    "parse_hex",
    "parse_int",
    "parse_ip6",
    "parse_prefix",
    "parse_uint",
    "require",
]


def require(condition: bool, error: OtError = OtError.INVALID_ARGS) -> None:
    """Fail the command with `error` unless `condition` holds."""
    if not condition:
        raise CliError(error)


def parse_uint(text: str, bits: int) -> int:
    """Parse decimal or `0x` hex into an unsigned integer of `bits` bits; else InvalidArgs."""
    digits, base = (text[2:], 16) if text[:2].lower() == "0x" else (text, 10)
    alphabet = string.hexdigits if base == 16 else string.digits
    require(bool(digits) and all(c in alphabet for c in digits))
    value = int(digits, base)
    require(value < 1 << bits)
    return value


def parse_int(text: str, bits: int) -> int:
    """Parse a signed decimal (or `0x` hex) integer of `bits` bits; else InvalidArgs."""
    negative = text.startswith("-")
    magnitude = parse_uint(text[1:] if negative else text, bits)
    value = -magnitude if negative else magnitude
    require(-(1 << (bits - 1)) <= value < 1 << (bits - 1))
    return value


def parse_hex(text: str, size: int) -> bytes:
    """Parse exactly `size` bytes of hex; anything else is InvalidArgs."""
    require(len(text) == 2 * size and all(c in string.hexdigits for c in text))
    return bytes.fromhex(text)


def parse_discerner(text: str) -> tuple[int, int] | None:
    """Parse `value/length` (`0xabc/12`); None if there is no `/` (not a discerner).

    Like OpenThread, only the length (1-64) is checked: a value wider than the length is
    kept as typed and only its low bits count.
    """
    value, sep, length = text.partition("/")
    if not sep:
        return None
    bits = parse_uint(length, 8)
    require(1 <= bits <= 64)
    return parse_uint(value, 64), bits


def parse_ip6(text: str) -> bytes:
    """Parse an IPv6 address; a malformed one is a Parse error, as OpenThread reports it."""
    try:
        return ipaddress.IPv6Address(text).packed
    except ValueError:
        raise CliError(OtError.PARSE) from None


def parse_prefix(text: str) -> ipaddress.IPv6Network:
    """Parse `address/length` into a prefix (host bits cleared); malformed is Parse."""
    address, sep, length = text.partition("/")
    if not sep or not length.isdigit() or int(length) > 128:
        raise CliError(OtError.PARSE)
    packed = parse_ip6(address)
    return ipaddress.IPv6Network((packed, int(length)), strict=False)
