"""The `/eth`, `/wifi` and `/wan_failover` results, as TypedDicts (the JSON as sent)."""

from __future__ import annotations

from typing import TypedDict

__all__ = [
    "AccessPoint",
    "EthConfig",
    "EthStatus",
    "FailoverCheck",
    "FailoverConfig",
    "FailoverPriority",
    "Ipv4Address",
    "Ipv4Config",
    "Ipv6Address",
    "Reconnect",
    "SavedNetwork",
    "SavedNetworks",
    "WifiScan",
    "WifiStatus",
]


class Ipv4Address(TypedDict):
    """An interface's IPv4 address and gateway ("" when none)."""

    ip: str
    gateway: str


class Ipv6Address(TypedDict):
    """An interface's IPv6 address ("" when none)."""

    ip: str


class EthStatus(TypedDict):
    """`/eth/get_status`: the cable, the protocol and the addresses."""

    ipv4: Ipv4Address
    ipv6: Ipv6Address
    status: int  # 0 NOT_CONNECTED, 1 CONNECTED, 2 CONNECTING, 3 NO_CABLE
    protocol: str


class Ipv4Config(TypedDict):
    """A static IPv4 configuration: empty strings when none was ever set."""

    ip: str
    netmask: str
    gateway: str


class EthConfig(TypedDict):
    """`/eth/get_config`: the protocol and the static IPv4 settings."""

    protocol: str
    ipv4: Ipv4Config


class WifiStatus(TypedDict):
    """`/wifi/get_status`: the connection and its addresses."""

    ipv4: Ipv4Address
    ipv6: Ipv6Address
    status: int  # 0 IDLE, 1 CONNECTING, 2 CONNECTED, 3 FAILED
    fail_msg: str
    ssid: str
    bssid: str


class SavedNetwork(TypedDict):
    """A saved Wi-Fi network."""

    ssid: str
    bssid: str
    lock_bssid: bool
    auth_mode: int
    pwd: str
    protocol: str
    ipv4: Ipv4Config


class SavedNetworks(TypedDict):
    """`/wifi/get_save_wifi`: the saved networks (at most 3)."""

    list: list[SavedNetwork]


class AccessPoint(TypedDict):
    """An access point heard by a scan."""

    ssid: str
    bssid: str
    auth_mode: int
    rssi: int  # dBm
    channel: int


class WifiScan(TypedDict):
    """`/wifi/scan`: the access points in range, strongest first."""

    list: list[AccessPoint]


class Reconnect(TypedDict):
    """`/wifi/get_reconn_to_saved_wifi`: whether a lost link moves to a saved network."""

    enable: bool


class FailoverCheck(TypedDict):
    """One interface's WAN checks."""

    enable: bool
    check_interval: int  # minutes
    check_success_time: int
    check_fail_time: int
    check_ipv4: list[str]
    check_ipv6: list[str]


class FailoverPriority(TypedDict):
    """The interfaces' priorities (the smaller wins)."""

    eth: int  # the smaller number is preferred; eth and wifi differ
    wifi: int  # the smaller number is preferred; eth and wifi differ


class FailoverConfig(TypedDict):
    """`/wan_failover/get_config`: both interfaces' checks and the priorities."""

    eth: FailoverCheck
    wifi: FailoverCheck
    priority: FailoverPriority
