"""What the device needs from the machine's network: Ethernet, Wi-Fi and ping.

Each protocol is the smallest surface the network and failover services use, shaped so
that a NetworkManager-backed driver fits: applying an IPv4 configuration maps onto a
connection profile's `ipv4.method` (`auto` or `manual`), a Wi-Fi connect onto
`AddAndActivateConnection` whose activation ends in a state and a reason, and link loss
onto the device's `StateChanged` signal, delivered here through `watch()`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

__all__ = [
    "Address",
    "AuthMode",
    "ConnectFailure",
    "EthernetDriver",
    "EthernetStatus",
    "Interface",
    "IpConfig",
    "IpProtocol",
    "Ipv4Static",
    "PingDriver",
    "RouteDriver",
    "WifiAp",
    "WifiConnectError",
    "WifiCredentials",
    "WifiDriver",
    "WifiLink",
]

Interface = Literal["eth", "wifi"]
IpProtocol = Literal["dhcp", "static"]


class AuthMode(enum.IntEnum):
    """Wi-Fi authentication modes, numbered as the API numbers them."""

    OPEN = 0
    WEP = 1
    WPA_PSK = 2
    WPA2_PSK = 3
    WPA_WPA2_PSK = 4
    WPA2_ENTERPRISE = 5
    WPA3_PSK = 6
    WPA2_WPA3_PSK = 7
    WAPI_PSK = 8
    OWE = 9


@dataclass(frozen=True)
class Ipv4Static:
    """A static IPv4 configuration: address, contiguous netmask, gateway in the subnet."""

    ip: str
    netmask: str
    gateway: str


@dataclass(frozen=True)
class IpConfig:
    """How an interface gets its IPv4 address: by DHCP, or `static` (then `ipv4` is set)."""

    protocol: IpProtocol = "dhcp"
    ipv4: Ipv4Static | None = None


@dataclass(frozen=True)
class Address:
    """The addresses an interface holds once it is up."""

    ip: str
    gateway: str
    netmask: str = "255.255.255.0"
    ipv6: str = ""


@dataclass(frozen=True)
class EthernetStatus:
    """The cable and the address the Ethernet interface holds (None: none yet)."""

    plugged: bool
    address: Address | None


@dataclass(frozen=True)
class WifiAp:
    """One access point a scan heard."""

    ssid: str
    bssid: str
    auth_mode: int
    rssi: int
    channel: int


@dataclass(frozen=True)
class WifiCredentials:
    """What a connection attempt needs; `bssid` set means only that AP will do."""

    ssid: str
    auth_mode: int
    password: str = ""
    bssid: str | None = None

    def __repr__(self) -> str:
        # Never print the password, not even in a traceback or a log line.
        return (
            f"WifiCredentials(ssid={self.ssid!r}, auth_mode={self.auth_mode}, "
            f"password=<{len(self.password)} characters>, bssid={self.bssid!r})"
        )


@dataclass(frozen=True)
class WifiLink:
    """The access point the Wi-Fi interface is associated with, and its address."""

    ssid: str
    bssid: str
    rssi: int
    address: Address


class ConnectFailure(enum.Enum):
    """Why a Wi-Fi connection attempt failed; the value is the text `fail_msg` shows."""

    NOT_FOUND = "network not found"
    WRONG_PASSWORD = "wrong password"  # noqa: S105 - a reason, not a password
    UNSUPPORTED_AUTH = "unsupported auth mode"
    NO_ADDRESS = "no address from DHCP"


class WifiConnectError(Exception):
    """A connection attempt failed for `reason`."""

    def __init__(self, reason: ConnectFailure) -> None:
        super().__init__(reason.value)
        self.reason = reason


class EthernetDriver(Protocol):
    """The wired interface."""

    async def status(self) -> EthernetStatus:
        """Return the cable state and the address held."""
        ...

    async def apply(self, config: IpConfig) -> None:
        """Use `config` from now on (re-acquiring the address)."""
        ...


class WifiDriver(Protocol):
    """The Wi-Fi station interface; `auth_modes` are those it can join."""

    auth_modes: frozenset[AuthMode]

    async def scan(self) -> list[WifiAp]:
        """Return the access points in range (a scan takes a few seconds)."""
        ...

    async def connect(self, credentials: WifiCredentials, config: IpConfig) -> WifiLink:
        """Associate and get an address; raise `WifiConnectError` when that fails."""
        ...

    async def disconnect(self) -> None:
        """Leave the current network (harmless when there is none)."""
        ...

    async def link(self) -> WifiLink | None:
        """Return the current association, or None."""
        ...

    def watch(self, on_lost: Callable[[], None]) -> Callable[[], None]:
        """Call `on_lost` whenever an established link drops; return the unsubscriber."""
        ...


class PingDriver(Protocol):
    """ICMP echo through one interface."""

    async def ping(self, iface: Interface, address: str, reply_within: float) -> bool:
        """Return whether `address` answered one probe through `iface` within `reply_within` s."""
        ...


class RouteDriver(Protocol):
    """Which uplink carries the device's own traffic: the failover engine's choice."""

    async def prefer(self, iface: Interface | None) -> None:
        """Route through `iface` first (None: no preference); failures are logged, not raised."""
        ...
