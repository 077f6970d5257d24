"""Every API method, written once for the sync and async clients, with its result type."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._endpoint import Req, endpoint
from .results import (
    Challenge,
    ConfigDocument,
    CurrentFirmware,
    Empty,
    EthConfig,
    EthStatus,
    FailoverConfig,
    GeneratedNetwork,
    Info,
    Initialized,
    Ipv4Config,
    JoinerExport,
    JoinerList,
    JoinStatus,
    Log,
    OnlineFirmwareList,
    OnOff,
    Reconnect,
    SavedNetworks,
    SystemStatus,
    ThreadScan,
    ThreadStatus,
    TimeConfig,
    UpgradeStatus,
    WifiScan,
    WifiStatus,
)

__all__ = ["JSON", "Endpoints"]

JSON = dict[str, Any]


class Endpoints:
    """The API's methods; `S20Client` and `AsyncS20Client` add how a request is sent."""

    @endpoint
    def call(self, method: str, path: str, body: Mapping[str, object] | None = None) -> Req[JSON]:
        """Call any API path; return its `result`."""
        return Req(method.upper(), path, None if body is None else dict(body))

    # -- /ui
    @endpoint
    def check_initialized(self) -> Req[Initialized]:
        """Return initialization state, model, hostname, firmware and MAC."""
        return Req("GET", "/ui/check_initialized")

    @endpoint
    def set_init(self, password: str, lang: str = "en") -> Req[Empty]:
        """Initialize the device with its first admin password."""
        return Req("POST", "/ui/set_init", {"lang": lang, "password": password})

    @endpoint
    def challenge(self) -> Req[Challenge]:
        """Return a login challenge (alg, salt, nonce)."""
        return Req("GET", "/ui/challenge")

    # -- /otbr
    @endpoint
    def thread_status(self) -> Req[ThreadStatus]:
        """Return versions, the Thread network and the radio (`/otbr/get_status`)."""
        return Req("GET", "/otbr/get_status")

    @endpoint
    def thread_scan(self) -> Req[ThreadScan]:
        """Discover the Thread networks in range (about 5 s)."""
        return Req("GET", "/otbr/scan")

    @endpoint
    def thread_join(self, /, credential_type: str, **fields: object) -> Req[Empty]:
        """Start joining: `pskdType` with PSKd=..., or `networkKeyType` with
        NetworkKey=..., Channel=..., PanId=...."""
        return Req("POST", "/otbr/join", {"CredentialType": credential_type, **fields})

    @endpoint
    def thread_join_status(self) -> Req[JoinStatus]:
        """Return the join attempt's status (0-5, 6 failed with fail_msg)."""
        return Req("POST", "/otbr/get_join_status", {"CredentialType": "pskdType"})

    @endpoint
    def thread_set_config(self, /, **fields: object) -> Req[Empty]:
        """Change NetworkName, ExtPanId, PanId, Passphrase, NetworkKey and/or Channel."""
        return Req("POST", "/otbr/set_config", dict(fields))

    @endpoint
    def thread_start(self) -> Req[Empty]:
        """Turn Thread on."""
        return Req("POST", "/otbr/start")

    @endpoint
    def thread_stop(self) -> Req[Empty]:
        """Turn Thread off."""
        return Req("POST", "/otbr/stop")

    @endpoint
    def thread_generate_network(self) -> Req[GeneratedNetwork]:
        """Make a new random network (keeps channel, TX power and passphrase)."""
        return Req("GET", "/otbr/generate_thread_network")

    @endpoint
    def thread_set_txpower(self, dbm: int) -> Req[Empty]:
        """Set the radio's transmit power (-24..20 dBm)."""
        return Req("POST", "/otbr/set_txpower", {"TXPower": dbm})

    @endpoint
    def set_commissioning(self, enable: bool) -> Req[Empty]:
        """Turn the commissioner on or off."""
        return Req("POST", "/otbr/set_commissioning", {"Enable": enable})

    @endpoint
    def commissioning_status(self) -> Req[OnOff]:
        """Return `{"State": 1}` while the commissioner is active."""
        return Req("GET", "/otbr/get_commissioning_status")

    @endpoint
    def add_joiner(self, pskd: str, eui64: str = "*", timeout: int = 120) -> Req[Empty]:
        """Add (or replace) a joiner entry."""
        return Req("POST", "/otbr/add_joiner", {"PSKd": pskd, "EUI64": eui64, "Timeout": timeout})

    @endpoint
    def rejoin_all(self, kind: int, timeout: int = 120) -> Req[Empty]:
        """Re-arm timed-out (1), joined (2) or all (3) joiner entries."""
        return Req("POST", "/otbr/rejoin_all", {"Type": kind, "Timeout": timeout})

    @endpoint
    def joiner_list(self) -> Req[JoinerList]:
        """Return the joiner table (`DeviceList`)."""
        return Req("GET", "/otbr/get_joiner_list")

    @endpoint
    def remove_joiners(self, eui64s: list[str]) -> Req[Empty]:
        """Remove joiner entries by EUI-64 (or "*")."""
        return Req("POST", "/otbr/remove_joiner_list", {"DeviceList": eui64s})

    @endpoint
    def export_joiners(self) -> Req[JoinerExport]:
        """Export the joiner table as `{joiner_list_version, DeviceList}`."""
        return Req("GET", "/otbr/export_joiner_list")

    @endpoint
    def import_joiners(self, exported: Mapping[str, object]) -> Req[Empty]:
        """Stage an exported joiner list (commit applies it)."""
        return Req("POST", "/otbr/import_joiner_list", dict(exported))

    @endpoint
    def commit_joiners(self, timeout: int = 120) -> Req[Empty]:
        """Merge the staged joiner list into the table."""
        return Req("POST", "/otbr/commit_joiner_list", {"Timeout": timeout})

    @endpoint
    def bbr_status(self) -> Req[OnOff]:
        """Return `{"State": 1}` while the backbone router is active."""
        return Req("GET", "/otbr/get_bbr_status")

    @endpoint
    def set_bbr(self, enable: bool) -> Req[Empty]:
        """Turn the backbone router on or off."""
        return Req("POST", "/otbr/enable_bbr" if enable else "/otbr/disable_bbr")

    # -- /eth
    @endpoint
    def eth_status(self) -> Req[EthStatus]:
        """Return the cable state (`status`), protocol and addresses."""
        return Req("GET", "/eth/get_status")

    @endpoint
    def eth_config(self) -> Req[EthConfig]:
        """Return the protocol and the static IPv4 settings."""
        return Req("GET", "/eth/get_config")

    @endpoint
    def eth_set_config(self, protocol: str, ipv4: Ipv4Config | None = None) -> Req[Empty]:
        """Use "dhcp", or "static" with `ipv4` {ip, netmask, gateway}."""
        body: JSON = {"protocol": protocol}
        if ipv4 is not None:
            body["ipv4"] = ipv4
        return Req("POST", "/eth/set_config", body)

    # -- /wifi
    @endpoint
    def wifi_status(self) -> Req[WifiStatus]:
        """Return 0 idle, 1 connecting, 2 connected or 3 failed, and the network."""
        return Req("GET", "/wifi/get_status")

    @endpoint
    def wifi_start(
        self,
        ssid: str,
        pwd: str = "",
        auth_mode: int = 3,
        *,
        save: bool = False,
        bssid: str | None = None,
        protocol: str = "dhcp",
        ipv4: Ipv4Config | None = None,
    ) -> Req[Empty]:
        """Start connecting (`wifi_status` follows it); a `bssid` locks that AP."""
        body: JSON = {
            "ssid": ssid,
            "pwd": pwd,
            "auth_mode": auth_mode,
            "enable_wifi_save": save,
            "protocol": protocol,
            "lock_bssid": bssid is not None,
        }
        if bssid is not None:
            body["bssid"] = bssid
        if ipv4 is not None:
            body["ipv4"] = ipv4
        return Req("POST", "/wifi/start", body)

    @endpoint
    def wifi_stop(self) -> Req[Empty]:
        """Disconnect the Wi-Fi."""
        return Req("POST", "/wifi/stop")

    @endpoint
    def wifi_scan(self) -> Req[WifiScan]:
        """List the access points in range (`list`), strongest first."""
        return Req("GET", "/wifi/scan")

    @endpoint
    def wifi_saved(self) -> Req[SavedNetworks]:
        """List the saved networks (`list`, at most 3)."""
        return Req("GET", "/wifi/get_save_wifi")

    @endpoint
    def wifi_forget(self, ssid: str, auth_mode: int) -> Req[Empty]:
        """Delete a saved network."""
        body = {"ssid": ssid, "auth_mode": auth_mode}
        return Req("POST", "/wifi/delete_save_wifi", body)

    @endpoint
    def wifi_reconnect(self) -> Req[Reconnect]:
        """Return `{"enable": ...}`: whether a lost link moves to a saved network."""
        return Req("GET", "/wifi/get_reconn_to_saved_wifi")

    @endpoint
    def wifi_set_reconnect(self, enable: bool) -> Req[Empty]:
        """Turn moving to a saved network on or off."""
        return Req("POST", "/wifi/set_reconn_to_saved_wifi", {"enable": enable})

    # -- /wan_failover
    @endpoint
    def failover_config(self) -> Req[FailoverConfig]:
        """Return both interfaces' checks and the priorities."""
        return Req("GET", "/wan_failover/get_config")

    @endpoint
    def failover_set_config(
        self,
        eth: Mapping[str, object] | None = None,
        wifi: Mapping[str, object] | None = None,
        priority: Mapping[str, int] | None = None,
    ) -> Req[Empty]:
        """Change any of `eth`, `wifi` (checks) and `priority` ({eth, wifi})."""
        body = {
            key: dict(value)
            for key, value in (("eth", eth), ("wifi", wifi), ("priority", priority))
            if value is not None
        }
        return Req("POST", "/wan_failover/set_config", body)

    # -- /sys
    @endpoint
    def get_info(self) -> Req[Info]:
        """Return WAN, Thread network and commissioner status."""
        return Req("GET", "/sys/get_info")

    @endpoint
    def set_admin_pwd(self, old_pwd: str, new_pwd: str) -> Req[Empty]:
        """Change the admin password (other sessions end)."""
        body = {"username": "root", "old_pwd": old_pwd, "new_pwd": new_pwd}
        return Req("POST", "/sys/set_admin_pwd", body)

    @endpoint
    def restart(self) -> Req[Empty]:
        """Restart the device."""
        return Req("POST", "/sys/restart")

    @endpoint
    def reset(self) -> Req[Empty]:
        """Restore factory settings."""
        return Req("POST", "/sys/reset")

    # -- /sys: status, time, log, firmware, certificates, configuration
    @endpoint
    def system_status(self) -> Req[SystemStatus]:
        """Return memory, MACs, model and serial number (`/sys/get_status`)."""
        return Req("GET", "/sys/get_status")

    @endpoint
    def time_config(self) -> Req[TimeConfig]:
        """Return the SNTP server, the time zone (-12..14) and the local time."""
        return Req("GET", "/sys/get_time_config")

    @endpoint
    def set_time_config(
        self, sntp: str | None = None, timezone: str | int | None = None
    ) -> Req[Empty]:
        """Set the SNTP server and/or the time zone ("UTC+8" or 8)."""
        body = {k: v for k, v in (("sntp", sntp), ("timezone", timezone)) if v is not None}
        return Req("POST", "/sys/set_time_config", body)

    @endpoint
    def system_log(self) -> Req[Log]:
        """Return the device log as `{"log": text}`, oldest line first."""
        return Req("GET", "/sys/get_log")

    @endpoint
    def current_firmware(self) -> Req[CurrentFirmware]:
        """Return the running firmware's type and version."""
        return Req("GET", "/sys/check_current_firmware")

    @endpoint
    def online_firmware(self) -> Req[OnlineFirmwareList]:
        """Return the images the firmware feed offers (`online_firmware_list`)."""
        return Req("GET", "/sys/check_online_firmware")

    @endpoint
    def upgrade_firmware(self, kind: str, version: str, save_config: bool = True) -> Req[Empty]:
        """Start an upgrade to an image the feed lists."""
        official = {"type": kind, "version": version, "save_config": save_config}
        return Req("POST", "/sys/upgrade_online_firmware", {"official": official})

    @endpoint
    def upgrade_firmware_url(self, url: str) -> Req[Empty]:
        """Start an upgrade to the image at an http(s) URL."""
        return Req("POST", "/sys/upgrade_online_firmware", {"custom": {"url": url}})

    @endpoint
    def upgrade_status(self) -> Req[UpgradeStatus]:
        """Return the upgrade's status: 2 running, 1 failed (`fail_msg`), 0 done."""
        return Req("GET", "/sys/check_upgrade_status")

    @endpoint
    def upgrade_certificate_url(self, url: str) -> Req[Empty]:
        """Trust the PEM CA certificates at an http(s) URL for the device's downloads."""
        return Req("POST", "/sys/upgrade_online_certificate", {"url": url})

    @endpoint
    def upload_certificate(self, pem: bytes) -> Req[Empty]:
        """Trust these PEM CA certificates for the device's downloads."""
        return Req("POST", "/sys/upgrade_local_certificate", pem)

    @endpoint
    def export_config(self) -> Req[ConfigDocument]:
        """Return the whole configuration document (`cfg_ver` 1; secrets included)."""
        return Req("POST", "/sys/export_sys_config")

    @endpoint
    def import_config(self, document: Mapping[str, object]) -> Req[Empty]:
        """Apply an exported configuration document, all or nothing."""
        return Req("POST", "/sys/import_sys_config", dict(document))
