"""The network service: Ethernet, Wi-Fi (connection, saved networks, scan), persisted."""

from ._config import MAX_SAVED, EthConfig, WifiNetwork, check_ip_config, check_wifi_network
from ._service import EthState, NetworkService
from ._transfer import NetworkSettings
from ._wifi import WifiState, WifiStation

__all__ = [
    "MAX_SAVED",
    "EthConfig",
    "EthState",
    "NetworkService",
    "NetworkSettings",
    "WifiNetwork",
    "WifiState",
    "WifiStation",
    "check_ip_config",
    "check_wifi_network",
]
