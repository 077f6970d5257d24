"""The seams to the machine the device runs on, as small protocols (sim and linux)."""

from .network import (
    Address,
    AuthMode,
    ConnectFailure,
    EthernetDriver,
    EthernetStatus,
    Interface,
    IpConfig,
    Ipv4Static,
    PingDriver,
    WifiAp,
    WifiConnectError,
    WifiCredentials,
    WifiDriver,
    WifiLink,
)

__all__ = [
    "Address",
    "AuthMode",
    "ConnectFailure",
    "EthernetDriver",
    "EthernetStatus",
    "Interface",
    "IpConfig",
    "Ipv4Static",
    "PingDriver",
    "WifiAp",
    "WifiConnectError",
    "WifiCredentials",
    "WifiDriver",
    "WifiLink",
]
