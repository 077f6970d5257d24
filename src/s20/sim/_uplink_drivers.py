"""The simulated platform's Ethernet, Wi-Fi and ping drivers, over the `Uplinks` world."""

from __future__ import annotations

import logging
from collections.abc import Callable

from s20.clock import Clock
from s20.drivers import (
    Address,
    AuthMode,
    ConnectFailure,
    EthernetStatus,
    Interface,
    IpConfig,
    WifiAp,
    WifiConnectError,
    WifiCredentials,
    WifiLink,
)
from s20.drivers.rules import SUPPORTED_AUTH_MODES

from ._uplinks import Uplinks

__all__ = ["SimEthernet", "SimPing", "SimRoutes", "SimWifi"]

log = logging.getLogger(__name__)

# How long the steps take on a typical home network, in seconds.
SCAN_TIME = 3.0
ASSOCIATE_TIME = 2.0
DHCP_TIME = 1.0
PING_RTT = 0.01


def _address(config: IpConfig, lease: Address) -> Address:
    if config.protocol == "static" and config.ipv4 is not None:
        static = config.ipv4
        return Address(static.ip, static.gateway, static.netmask, lease.ipv6)
    return lease


class SimEthernet:
    """The wired interface: an address while the cable is plugged in."""

    def __init__(self, uplinks: Uplinks) -> None:
        self._uplinks = uplinks
        self._config = IpConfig()

    async def status(self) -> EthernetStatus:
        cable = self._uplinks.ethernet
        if not cable.plugged:
            return EthernetStatus(False, None)
        return EthernetStatus(True, _address(self._config, cable.lease))

    async def apply(self, config: IpConfig) -> None:
        self._config = config


class SimWifi:
    """The Wi-Fi station: scans, associates and leases on the clock, loses APs that leave."""

    auth_modes = SUPPORTED_AUTH_MODES

    def __init__(self, uplinks: Uplinks, clock: Clock) -> None:
        self._uplinks = uplinks
        self._clock = clock
        self._link: WifiLink | None = None
        self._watchers: list[Callable[[], None]] = []
        uplinks.listen(self._world_changed)

    async def scan(self) -> list[WifiAp]:
        await self._clock.sleep(SCAN_TIME)
        heard = [
            WifiAp(ap.ssid, ap.bssid, ap.auth_mode, ap.rssi, ap.channel)
            for ap in self._uplinks.aps()
        ]
        return sorted(heard, key=lambda ap: ap.rssi, reverse=True)

    async def connect(self, credentials: WifiCredentials, config: IpConfig) -> WifiLink:
        self._link = None
        await self._clock.sleep(ASSOCIATE_TIME)
        candidates = [
            ap
            for ap in self._uplinks.aps()
            if ap.ssid == credentials.ssid and credentials.bssid in (None, ap.bssid)
        ]
        if not candidates:
            raise WifiConnectError(ConnectFailure.NOT_FOUND)
        ap = max(candidates, key=lambda a: a.rssi)
        if ap.auth_mode == AuthMode.WPA2_ENTERPRISE:
            raise WifiConnectError(ConnectFailure.UNSUPPORTED_AUTH)
        if ap.auth_mode not in (AuthMode.OPEN, AuthMode.OWE) and (
            credentials.password != ap.password
        ):
            raise WifiConnectError(ConnectFailure.WRONG_PASSWORD)
        await self._clock.sleep(DHCP_TIME)
        if self._uplinks.ap(ap.bssid) is None:
            raise WifiConnectError(ConnectFailure.NOT_FOUND)
        self._link = WifiLink(ap.ssid, ap.bssid, ap.rssi, _address(config, ap.lease))
        log.info("wifi: associated with %s (%s)", ap.ssid, ap.bssid)
        return self._link

    async def disconnect(self) -> None:
        self._link = None

    async def link(self) -> WifiLink | None:
        return self._link

    def watch(self, on_lost: Callable[[], None]) -> Callable[[], None]:
        self._watchers.append(on_lost)
        return lambda: self._watchers.remove(on_lost) if on_lost in self._watchers else None

    def _world_changed(self) -> None:
        if self._link is not None and self._uplinks.ap(self._link.bssid) is None:
            log.info("wifi: %s went out of range", self._link.ssid)
            self._link = None
            for watcher in list(self._watchers):
                watcher()


class SimPing:
    """Echo requests answered as the world's reachability says, else timed out."""

    def __init__(
        self, uplinks: Uplinks, clock: Clock, ethernet: SimEthernet, wifi: SimWifi
    ) -> None:
        self._uplinks = uplinks
        self._clock = clock
        self._ethernet = ethernet
        self._wifi = wifi

    async def ping(self, iface: Interface, address: str, reply_within: float) -> bool:
        if await self._has_address(iface) and self._uplinks.reachable(iface, address):
            await self._clock.sleep(PING_RTT)
            return True
        await self._clock.sleep(reply_within)
        return False

    async def _has_address(self, iface: Interface) -> bool:
        if iface == "eth":
            return (await self._ethernet.status()).address is not None
        return await self._wifi.link() is not None


class SimRoutes:
    """Records the uplink the failover engine prefers, as the simulation has no routes."""

    def __init__(self) -> None:
        self.preferred: Interface | None = None

    async def prefer(self, iface: Interface | None) -> None:
        self.preferred = iface
