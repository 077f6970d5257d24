"""Every API method as a client method, written once for the sync and async clients."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

__all__ = ["Endpoints"]

R = TypeVar("R")
JSON = dict[str, Any]


class Endpoints(Generic[R]):
    """Named methods over `_call`; `R` is a result dict (sync) or an awaitable of one."""

    def _call(self, method: str, path: str, body: JSON | bytes | None = None) -> R:
        raise TypeError("a concrete client implements _call")

    def call(self, method: str, path: str, body: JSON | None = None) -> R:
        """Call any API path; return its `result`."""
        return self._call(method.upper(), path, body)

    # -- /ui
    def check_initialized(self) -> R:
        """Return initialization state, model, hostname, firmware and MAC."""
        return self._call("GET", "/ui/check_initialized")

    def set_init(self, password: str, lang: str = "en") -> R:
        """Initialize the device with its first admin password."""
        return self._call("POST", "/ui/set_init", {"lang": lang, "password": password})

    def challenge(self) -> R:
        """Return a login challenge (alg, salt, nonce)."""
        return self._call("GET", "/ui/challenge")

    # -- /otbr
    def thread_status(self) -> R:
        """Return versions, the Thread network and the radio (`/otbr/get_status`)."""
        return self._call("GET", "/otbr/get_status")

    def thread_scan(self) -> R:
        """Discover the Thread networks in range (about 5 s)."""
        return self._call("GET", "/otbr/scan")

    def thread_join(self, credential_type: str, **fields: object) -> R:
        """Start joining: `pskdType` with PSKd=..., or `networkKeyType` with
        NetworkKey=..., Channel=..., PanId=...."""
        return self._call("POST", "/otbr/join", {"CredentialType": credential_type, **fields})

    def thread_join_status(self) -> R:
        """Return the join attempt's status (0-5, 6 failed with fail_msg)."""
        return self._call("POST", "/otbr/get_join_status", {"CredentialType": "pskdType"})

    def thread_set_config(self, **fields: object) -> R:
        """Change NetworkName, ExtPanId, PanId, Passphrase, NetworkKey and/or Channel."""
        return self._call("POST", "/otbr/set_config", dict(fields))

    def thread_start(self) -> R:
        """Turn Thread on."""
        return self._call("POST", "/otbr/start")

    def thread_stop(self) -> R:
        """Turn Thread off."""
        return self._call("POST", "/otbr/stop")

    def thread_generate_network(self) -> R:
        """Make a new random network (keeps channel, TX power and passphrase)."""
        return self._call("GET", "/otbr/generate_thread_network")

    def thread_set_txpower(self, dbm: int) -> R:
        """Set the radio's transmit power (-24..20 dBm)."""
        return self._call("POST", "/otbr/set_txpower", {"TXPower": dbm})

    def set_commissioning(self, enable: bool) -> R:
        """Turn the commissioner on or off."""
        return self._call("POST", "/otbr/set_commissioning", {"Enable": enable})

    def commissioning_status(self) -> R:
        """Return `{"State": 1}` while the commissioner is active."""
        return self._call("GET", "/otbr/get_commissioning_status")

    def add_joiner(self, pskd: str, eui64: str = "*", timeout: int = 120) -> R:
        """Add (or replace) a joiner entry."""
        return self._call(
            "POST", "/otbr/add_joiner", {"PSKd": pskd, "EUI64": eui64, "Timeout": timeout}
        )

    def rejoin_all(self, kind: int, timeout: int = 120) -> R:
        """Re-arm timed-out (1), joined (2) or all (3) joiner entries."""
        return self._call("POST", "/otbr/rejoin_all", {"Type": kind, "Timeout": timeout})

    def joiner_list(self) -> R:
        """Return the joiner table (`DeviceList`)."""
        return self._call("GET", "/otbr/get_joiner_list")

    def remove_joiners(self, eui64s: list[str]) -> R:
        """Remove joiner entries by EUI-64 (or "*")."""
        return self._call("POST", "/otbr/remove_joiner_list", {"DeviceList": eui64s})

    def export_joiners(self) -> R:
        """Export the joiner table as `{joiner_list_version, DeviceList}`."""
        return self._call("GET", "/otbr/export_joiner_list")

    def import_joiners(self, exported: JSON) -> R:
        """Stage an exported joiner list (commit applies it)."""
        return self._call("POST", "/otbr/import_joiner_list", exported)

    def commit_joiners(self, timeout: int = 120) -> R:
        """Merge the staged joiner list into the table."""
        return self._call("POST", "/otbr/commit_joiner_list", {"Timeout": timeout})

    def bbr_status(self) -> R:
        """Return `{"State": 1}` while the backbone router is active."""
        return self._call("GET", "/otbr/get_bbr_status")

    def set_bbr(self, enable: bool) -> R:
        """Turn the backbone router on or off."""
        return self._call("POST", "/otbr/enable_bbr" if enable else "/otbr/disable_bbr")

    # -- /eth
    def eth_status(self) -> R:
        """Return the cable state (`status`), protocol and addresses."""
        return self._call("GET", "/eth/get_status")

    def eth_config(self) -> R:
        """Return the protocol and the static IPv4 settings."""
        return self._call("GET", "/eth/get_config")

    def eth_set_config(self, protocol: str, ipv4: JSON | None = None) -> R:
        """Use "dhcp", or "static" with `ipv4` {ip, netmask, gateway}."""
        body: JSON = {"protocol": protocol}
        if ipv4 is not None:
            body["ipv4"] = ipv4
        return self._call("POST", "/eth/set_config", body)

    # -- /wifi
    def wifi_status(self) -> R:
        """Return 0 idle, 1 connecting, 2 connected or 3 failed, and the network."""
        return self._call("GET", "/wifi/get_status")

    def wifi_start(
        self,
        ssid: str,
        pwd: str = "",
        auth_mode: int = 3,
        *,
        save: bool = False,
        bssid: str | None = None,
        protocol: str = "dhcp",
        ipv4: JSON | None = None,
    ) -> R:
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
        return self._call("POST", "/wifi/start", body)

    def wifi_stop(self) -> R:
        """Disconnect the Wi-Fi."""
        return self._call("POST", "/wifi/stop")

    def wifi_scan(self) -> R:
        """List the access points in range (`list`), strongest first."""
        return self._call("GET", "/wifi/scan")

    def wifi_saved(self) -> R:
        """List the saved networks (`list`, at most 3)."""
        return self._call("GET", "/wifi/get_save_wifi")

    def wifi_forget(self, ssid: str, auth_mode: int) -> R:
        """Delete a saved network."""
        body = {"ssid": ssid, "auth_mode": auth_mode}
        return self._call("POST", "/wifi/delete_save_wifi", body)

    def wifi_reconnect(self) -> R:
        """Return `{"enable": ...}`: whether a lost link moves to a saved network."""
        return self._call("GET", "/wifi/get_reconn_to_saved_wifi")

    def wifi_set_reconnect(self, enable: bool) -> R:
        """Turn moving to a saved network on or off."""
        return self._call("POST", "/wifi/set_reconn_to_saved_wifi", {"enable": enable})

    # -- /wan_failover
    def failover_config(self) -> R:
        """Return both interfaces' checks and the priorities."""
        return self._call("GET", "/wan_failover/get_config")

    def failover_set_config(
        self,
        eth: JSON | None = None,
        wifi: JSON | None = None,
        priority: JSON | None = None,
    ) -> R:
        """Change any of `eth`, `wifi` (checks) and `priority` ({eth, wifi})."""
        body = {
            key: value
            for key, value in (("eth", eth), ("wifi", wifi), ("priority", priority))
            if value is not None
        }
        return self._call("POST", "/wan_failover/set_config", body)

    # -- /sys
    def get_info(self) -> R:
        """Return WAN, Thread network and commissioner status."""
        return self._call("GET", "/sys/get_info")

    def set_admin_pwd(self, old_pwd: str, new_pwd: str) -> R:
        """Change the admin password (other sessions end)."""
        body = {"username": "root", "old_pwd": old_pwd, "new_pwd": new_pwd}
        return self._call("POST", "/sys/set_admin_pwd", body)

    def restart(self) -> R:
        """Restart the device."""
        return self._call("POST", "/sys/restart")

    def reset(self) -> R:
        """Restore factory settings."""
        return self._call("POST", "/sys/reset")

    # -- /sys: status, time, log, firmware, certificates, configuration
    def system_status(self) -> R:
        """Return memory, MACs, model and serial number (`/sys/get_status`)."""
        return self._call("GET", "/sys/get_status")

    def time_config(self) -> R:
        """Return the SNTP server, the time zone (-12..14) and the local time."""
        return self._call("GET", "/sys/get_time_config")

    def set_time_config(self, sntp: str | None = None, timezone: str | int | None = None) -> R:
        """Set the SNTP server and/or the time zone ("UTC+8" or 8)."""
        body = {k: v for k, v in (("sntp", sntp), ("timezone", timezone)) if v is not None}
        return self._call("POST", "/sys/set_time_config", body)

    def system_log(self) -> R:
        """Return the device log as `{"log": text}`, oldest line first."""
        return self._call("GET", "/sys/get_log")

    def current_firmware(self) -> R:
        """Return the running firmware's type and version."""
        return self._call("GET", "/sys/check_current_firmware")

    def online_firmware(self) -> R:
        """Return the images the firmware feed offers (`online_firmware_list`)."""
        return self._call("GET", "/sys/check_online_firmware")

    def upgrade_firmware(self, kind: str, version: str, save_config: bool = True) -> R:
        """Start an upgrade to an image the feed lists."""
        official = {"type": kind, "version": version, "save_config": save_config}
        return self._call("POST", "/sys/upgrade_online_firmware", {"official": official})

    def upgrade_firmware_url(self, url: str) -> R:
        """Start an upgrade to the image at an http(s) URL."""
        return self._call("POST", "/sys/upgrade_online_firmware", {"custom": {"url": url}})

    def upgrade_status(self) -> R:
        """Return the upgrade's status: 2 running, 1 failed (`fail_msg`), 0 done."""
        return self._call("GET", "/sys/check_upgrade_status")

    def upgrade_certificate_url(self, url: str) -> R:
        """Trust the PEM CA certificates at an http(s) URL for the device's downloads."""
        return self._call("POST", "/sys/upgrade_online_certificate", {"url": url})

    def upload_certificate(self, pem: bytes) -> R:
        """Trust these PEM CA certificates for the device's downloads."""
        return self._call("POST", "/sys/upgrade_local_certificate", pem)

    def export_config(self) -> R:
        """Return the whole configuration document (`cfg_ver` 1; secrets included)."""
        return self._call("POST", "/sys/export_sys_config")

    def import_config(self, document: JSON) -> R:
        """Apply an exported configuration document, all or nothing."""
        return self._call("POST", "/sys/import_sys_config", document)
