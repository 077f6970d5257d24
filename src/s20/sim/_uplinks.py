"""The simulated S20's uplink side: the Ethernet cable, Wi-Fi access points, reachability.

Scenario keys (TOML; a JSON file has the same keys):

    [ethernet]                     # the wired side (plugged in with this DHCP lease)
    plugged = true
    ip = "192.168.8.20"            # the address its DHCP server hands out
    netmask = "255.255.255.0"
    gateway = "192.168.8.1"
    ipv6 = "fd00:8::20"            # optional

    [[wifi_aps]]                   # an access point in range
    ssid = "HomeNet"               # 1-32 bytes in UTF-8
    bssid = "94:83:c4:12:34:56"
    auth_mode = 3                  # 0-9 as the API numbers them
    password = "correct horse"     # what it accepts ("" for open)
    rssi = -48                     # dBm a scan reads
    channel = 6
    ip = "192.168.50.23"           # the address its DHCP hands out (and netmask, gateway, ipv6)
    gateway = "192.168.50.1"

    [[reachability]]               # an address that does not answer pings on an interface
    iface = "eth"                  # "eth" or "wifi"
    address = "8.8.8.8"
    reachable = false

By default every address answers on any interface that has an address.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from s20.drivers import Address
from s20.drivers.rules import (
    RuleError,
    check_bssid,
    check_ipv4,
    check_ipv6,
    check_netmask,
    check_ssid,
)

from ._errors import ScenarioError
from ._fields import int_field, key_path, rule, table_field

__all__ = [
    "ApSpec",
    "EthernetSpec",
    "Uplinks",
    "parse_ap",
    "parse_ethernet",
    "parse_reachability",
]

IFACES = ("eth", "wifi")
_LEASE_KEYS = {"ip", "netmask", "gateway", "ipv6"}


@dataclass(frozen=True, slots=True)
class ApSpec:
    """A Wi-Fi access point: what a scan shows, what it accepts, the lease it hands out."""

    ssid: str
    bssid: str
    auth_mode: int
    password: str
    rssi: int
    channel: int
    lease: Address

    def snapshot(self) -> dict[str, Any]:
        """Return the AP as a scenario entry."""
        return {
            "ssid": self.ssid,
            "bssid": self.bssid,
            "auth_mode": self.auth_mode,
            "password": self.password,
            "rssi": self.rssi,
            "channel": self.channel,
            **_lease_entry(self.lease),
        }


@dataclass(frozen=True, slots=True)
class EthernetSpec:
    """The cable and the lease the wired network's DHCP hands out."""

    plugged: bool = True
    lease: Address = field(
        default_factory=lambda: Address("192.168.8.20", "192.168.8.1", ipv6="fd00:8::20")
    )

    def snapshot(self) -> dict[str, Any]:
        """Return the Ethernet side as a scenario entry."""
        return {"plugged": self.plugged, **_lease_entry(self.lease)}


def _lease_entry(lease: Address) -> dict[str, str]:
    return {"ip": lease.ip, "netmask": lease.netmask, "gateway": lease.gateway, "ipv6": lease.ipv6}


def _text(key: str, check: Callable[[str], str], value: object) -> str:
    if not isinstance(value, str):
        raise ScenarioError(key, f"must be a string, got {value!r}")
    return rule(key, check, value)


def _bool(key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ScenarioError(key, f"must be true or false, got {value!r}")
    return value


def _lease(key: str, table: Mapping[str, Any], default: Address) -> Address:
    ipv6 = table.get("ipv6", default.ipv6)
    return Address(
        ip=_text(key_path(key, "ip"), check_ipv4, table.get("ip", default.ip)),
        gateway=_text(key_path(key, "gateway"), check_ipv4, table.get("gateway", default.gateway)),
        netmask=_text(
            key_path(key, "netmask"), check_netmask, table.get("netmask", default.netmask)
        ),
        ipv6=_text(key_path(key, "ipv6"), check_ipv6, ipv6) if ipv6 else "",
    )


def parse_ap(key: str, value: object) -> ApSpec:
    """Validate one access point table."""
    required = {"ssid", "bssid", "auth_mode", "ip", "gateway"}
    allowed = required | _LEASE_KEYS | {"password", "rssi", "channel"}
    table = table_field(key, value, allowed, required)
    password = table.get("password", "")
    if not isinstance(password, str):
        raise ScenarioError(key_path(key, "password"), "must be a string")
    return ApSpec(
        ssid=_text(key_path(key, "ssid"), check_ssid, table["ssid"]),
        bssid=_text(key_path(key, "bssid"), check_bssid, table["bssid"]),
        auth_mode=int_field(key_path(key, "auth_mode"), table["auth_mode"], 0, 9),
        password=password,
        rssi=int_field(key_path(key, "rssi"), table.get("rssi", -60), -127, 0),
        channel=int_field(key_path(key, "channel"), table.get("channel", 6), 1, 196),
        lease=_lease(key, table, Address("", "")),
    )


def parse_ethernet(key: str, value: object) -> EthernetSpec:
    """Validate the `[ethernet]` table."""
    table = table_field(key, value, {"plugged"} | _LEASE_KEYS, set())
    default = EthernetSpec()
    return EthernetSpec(
        plugged=_bool(key_path(key, "plugged"), table.get("plugged", True)),
        lease=_lease(key, table, default.lease),
    )


def parse_reachability(key: str, value: object) -> tuple[str, str, bool]:
    """Validate one `[[reachability]]` entry: (iface, address, reachable)."""
    table = table_field(key, value, {"iface", "address", "reachable"}, {"iface", "address"})
    iface = table["iface"]
    if iface not in IFACES:
        raise ScenarioError(key_path(key, "iface"), f'must be "eth" or "wifi", got {iface!r}')
    return (
        iface,
        _address(key_path(key, "address"), table["address"]),
        _bool(key_path(key, "reachable"), table.get("reachable", False)),
    )


def _address(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ScenarioError(key, f"must be an IPv4 or IPv6 address, got {value!r}")
    try:
        return check_ipv4(value) if "." in value else check_ipv6(value)
    except RuleError as exc:
        raise ScenarioError(key, str(exc)) from None


class Uplinks:
    """The world beyond the S20's uplinks, with a runtime control API for `/sim/*`.

    Listeners (the simulated drivers) hear of every change, so a device associated with
    an access point that disappears loses its link at once, as a real one would.
    """

    def __init__(
        self,
        ethernet: EthernetSpec | None = None,
        aps: tuple[ApSpec, ...] = (),
        reachability: tuple[tuple[str, str, bool], ...] = (),
    ) -> None:
        self.ethernet = ethernet or EthernetSpec()
        self._aps = {ap.bssid: ap for ap in aps}
        self._reach = {(iface, address): ok for iface, address, ok in reachability}
        self._listeners: list[Callable[[], None]] = []

    def aps(self) -> list[ApSpec]:
        """Return the access points in range."""
        return list(self._aps.values())

    def ap(self, bssid: str) -> ApSpec | None:
        """Return the access point with this BSSID, if in range."""
        return self._aps.get(bssid)

    def listen(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` after every change; return the unsubscriber."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    def _changed(self) -> None:
        for callback in list(self._listeners):
            callback()

    def put_ap(self, ap: ApSpec) -> None:
        """Add an access point, or replace the one with its BSSID."""
        self._aps[ap.bssid] = ap
        self._changed()

    def remove_ap(self, bssid: str) -> None:
        """Take an access point out of range."""
        if self._aps.pop(bssid, None) is None:
            raise ScenarioError("bssid", f"no access point {bssid} in range")
        self._changed()

    def set_plugged(self, plugged: bool) -> None:
        """Plug the Ethernet cable in, or pull it."""
        self.ethernet = replace(self.ethernet, plugged=plugged)
        self._changed()

    def set_reachable(self, iface: str, address: str, reachable: bool) -> None:
        """Make `address` answer pings on `iface`, or stop answering."""
        self._reach[(iface, address)] = reachable
        self._changed()

    def reachable(self, iface: str, address: str) -> bool:
        """Return whether `address` answers on `iface` (given the interface has an address)."""
        return self._reach.get((iface, address), True)

    def snapshot(self) -> dict[str, Any]:
        """Return the uplink side as scenario keys."""
        return {
            "ethernet": self.ethernet.snapshot(),
            "wifi_aps": [ap.snapshot() for ap in self._aps.values()],
            "reachability": [
                {"iface": iface, "address": address, "reachable": ok}
                for (iface, address), ok in self._reach.items()
            ],
        }
