"""The uplink sections of the configuration document, until the network service holds them.

Each exports the device's documented defaults and checks an imported section with the
rules the `/eth`, `/wifi` and `/wan_failover` groups apply, so a document that a real
S20 would refuse is refused here too. What they import is not kept: there is no
network service yet to hand it to.
"""

from __future__ import annotations

import contextlib
import copy
import ipaddress
import re
from typing import Any

from s20.errors import InvalidParams
from s20.services.thread import checked
from s20.store import Transaction

from ._fields import Fields

__all__ = ["DefaultSection", "uplink_sections"]

_BSSID = re.compile(r"[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}")
_HEX = re.compile(r"[0-9A-Fa-f]+")
AUTH_OPEN, AUTH_WEP, AUTH_ENTERPRISE, AUTH_OWE = 0, 1, 5, 9
MAX_CHECKS = 3


def _ssid(value: object) -> str:
    if not isinstance(value, str) or not 1 <= len(value.encode("utf-8", "replace")) <= 32:
        raise ValueError("must be 1-32 bytes of UTF-8 text")
    return value


def _bssid(value: object) -> str:
    if not isinstance(value, str) or not _BSSID.fullmatch(value):
        raise ValueError("must be a MAC address such as aa:bb:cc:dd:ee:ff")
    return value


def _auth_mode(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9:
        raise ValueError("must be an integer from 0 to 9")
    if value == AUTH_ENTERPRISE:
        raise ValueError("5 (WPA2-Enterprise) is not supported")
    return value


def _check_password(field: str, mode: int, password: str) -> None:
    """Apply the password rule of Wi-Fi security `mode` to `password`."""
    if mode in (AUTH_OPEN, AUTH_OWE):
        return
    if mode == AUTH_WEP:
        ok = len(password) in (5, 13) or (len(password) in (10, 26) and _HEX.fullmatch(password))
        rule = "must be 5 or 13 characters, or 10 or 26 hex digits, for WEP"
    else:
        ok = 8 <= len(password) <= 63 or (len(password) == 64 and bool(_HEX.fullmatch(password)))
        rule = "must be 8-63 characters or 64 hex digits for WPA"
    if not ok:
        raise InvalidParams(f"{field} {rule}")


def _ipv4(value: object) -> ipaddress.IPv4Address:
    # A string only: ipaddress would take the number 5 as 0.0.0.5.
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return ipaddress.IPv4Address(value)
    raise ValueError("must be a dotted IPv4 address")


def _ipv6(value: object) -> ipaddress.IPv6Address:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return ipaddress.IPv6Address(value)
    raise ValueError("must be an IPv6 address")


def _netmask(value: object) -> int:
    try:
        return ipaddress.IPv4Network(f"0.0.0.0/{_ipv4(value)}").prefixlen
    except ValueError:
        raise ValueError("must be a contiguous netmask such as 255.255.255.0") from None


def _static_ipv4(fields: Fields) -> None:
    """Check `ip`, `netmask` and `gateway`: a usable address with its gateway in the subnet."""
    ip = fields.rule("ip", _ipv4)
    prefix = fields.rule("netmask", _netmask)
    gateway = fields.rule("gateway", _ipv4)
    if gateway not in ipaddress.IPv4Network(f"{ip}/{prefix}", strict=False):
        raise InvalidParams(f"{fields.name('gateway')} must lie in the subnet of ip and netmask")


def _strings(fields: Fields, *keys: str) -> None:
    for key in keys:
        fields.string(key)


def _wifi(fields: Fields) -> None:
    on = fields.integer("wifi_on_off", 0, 1)
    mode = fields.rule("authmode", _auth_mode)
    password = fields.string("password")
    locked = fields.boolean("lock_bssid")
    if on or fields.string("ssid"):
        fields.rule("ssid", _ssid)
        _check_password(fields.name("password"), mode, password)
    if locked:
        fields.rule("bssid", _bssid)
    else:
        fields.string("bssid")


def _failover(fields: Fields) -> None:
    fields.boolean("check")
    fields.integer("priority", 1, 10)
    fields.integer("check_interval", 1, 60)
    fields.integer("check_success_time", 1, 10)
    fields.integer("check_fail_time", 1, 10)
    for key, rule in (("check_ipv4", _ipv4), ("check_ipv6", _ipv6)):
        for n, address in enumerate(fields.array(key, MAX_CHECKS)):
            checked(f"{fields.name(key)}[{n}]", rule, address)


def _dhcp(fields: Fields) -> None:
    static = fields.obj("static_ipv4")
    if fields.boolean("enable"):
        _strings(static, "ip", "netmask", "gateway")
    else:
        _static_ipv4(static)


def _saved(fields: Fields) -> None:
    for n, entry in enumerate(fields.array("list", 3)):
        saved = Fields(entry, f"{fields.name('list')}[{n}]")
        saved.rule("ssid", _ssid)
        mode = saved.rule("auth_mode", _auth_mode)
        _check_password(saved.name("pwd"), mode, saved.string("pwd"))
        if saved.boolean("lock_bssid"):
            saved.rule("bssid", _bssid)
        else:
            saved.string("bssid")
        ipv4 = saved.obj("ipv4")
        if saved.boolean("dhcp"):
            _strings(ipv4, "ip", "netmask", "gateway")
        else:
            _static_ipv4(ipv4)


def _no_address() -> dict[str, str]:
    return {"ip": "", "netmask": "", "gateway": ""}


def _failover_default(priority: int) -> dict[str, Any]:
    return {
        "check": False,
        "priority": priority,
        "check_interval": 1,
        "check_success_time": 3,
        "check_fail_time": 3,
        "check_ipv4": [],
        "check_ipv6": [],
    }


class DefaultSection:
    """A section that exports defaults and checks what is imported for it."""

    def __init__(self, name: str, default: dict[str, Any], check: Any) -> None:
        self.name = name
        self._default = default
        self._check = check

    def export(self) -> dict[str, Any]:
        return copy.deepcopy(self._default)

    def validate(self, fields: Fields) -> None:
        self._check(fields)

    def snapshot(self) -> None:
        return None

    def store(self, tx: Transaction, value: None) -> None:
        return None

    async def apply(self) -> None:
        return None


def uplink_sections() -> list[DefaultSection]:
    """Return the uplink sections in the document's order."""
    return [
        DefaultSection(
            "wifi_cfg",
            {
                "wifi_on_off": 0,
                "ssid": "",
                "password": "",
                "lock_bssid": False,
                "bssid": "",
                "authmode": 0,
            },
            _wifi,
        ),
        DefaultSection("eth_failover_cfg", _failover_default(1), _failover),
        DefaultSection("wifi_failover_cfg", _failover_default(2), _failover),
        DefaultSection("eth_dhcp_cfg", {"enable": True, "static_ipv4": _no_address()}, _dhcp),
        DefaultSection("wifi_dhcp_cfg", {"enable": True, "static_ipv4": _no_address()}, _dhcp),
        DefaultSection("wifi_saved", {"list": []}, _saved),
    ]
