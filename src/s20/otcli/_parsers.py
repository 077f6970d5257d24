"""Pure parsers for the output of single CLI commands (the lines between echo and Done)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from ipaddress import AddressValueError, IPv6Address, IPv6Network

from ._errors import OtCliParseError
from ._models import (
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
)

__all__ = [
    "parse_api_version",
    "parse_bbr",
    "parse_bbr_config",
    "parse_bbr_state",
    "parse_br_omrprefix",
    "parse_br_state",
    "parse_channel",
    "parse_commissioner_state",
    "parse_dataset_hex",
    "parse_eui64",
    "parse_extaddr",
    "parse_extpanid",
    "parse_ifconfig",
    "parse_ipaddrs",
    "parse_ipaddrs_verbose",
    "parse_joiner_discerner",
    "parse_joiner_id",
    "parse_joiner_state",
    "parse_networkkey",
    "parse_networkname",
    "parse_panid",
    "parse_pskc",
    "parse_rloc16",
    "parse_state",
    "parse_thread_version",
    "parse_txpower",
    "parse_uint",
    "parse_version",
]

Lines = Sequence[str]

_UINT = re.compile(r"^\d+$")
_TXPOWER = re.compile(r"^(-?\d+) dBm$")
_RLOC16 = re.compile(r"^[0-9a-fA-F]{4}$")
_PANID = re.compile(r"^0x([0-9a-fA-F]{4})$")
_IPADDR_VERBOSE = re.compile(r"^(\S+) origin:(\S+) plen:(\d+) preferred:([01]) valid:([01])$")
_SERVER16 = re.compile(r"^0x([0-9a-fA-F]{4})$")
_SECS = re.compile(r"^(\d+)(?: secs)?$")
_FAVORED = re.compile(r"^(\S+)(?: prf:(high|med|low))?$")


def single_line(lines: Lines, what: str) -> str:
    """Return the only line of `lines`; raise OtCliParseError otherwise."""
    if len(lines) != 1:
        raise OtCliParseError(f"{what}: expected one line, got {list(lines)!r}")
    return lines[0]


def parse_uint(lines: Lines, what: str = "value") -> int:
    """Read one unsigned decimal number (`version api`, `commissioner sessionid`, ...)."""
    text = single_line(lines, what)
    if _UINT.match(text) is None:
        raise OtCliParseError(f"{what}: not a number: {text!r}")
    return int(text)


def parse_hex(lines: Lines, size: int, what: str) -> str:
    """Read one line of exactly `size` bytes of hex, returned in lower case."""
    text = single_line(lines, what)
    if len(text) != 2 * size or not _is_hex(text):
        raise OtCliParseError(f"{what}: expected {size} bytes of hex, got {text!r}")
    return text.lower()


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)


def parse_state(lines: Lines) -> DeviceRole:
    """Read `state`: disabled, detached, child, router or leader."""
    text = single_line(lines, "state")
    try:
        return DeviceRole[text.upper()]
    except KeyError:
        raise OtCliParseError(f"state: unknown role {text!r}") from None


def parse_version(lines: Lines) -> str:
    """Read `version` or `rcp version`: the build string, e.g. `OPENTHREAD/de3788c66; ...`."""
    text = single_line(lines, "version").strip()
    if not text:
        raise OtCliParseError("version: empty")
    return text


def parse_api_version(lines: Lines) -> int:
    """Read `version api`."""
    return parse_uint(lines, "version api")


def parse_thread_version(lines: Lines) -> int:
    """Read `thread version` (4 is Thread 1.3, 5 is Thread 1.4)."""
    return parse_uint(lines, "thread version")


def parse_channel(lines: Lines) -> int:
    """Read `channel`."""
    return parse_uint(lines, "channel")


def parse_extaddr(lines: Lines) -> str:
    """Read `extaddr`: 8 bytes of hex."""
    return parse_hex(lines, 8, "extaddr")


def parse_eui64(lines: Lines) -> str:
    """Read `eui64`: 8 bytes of hex."""
    return parse_hex(lines, 8, "eui64")


def parse_extpanid(lines: Lines) -> str:
    """Read `extpanid`: 8 bytes of hex."""
    return parse_hex(lines, 8, "extpanid")


def parse_joiner_id(lines: Lines) -> str:
    """Read `joiner id`: 8 bytes of hex."""
    return parse_hex(lines, 8, "joiner id")


def parse_pskc(lines: Lines) -> str:
    """Read `pskc`: 16 bytes of hex."""
    return parse_hex(lines, 16, "pskc")


def parse_networkkey(lines: Lines) -> str:
    """Read `networkkey`: 16 bytes of hex."""
    return parse_hex(lines, 16, "networkkey")


def parse_rloc16(lines: Lines) -> int:
    """Read `rloc16`: four hex digits without 0x."""
    text = single_line(lines, "rloc16")
    if _RLOC16.match(text) is None:
        raise OtCliParseError(f"rloc16: not four hex digits: {text!r}")
    return int(text, 16)


def parse_panid(lines: Lines) -> int:
    """Read `panid`: `0x` and four hex digits."""
    text = single_line(lines, "panid")
    if (m := _PANID.match(text)) is None:
        raise OtCliParseError(f"panid: expected 0x and four hex digits, got {text!r}")
    return int(m.group(1), 16)


def parse_txpower(lines: Lines) -> int:
    """Read `txpower`, e.g. `10 dBm`."""
    text = single_line(lines, "txpower")
    if (m := _TXPOWER.match(text)) is None:
        raise OtCliParseError(f"txpower: expected '<n> dBm', got {text!r}")
    return int(m.group(1))


def parse_networkname(lines: Lines) -> str:
    """Read `networkname` (it may contain spaces)."""
    return single_line(lines, "networkname")


def parse_dataset_hex(lines: Lines) -> str:
    """Read `dataset active -x` / `dataset pending -x`: the TLVs as lower-case hex."""
    text = single_line(lines, "dataset hex")
    if not text or len(text) % 2 or not _is_hex(text):
        raise OtCliParseError(f"dataset hex: not an even number of hex digits: {text!r}")
    return text.lower()


def parse_ifconfig(lines: Lines) -> bool:
    """Read `ifconfig`: True when `up`."""
    text = single_line(lines, "ifconfig")
    if text not in ("up", "down"):
        raise OtCliParseError(f"ifconfig: expected up or down, got {text!r}")
    return text == "up"


def parse_ipaddrs(lines: Lines) -> list[IPv6Address]:
    """Read `ipaddr`: one address per line, possibly none."""
    try:
        return [IPv6Address(line) for line in lines]
    except AddressValueError as exc:
        raise OtCliParseError(f"ipaddr: {exc}") from exc


def parse_ipaddrs_verbose(lines: Lines) -> list[IpAddressInfo]:
    """Read `ipaddr -v`: address, origin, prefix length and the preferred/valid flags."""
    result = []
    for line in lines:
        m = _IPADDR_VERBOSE.match(line)
        if m is None:
            raise OtCliParseError(f"ipaddr -v: unexpected line {line!r}")
        try:
            address = IPv6Address(m.group(1))
        except AddressValueError as exc:
            raise OtCliParseError(f"ipaddr -v: {exc}") from exc
        result.append(
            IpAddressInfo(
                address=address,
                origin=m.group(2),
                prefix_length=int(m.group(3)),
                preferred=m.group(4) == "1",
                valid=m.group(5) == "1",
            )
        )
    return result


def parse_commissioner_state(lines: Lines) -> CommissionerState:
    """Read `commissioner state`: disabled, petitioning or active."""
    text = single_line(lines, "commissioner state")
    try:
        return CommissionerState(text)
    except ValueError:
        raise OtCliParseError(f"commissioner state: unknown state {text!r}") from None


def parse_joiner_state(lines: Lines) -> JoinerState:
    """Read `joiner state`: Idle, Discover, Connecting, Connected, Entrust or Joined."""
    text = single_line(lines, "joiner state")
    try:
        return JoinerState(text)
    except ValueError:
        raise OtCliParseError(f"joiner state: unknown state {text!r}") from None


def parse_joiner_discerner(lines: Lines) -> Discerner:
    """Read `joiner discerner`, e.g. `0xabc/12`."""
    text = single_line(lines, "joiner discerner")
    try:
        return Discerner.parse(text)
    except ValueError as exc:
        raise OtCliParseError(f"joiner discerner: {exc}") from exc


def parse_bbr_state(lines: Lines) -> BbrState:
    """Read `bbr state`: Disabled, Primary or Secondary."""
    text = single_line(lines, "bbr state")
    try:
        return BbrState(text)
    except ValueError:
        raise OtCliParseError(f"bbr state: unknown state {text!r}") from None


def _key_values(lines: Lines, what: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in lines:
        key, colon, value = line.partition(":")
        if not colon:
            raise OtCliParseError(f"{what}: expected 'key: value', got {line!r}")
        values[key.strip()] = value.strip()
    return values


def _secs(values: dict[str, str], key: str, what: str) -> int:
    m = _SECS.match(values.get(key, ""))
    if m is None:
        raise OtCliParseError(f"{what}: missing or bad {key!r} in {values!r}")
    return int(m.group(1))


def _bbr_config(values: dict[str, str], what: str) -> BbrConfig:
    return BbrConfig(
        seqno=_secs(values, "seqno", what),
        delay=_secs(values, "delay", what),
        timeout=_secs(values, "timeout", what),
    )


def parse_bbr_config(lines: Lines) -> BbrConfig:
    """Read `bbr config`: seqno, delay and timeout (seconds)."""
    return _bbr_config(_key_values(lines, "bbr config"), "bbr config")


def parse_bbr(lines: Lines) -> BbrPrimary | None:
    """Read `bbr`: the primary backbone router, or None for `BBR Primary: None`."""
    if list(lines) == ["BBR Primary: None"]:
        return None
    if not lines or lines[0] != "BBR Primary:":
        raise OtCliParseError(f"bbr: unexpected output {list(lines)!r}")
    values = _key_values(lines[1:], "bbr")
    if (m := _SERVER16.match(values.get("server16", ""))) is None:
        raise OtCliParseError(f"bbr: missing or bad server16 in {list(lines)!r}")
    return BbrPrimary(server16=int(m.group(1), 16), config=_bbr_config(values, "bbr"))


def parse_br_state(lines: Lines) -> BorderRoutingState:
    """Read `br state` (otbr-agent): uninitialized, disabled, stopped or running."""
    text = single_line(lines, "br state")
    try:
        return BorderRoutingState(text)
    except ValueError:
        raise OtCliParseError(f"br state: unknown state {text!r}") from None


def parse_br_omrprefix(lines: Lines) -> OmrPrefixes:
    """Read `br omrprefix`: the `Local:` and `Favored: <prefix> prf:<preference>` lines."""
    values = _key_values(lines, "br omrprefix")
    if set(values) - {"Local", "Favored"}:
        raise OtCliParseError(f"br omrprefix: unexpected output {list(lines)!r}")
    local = ip6_prefix(values["Local"], "br omrprefix") if "Local" in values else None
    favored = preference = None
    if "Favored" in values:
        m = _FAVORED.match(values["Favored"])
        if m is None:
            raise OtCliParseError(f"br omrprefix: bad favored prefix {values['Favored']!r}")
        favored, preference = ip6_prefix(m.group(1), "br omrprefix"), m.group(2)
    return OmrPrefixes(local=local, favored=favored, favored_preference=preference)


def ip6_prefix(text: str, what: str) -> IPv6Network:
    """Read an IPv6 prefix as the CLI prints it (`fd00:db8:a:0::/64`)."""
    try:
        return IPv6Network(text, strict=False)
    except ValueError as exc:
        raise OtCliParseError(f"{what}: bad prefix {text!r}") from exc
