"""The network configuration in one typed place: Ethernet, the Wi-Fi network, saved ones.

Request fields are checked here (each broken rule is -32602 naming the field) before
anything changes; the checked values are what the store keeps and the drivers get.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from s20.drivers import Address, IpConfig, Ipv4Static, WifiCredentials
from s20.drivers.rules import (
    check_auth_mode,
    check_bssid,
    check_password,
    check_ssid,
    check_static_ipv4,
)
from s20.errors import InvalidParams
from s20.services.thread import checked
from s20.thread import RuleError

__all__ = [
    "EMPTY_IPV4",
    "MAX_SAVED",
    "EthConfig",
    "WifiNetwork",
    "address_json",
    "check_ip_config",
    "check_wifi_network",
    "ipv4_json",
]

MAX_SAVED = 3
EMPTY_IPV4 = {"ip": "", "netmask": "", "gateway": ""}


def ipv4_json(static: Ipv4Static | None) -> dict[str, str]:
    """Return `ipv4` as the API shows it (empty strings when there is none)."""
    if static is None:
        return dict(EMPTY_IPV4)
    return {"ip": static.ip, "netmask": static.netmask, "gateway": static.gateway}


def address_json(address: Address | None) -> dict[str, dict[str, str]]:
    """Return the `ipv4` and `ipv6` status objects for an interface's address (or none)."""
    return {
        "ipv4": {
            "ip": address.ip if address else "",
            "gateway": address.gateway if address else "",
        },
        "ipv6": {"ip": address.ipv6 if address else ""},
    }


def _static_from_json(data: Any) -> Ipv4Static | None:
    if not data:
        return None
    return Ipv4Static(data["ip"], data["netmask"], data["gateway"])


def check_ip_config(protocol: str, ipv4: Ipv4Static | None) -> IpConfig:
    """Check `protocol` and, when static, `ipv4` (required then; ignored with DHCP)."""
    if protocol == "dhcp":
        return IpConfig("dhcp", None)
    if protocol != "static":
        raise InvalidParams(f'protocol must be "dhcp" or "static", got {protocol!r}')
    if ipv4 is None:
        raise InvalidParams('ipv4 is required when protocol is "static"')
    try:
        static = check_static_ipv4(ipv4.ip, ipv4.netmask, ipv4.gateway)
    except RuleError as exc:
        raise InvalidParams(str(exc)) from None
    return IpConfig("static", static)


@dataclass(frozen=True)
class EthConfig:
    """Ethernet: DHCP or static; the static settings are kept while DHCP is on."""

    protocol: str = "dhcp"
    static: Ipv4Static | None = None

    @property
    def ip(self) -> IpConfig:
        """Return what the driver applies."""
        return IpConfig("static", self.static) if self.protocol == "static" else IpConfig()

    def to_json(self) -> dict[str, Any]:
        """Return the stored (and `/eth/get_config`) form."""
        return {"protocol": self.protocol, "ipv4": ipv4_json(self.static)}

    @classmethod
    def from_json(cls, data: Any) -> EthConfig:
        """Read the stored form back."""
        if not data:
            return cls()
        return cls(data["protocol"], _static_from_json(data.get("ipv4")))


@dataclass(frozen=True)
class WifiNetwork:
    """One Wi-Fi network's settings: what `/wifi/start` takes and a saved entry holds."""

    ssid: str
    auth_mode: int
    pwd: str = field(default="", repr=False)  # a secret: never in a repr or a log line
    lock_bssid: bool = False
    bssid: str = ""
    ip: IpConfig = field(default_factory=IpConfig)

    @property
    def key(self) -> tuple[str, int]:
        """Return what tells saved networks apart: the SSID and the auth mode."""
        return (self.ssid, self.auth_mode)

    def credentials(self) -> WifiCredentials:
        """Return what the driver connects with."""
        return WifiCredentials(
            self.ssid, self.auth_mode, self.pwd, self.bssid if self.lock_bssid else None
        )

    def to_json(self) -> dict[str, Any]:
        """Return the stored (and `/wifi/get_save_wifi` entry) form."""
        return {
            "ssid": self.ssid,
            "bssid": self.bssid,
            "lock_bssid": self.lock_bssid,
            "auth_mode": self.auth_mode,
            "pwd": self.pwd,
            "protocol": self.ip.protocol,
            "ipv4": ipv4_json(self.ip.ipv4),
        }

    @classmethod
    def from_json(cls, data: Any) -> WifiNetwork:
        """Read the stored form back."""
        static = _static_from_json(data.get("ipv4"))
        return cls(
            ssid=data["ssid"],
            auth_mode=data["auth_mode"],
            pwd=data["pwd"],
            lock_bssid=data["lock_bssid"],
            bssid=data["bssid"],
            ip=IpConfig("static", static) if data["protocol"] == "static" else IpConfig(),
        )


def check_wifi_network(
    ssid: str,
    auth_mode: int,
    pwd: str,
    lock_bssid: bool,
    bssid: str | None,
    protocol: str,
    ipv4: Ipv4Static | None,
) -> WifiNetwork:
    """Check every field of a Wi-Fi network; the password never appears in an error."""
    checked("ssid", check_ssid, ssid)
    mode = checked("auth_mode", check_auth_mode, auth_mode)
    password = checked("pwd", lambda value: check_password(mode, value), pwd)
    if lock_bssid and not bssid:
        raise InvalidParams("bssid is required when lock_bssid is true")
    normalized = checked("bssid", check_bssid, bssid) if bssid else ""
    return WifiNetwork(
        ssid=ssid,
        auth_mode=int(mode),
        pwd=password,
        lock_bssid=lock_bssid,
        bssid=normalized,
        ip=check_ip_config(protocol, ipv4),
    )
