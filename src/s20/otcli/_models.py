"""Typed values read from CLI output."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from ipaddress import IPv6Address, IPv6Network

__all__ = [
    "BbrConfig",
    "BbrPrimary",
    "BbrState",
    "BorderRoutingState",
    "CommissionerState",
    "DeviceRole",
    "Discerner",
    "DiscoverResult",
    "EnergyScanResult",
    "IpAddressInfo",
    "JoinerEntry",
    "JoinerState",
    "OmrPrefixes",
    "ScanResult",
    "Versions",
]


class DeviceRole(IntEnum):
    """The Thread role printed by `state`, numbered like OpenThread's `otDeviceRole`."""

    DISABLED = 0
    DETACHED = 1
    CHILD = 2
    ROUTER = 3
    LEADER = 4


class CommissionerState(StrEnum):
    """What `commissioner state` prints, and the state in `Commissioner: <state>` lines."""

    DISABLED = "disabled"
    PETITIONING = "petitioning"
    ACTIVE = "active"


class JoinerState(StrEnum):
    """What `joiner state` prints."""

    IDLE = "Idle"
    DISCOVER = "Discover"
    CONNECTING = "Connecting"
    CONNECTED = "Connected"
    ENTRUST = "Entrust"
    JOINED = "Joined"


class BbrState(StrEnum):
    """What `bbr state` prints."""

    DISABLED = "Disabled"
    PRIMARY = "Primary"
    SECONDARY = "Secondary"


class BorderRoutingState(StrEnum):
    """What `br state` prints (otbr-agent with border routing)."""

    UNINITIALIZED = "uninitialized"
    DISABLED = "disabled"
    STOPPED = "stopped"
    RUNNING = "running"


_DISCERNER = re.compile(r"^0x([0-9a-fA-F]{1,16})/(\d{1,2})$")


@dataclass(frozen=True, slots=True)
class Discerner:
    """A joiner discerner: the low `length` bits of a joiner ID, written `0xabc/12`."""

    value: int
    length: int

    def __post_init__(self) -> None:
        if not 1 <= self.length <= 64:
            raise ValueError(f"discerner length {self.length} is not in 1..64")
        if not 0 <= self.value < (1 << self.length):
            raise ValueError(f"discerner value {self.value:#x} does not fit in {self.length} bits")

    @classmethod
    def parse(cls, text: str) -> Discerner:
        """Read `0x<hex>/<length>`; raise ValueError otherwise."""
        m = _DISCERNER.match(text)
        if m is None:
            raise ValueError(f"not a joiner discerner: {text!r}")
        return cls(int(m.group(1), 16), int(m.group(2)))

    def __str__(self) -> str:
        return f"{self.value:#x}/{self.length}"


@dataclass(frozen=True, slots=True)
class JoinerEntry:
    """One row of `commissioner joiner table`; exactly one of the three matchers is set."""

    any_joiner: bool
    eui64: str | None
    discerner: Discerner | None
    pskd: str
    expiration_ms: int

    @property
    def joiner(self) -> str:
        """Return the entry's matcher as the CLI writes it: `*`, an EUI-64 or a discerner."""
        if self.eui64 is not None:
            return self.eui64
        if self.discerner is not None:
            return str(self.discerner)
        return "*"


@dataclass(frozen=True, slots=True)
class ScanResult:
    """One row of an active `scan`."""

    panid: int
    ext_address: str
    channel: int
    rssi: int
    lqi: int


@dataclass(frozen=True, slots=True)
class DiscoverResult:
    """One row of `discover`; `joinable` is None where the table has no `J` column."""

    network_name: str
    extended_panid: str
    panid: int
    ext_address: str
    channel: int
    rssi: int
    lqi: int
    joinable: bool | None


@dataclass(frozen=True, slots=True)
class EnergyScanResult:
    """One row of `scan energy`: the strongest signal heard on a channel."""

    channel: int
    rssi: int


@dataclass(frozen=True, slots=True)
class IpAddressInfo:
    """One line of `ipaddr -v`."""

    address: IPv6Address
    origin: str
    prefix_length: int
    preferred: bool
    valid: bool


@dataclass(frozen=True, slots=True)
class BbrConfig:
    """Backbone router configuration, from `bbr config` or the primary's block in `bbr`."""

    seqno: int
    delay: int
    timeout: int


@dataclass(frozen=True, slots=True)
class BbrPrimary:
    """The primary backbone router as `bbr` shows it."""

    server16: int
    config: BbrConfig


@dataclass(frozen=True, slots=True)
class OmrPrefixes:
    """`br omrprefix`: this border router's own OMR prefix and the one the network favours."""

    local: IPv6Network | None
    favored: IPv6Network | None
    favored_preference: str | None


@dataclass(frozen=True, slots=True)
class Versions:
    """The stack's version strings; `rcp` is None where there is no separate radio."""

    version: str
    api: int
    thread: int
    rcp: str | None
