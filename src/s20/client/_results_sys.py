"""The `/sys` results, as TypedDicts: the JSON as the device sends it."""

from __future__ import annotations

from typing import TypedDict

from ._results_uplinks import Ipv4Config

__all__ = [
    "ConfigDocument",
    "CurrentFirmware",
    "DhcpConfig",
    "FailoverSettings",
    "Info",
    "Log",
    "OnlineFirmware",
    "OnlineFirmwareList",
    "OtbrConfig",
    "SavedWifi",
    "SavedWifiList",
    "SntpConfig",
    "SystemStatus",
    "TimeConfig",
    "UiConfig",
    "UpgradeStatus",
    "WifiConfig",
]


class Info(TypedDict):
    """`/sys/get_info`: WAN, Thread network and commissioner status."""

    wan_status: int
    thread_nwk_status: int
    thread_commissioner_status: int


class SystemStatus(TypedDict):
    """`/sys/get_status`: memory, MACs, model and serial number."""

    memory_total: int
    memory_free: int
    ble_mac: str
    wifi_mac: str
    eth_mac: str
    model: str
    sn: str


class TimeConfig(TypedDict):
    """`/sys/get_time_config`: the SNTP server, the time zone and the local time."""

    sntp: str
    timezone: int  # hours
    localtime: int  # Unix time shifted by the time zone


class UiConfig(TypedDict):
    """The configuration document's web UI settings."""

    language: str


class SntpConfig(TypedDict):
    """The configuration document's time settings."""

    sntp_srv: str  # a host name or an IP address
    time_zone: str


class OtbrConfig(TypedDict):
    """The configuration document's Thread settings."""

    nwk_on_off: int
    txpower: int
    passphrase: str
    bbr_on_off: int
    channel: int
    pan_id: int
    nwk_key: str
    ext_pan_id: str
    nwk_name: str


class WifiConfig(TypedDict):
    """The configuration document's Wi-Fi uplink."""

    wifi_on_off: int
    ssid: str
    password: str
    lock_bssid: bool
    bssid: str
    authmode: int


class FailoverSettings(TypedDict):
    """The configuration document's checks of one interface."""

    check: bool
    priority: int
    check_interval: int  # minutes
    check_success_time: int
    check_fail_time: int
    check_ipv4: list[str]
    check_ipv6: list[str]


class DhcpConfig(TypedDict):
    """The configuration document's addressing of one interface."""

    enable: bool
    static_ipv4: Ipv4Config


class SavedWifi(TypedDict):
    """A saved network in the configuration document."""

    ssid: str
    lock_bssid: bool
    bssid: str
    auth_mode: int
    pwd: str
    dhcp: bool
    ipv4: Ipv4Config


class SavedWifiList(TypedDict):
    """The configuration document's saved networks."""

    list: list[SavedWifi]


class ConfigDocument(TypedDict):
    """The whole configuration, as `export_sys_config` answers and `import_sys_config` takes."""

    cfg_ver: int
    ui_cfg: UiConfig
    sntp_cfg: SntpConfig
    otbr_cfg: OtbrConfig
    wifi_cfg: WifiConfig
    eth_failover_cfg: FailoverSettings
    wifi_failover_cfg: FailoverSettings
    eth_dhcp_cfg: DhcpConfig
    wifi_dhcp_cfg: DhcpConfig
    wifi_saved: SavedWifiList


class Log(TypedDict):
    """`/sys/get_log`: the device log, oldest line first."""

    log: str  # lines, oldest first


class CurrentFirmware(TypedDict):
    """`/sys/check_current_firmware`: the running firmware."""

    current_firmware_type: str
    current_firmware_version: str


class OnlineFirmware(TypedDict):
    """An image the firmware feed offers."""

    type: str
    version: str


class OnlineFirmwareList(TypedDict):
    """`/sys/check_online_firmware`: the images the feed offers."""

    online_firmware_list: list[OnlineFirmware]


class UpgradeStatus(TypedDict):
    """`/sys/check_upgrade_status`: 2 running, 1 failed (`fail_msg`), 0 done."""

    status: int  # 0 done (restarting), 1 failed, 2 running
    fail_msg: str  # why it failed; empty otherwise
