"""The rules for addresses, masks, SSIDs, BSSIDs and Wi-Fi passwords, as pure functions.

Each `check_*` returns the value in its canonical form or raises `RuleError` (the class
the Thread rules raise) whose text completes a sentence that starts with the field's name
("must be a dotted IPv4 address").
The services turn that into -32602 naming the field; scenario files into a ScenarioError.
"""

from __future__ import annotations

import ipaddress
import re

from s20.thread import RuleError

from .network import AuthMode, Ipv4Static

__all__ = [
    "AUTH_MODE_MAX",
    "AUTH_MODE_MIN",
    "BSSID",
    "DOTTED_IPV4",
    "SSID_MAX_BYTES",
    "SSID_MIN_BYTES",
    "SUPPORTED_AUTH_MODES",
    "RuleError",
    "check_auth_mode",
    "check_bssid",
    "check_ipv4",
    "check_ipv6",
    "check_netmask",
    "check_password",
    "check_ssid",
    "check_static_ipv4",
]

SSID_MIN_BYTES, SSID_MAX_BYTES = 1, 32
AUTH_MODE_MIN, AUTH_MODE_MAX = int(min(AuthMode)), int(max(AuthMode))
# WPA2-Enterprise (5) has a number but no support on the device.
SUPPORTED_AUTH_MODES = frozenset(AuthMode) - {AuthMode.WPA2_ENTERPRISE}
BSSID = re.compile(r"[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}")
DOTTED_IPV4 = re.compile(r"\d{1,3}(\.\d{1,3}){3}")
_HEX = re.compile(r"[0-9a-fA-F]+")
_WPA_MODES = frozenset(
    {
        AuthMode.WPA_PSK,
        AuthMode.WPA2_PSK,
        AuthMode.WPA_WPA2_PSK,
        AuthMode.WPA3_PSK,
        AuthMode.WPA2_WPA3_PSK,
        AuthMode.WAPI_PSK,
    }
)


def check_ipv4(value: str) -> str:
    """Return a dotted-quad IPv4 address as given; refuse anything else (IPv6 too)."""
    if not DOTTED_IPV4.fullmatch(value):
        raise RuleError(f"must be a dotted IPv4 address (a.b.c.d), got {value!r}")
    try:
        return str(ipaddress.IPv4Address(value))
    except ValueError:
        raise RuleError(f"must be a dotted IPv4 address with parts 0-255, got {value!r}") from None


def check_ipv6(value: str) -> str:
    """Return an IPv6 address in its compressed form; refuse IPv4 and anything else."""
    try:
        return str(ipaddress.IPv6Address(value))
    except ValueError:
        raise RuleError(f"must be an IPv6 address, got {value!r}") from None


def check_netmask(value: str) -> str:
    """Return a contiguous dotted netmask (255.255.255.0), refusing holes and 0.0.0.0."""
    mask = int(ipaddress.IPv4Address(check_ipv4(value)))
    inverted = ~mask & 0xFFFFFFFF
    if mask == 0 or inverted & (inverted + 1):
        raise RuleError(f"must be a contiguous netmask such as 255.255.255.0, got {value!r}")
    return value


def check_static_ipv4(ip: str, netmask: str, gateway: str) -> Ipv4Static:
    """Return a static configuration whose gateway lies in the address's subnet.

    The error names the field at fault: `ipv4.ip`, `ipv4.netmask` or `ipv4.gateway`.
    """
    for name, rule, value in (
        ("ip", check_ipv4, ip),
        ("netmask", check_netmask, netmask),
        ("gateway", check_ipv4, gateway),
    ):
        try:
            rule(value)
        except RuleError as exc:
            raise RuleError(f"ipv4.{name} {exc}") from None
    network = ipaddress.IPv4Network(f"{ip}/{netmask}", strict=False)
    if ipaddress.IPv4Address(gateway) not in network:
        raise RuleError(f"ipv4.gateway must lie in the subnet {network}, got {gateway!r}")
    if ipaddress.IPv4Address(ip) in (network.network_address, network.broadcast_address):
        raise RuleError(f"ipv4.ip must be a host address of {network}, got {ip!r}")
    if ip == gateway:
        raise RuleError("ipv4.gateway must differ from ipv4.ip")
    return Ipv4Static(ip, netmask, gateway)


def check_ssid(value: str) -> str:
    """Return an SSID of 1-32 bytes in UTF-8."""
    size = len(value.encode("utf-8"))
    if not SSID_MIN_BYTES <= size <= SSID_MAX_BYTES:
        raise RuleError(f"must be {SSID_MIN_BYTES}-{SSID_MAX_BYTES} bytes in UTF-8, got {size}")
    return value


def check_bssid(value: str) -> str:
    """Return a BSSID (aa:bb:cc:dd:ee:ff) in lower case."""
    if not BSSID.fullmatch(value):
        raise RuleError(f"must be six hex bytes as aa:bb:cc:dd:ee:ff, got {value!r}")
    return value.lower()


def check_auth_mode(value: int) -> AuthMode:
    """Return an authentication mode 0-9 the device supports (5, WPA2-Enterprise, is not)."""
    if not AUTH_MODE_MIN <= value <= AUTH_MODE_MAX:
        raise RuleError(f"must be an integer from {AUTH_MODE_MIN} to {AUTH_MODE_MAX}, got {value}")
    if value not in SUPPORTED_AUTH_MODES:
        raise RuleError("5 (WPA2-Enterprise) is not supported")
    return AuthMode(value)


def check_password(auth_mode: int, value: str) -> str:
    """Return a password that fits `auth_mode`; the error never repeats the password.

    Open and OWE networks need none (one given is dropped); WEP takes 5 or 13 characters
    or 10 or 26 hex digits; the WPA family and WAPI take 8-63 characters or 64 hex digits.
    """
    if auth_mode in (AuthMode.OPEN, AuthMode.OWE):
        return ""  # nothing to check; a leftover password from another network is dropped
    if auth_mode == AuthMode.WEP:
        if len(value) in (5, 13) or (len(value) in (10, 26) and _HEX.fullmatch(value)):
            return value
        raise RuleError("must be 5 or 13 characters or 10 or 26 hex digits for WEP")
    if auth_mode in _WPA_MODES:
        if 8 <= len(value) <= 63 or (len(value) == 64 and _HEX.fullmatch(value)):
            return value
        raise RuleError("must be 8-63 characters or 64 hex digits for WPA")
    raise RuleError(f"auth_mode {auth_mode} takes no password")
