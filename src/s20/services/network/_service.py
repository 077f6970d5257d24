"""The network service: Ethernet, the Wi-Fi connection, saved networks, scanning."""

from __future__ import annotations

import asyncio
import enum
import logging
from typing import Any

from s20.clock import Clock
from s20.drivers import EthernetDriver, IpConfig, WifiDriver
from s20.errors import Busy, InvalidParams, InvalidState, NotFound
from s20.store import Database

from ._config import MAX_SAVED, EthConfig, WifiNetwork, address_json, ipv4_json
from ._store import NetworkStore
from ._wifi import WifiStation

__all__ = ["EthState", "NetworkService"]

log = logging.getLogger(__name__)


class EthState(enum.IntEnum):
    """`/eth/get_status` `status`."""

    NOT_CONNECTED = 0
    CONNECTED = 1
    CONNECTING = 2
    NO_CABLE = 3


class NetworkService:
    """Ethernet and Wi-Fi as the API sees them; every setting persists and is re-applied."""

    def __init__(
        self, db: Database, clock: Clock, ethernet: EthernetDriver, wifi: WifiDriver
    ) -> None:
        self.store = NetworkStore(db)
        self._ethernet = ethernet
        self._wifi = wifi
        self.station = WifiStation(wifi, self.store, clock)
        self._scanning = asyncio.Lock()

    async def start(self) -> None:
        """Apply the stored Ethernet settings and reconnect the Wi-Fi if it was on."""
        await self._ethernet.apply(self.store.eth().ip)
        _, enabled = self.store.wifi()
        if not enabled:
            await self._wifi.disconnect()
        self.station.start()

    async def stop(self) -> None:
        """Stop the Wi-Fi state machine (the links stay as they are, as hardware's would)."""
        await self.station.stop()

    # -- Ethernet ----------------------------------------------------------------------

    async def eth_status(self) -> dict[str, Any]:
        """Answer `/eth/get_status`."""
        status = await self._ethernet.status()
        address = status.address
        if not status.plugged:
            state = EthState.NO_CABLE
        else:
            state = EthState.CONNECTED if address else EthState.CONNECTING
        return {
            "status": int(state),
            "protocol": self.store.eth().protocol,
            **address_json(address),
        }

    def eth_config(self) -> dict[str, Any]:
        """Answer `/eth/get_config`."""
        return self.store.eth().to_json()

    async def set_eth_config(self, config: IpConfig) -> None:
        """Use `config` (already checked) on the Ethernet; a static one is kept for later."""
        kept = config.ipv4 if config.protocol == "static" else self.store.eth().static
        eth = EthConfig(config.protocol, kept)
        await self._ethernet.apply(eth.ip)
        self.store.put_eth(eth)
        log.info("ethernet: %s", eth.protocol)

    # -- Wi-Fi -------------------------------------------------------------------------

    async def wifi_start(self, network: WifiNetwork, *, save: bool) -> None:
        """Start connecting to `network` (checked); with `save`, keep it once connected."""
        if network.auth_mode not in self._wifi.auth_modes:
            supported = ", ".join(str(int(mode)) for mode in sorted(self._wifi.auth_modes))
            raise InvalidParams(
                f"auth_mode must be one this platform can join ({supported}), "
                f"got {network.auth_mode}"
            )
        if save:
            saved = self.store.saved()
            if network.key not in {s.key for s in saved} and len(saved) >= MAX_SAVED:
                raise InvalidState(
                    f"{MAX_SAVED} Wi-Fi networks are saved already: delete one first"
                )
        await self.station.connect(network, save=save)

    async def wifi_stop(self) -> None:
        """Disconnect the Wi-Fi."""
        await self.station.disconnect()

    def wifi_status(self) -> dict[str, Any]:
        """Answer `/wifi/get_status`."""
        return self.station.status()

    async def wifi_scan(self) -> list[dict[str, Any]]:
        """Scan for access points, strongest first; one scan at a time."""
        if self._scanning.locked():
            raise Busy("a Wi-Fi scan is already running")
        async with self._scanning:
            heard = await self._wifi.scan()
        return [
            {
                "ssid": ap.ssid,
                "bssid": ap.bssid,
                "auth_mode": ap.auth_mode,
                "rssi": ap.rssi,
                "channel": ap.channel,
            }
            for ap in sorted(heard, key=lambda ap: ap.rssi, reverse=True)
        ]

    def saved_wifi(self) -> list[dict[str, Any]]:
        """Answer `/wifi/get_save_wifi` `list`."""
        return [network.to_json() for network in self.store.saved()]

    def delete_saved_wifi(self, ssid: str, auth_mode: int) -> None:
        """Forget a saved network (-32030 when it is not saved)."""
        if not self.store.delete_saved(ssid, auth_mode):
            raise NotFound(f"no saved Wi-Fi network {ssid!r} with auth_mode {auth_mode}")

    def reconnect_to_saved(self) -> bool:
        """Return whether a lost or failed link moves to a saved network."""
        return self.store.reconnect()

    def set_reconnect_to_saved(self, enable: bool) -> None:
        """Turn moving to a saved network on or off."""
        self.store.put_reconnect(enable)

    # -- export ------------------------------------------------------------------------

    def export_config(self) -> dict[str, Any]:
        """Return the network sections of `/sys/export_sys_config`, in the document's shape."""
        network, enabled = self.store.wifi()
        eth = self.store.eth()
        wifi_ip = network.ip if network else IpConfig()
        return {
            "wifi_cfg": {
                "wifi_on_off": int(enabled),
                "ssid": network.ssid if network else "",
                "password": network.pwd if network else "",
                "lock_bssid": network.lock_bssid if network else False,
                "bssid": network.bssid if network else "",
                "authmode": network.auth_mode if network else 0,
            },
            "eth_dhcp_cfg": {
                "enable": eth.protocol == "dhcp",
                "static_ipv4": ipv4_json(eth.static),
            },
            "wifi_dhcp_cfg": {
                "enable": wifi_ip.protocol == "dhcp",
                "static_ipv4": ipv4_json(wifi_ip.ipv4),
            },
            "wifi_saved": {
                "list": [
                    {
                        "ssid": n.ssid,
                        "lock_bssid": n.lock_bssid,
                        "bssid": n.bssid,
                        "auth_mode": n.auth_mode,
                        "pwd": n.pwd,
                        "dhcp": n.ip.protocol == "dhcp",
                        "ipv4": ipv4_json(n.ip.ipv4),
                    }
                    for n in self.store.saved()
                ]
            },
        }
