"""The Wi-Fi station through NetworkManager: scan, connect with a profile per network, watch."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from s20.clock import Clock
from s20.drivers.network import (
    Address,
    AuthMode,
    ConnectFailure,
    IpConfig,
    WifiAp,
    WifiConnectError,
    WifiCredentials,
    WifiLink,
)
from s20.drivers.rules import SUPPORTED_AUTH_MODES
from s20.errors import OperationFailed

from ._bus import BusError, Variant
from ._nm import (
    DEVICE,
    NM,
    PROFILE_PREFIX,
    DeviceState,
    NetworkManager,
    Profile,
    connection_setting,
    holds,
    ipv4_settings,
    unpacked,
)
from ._route import Metrics
from ._wait import wait_on_clock
from ._wifi_auth import NM_UNSUPPORTED, auth_mode, channel, rssi, security_settings

__all__ = ["LinuxWifi", "failure_of"]

log = logging.getLogger(__name__)

WIRELESS = f"{DEVICE}.Wireless"
ACCESS_POINT = f"{NM}.AccessPoint"
ACTIVE = f"{NM}.Connection.Active"
SCAN_TIME = 10.0  # seconds a scan may take before the list is read as it is
WIFI_PREFIX = "wifi-"  # after s20-: s20-wifi-SSID
CONNECT_TIME = 60.0  # association, authentication and DHCP together

# NMDeviceStateReason values that say why an activation failed.
_WRONG_PASSWORD = {7, 8, 9, 10, 11}  # no secrets, supplicant disconnect/config/failed/timeout
_NO_ADDRESS = {5, 6, 15, 16, 17}  # IP config unavailable/expired, DHCP start/error/failed
_SSID_NOT_FOUND = 53


def failure_of(reason: int) -> ConnectFailure:
    """Return why an activation that failed with NetworkManager's `reason` failed."""
    if reason in _WRONG_PASSWORD:
        return ConnectFailure.WRONG_PASSWORD
    if reason in _NO_ADDRESS:
        return ConnectFailure.NO_ADDRESS
    return ConnectFailure.NOT_FOUND  # SSID not found, and any reason without a better word


class LinuxWifi:
    """Wi-Fi `iface` through NetworkManager; the network joined is a profile `s20-wifi-SSID`.

    s20d's own store holds the saved networks and their passwords; NetworkManager holds
    only the profile in use: joining another network deletes s20d's other Wi-Fi profiles,
    and so do a disconnect and a failed first attempt, so a network forgotten through the
    API leaves no password behind in `/etc/NetworkManager`. Profiles do not autoconnect:
    s20d's Wi-Fi service decides when to join and which saved network to move to. Link
    loss arrives as the device's `StateChanged` signal.
    """

    auth_modes = SUPPORTED_AUTH_MODES - NM_UNSUPPORTED

    def __init__(self, nm: NetworkManager, iface: str, clock: Clock, metrics: Metrics) -> None:
        self._nm = nm
        self.iface = iface
        self._clock = clock
        self._metrics = metrics
        self._watches: set[asyncio.Task[None]] = set()

    async def _device(self) -> str:
        return await self._nm.device(self.iface)

    async def scan(self) -> list[WifiAp]:
        try:
            return await self._scan()
        except BusError as exc:
            raise OperationFailed(f"NetworkManager cannot scan on {self.iface}: {exc}") from None

    async def _scan(self) -> list[WifiAp]:
        device = await self._device()
        announces = await self._announces_scans(device)
        done = asyncio.Event()
        unsubscribe = await self._nm.bus.subscribe(
            lambda message: done.set() if "LastScan" in message.body[1] else None,
            sender=NM,
            path=device,
            interface="org.freedesktop.DBus.Properties",
            member="PropertiesChanged",
        )
        try:
            try:
                await self._nm.call(device, WIRELESS, "RequestScan", "a{sv}", {})
            except BusError as exc:
                # NetworkManager refuses a scan right after another: its list is fresh.
                log.info("wifi: scan request refused (%s); using the last results", exc)
            else:
                if announces:  # a scan's end changes LastScan
                    await wait_on_clock(done, self._clock, SCAN_TIME)
        finally:
            unsubscribe()
        heard = [ap for _, ap in await self._access_points(device)]
        return sorted(heard, key=lambda ap: ap.rssi, reverse=True)

    async def _announces_scans(self, device: str) -> bool:
        try:
            await self._nm.prop(device, WIRELESS, "LastScan")
        except BusError:
            return False  # NetworkManager before 1.12 has no LastScan
        return True

    async def _access_points(self, device: str) -> list[tuple[str, WifiAp]]:
        (paths,) = await self._nm.call(device, WIRELESS, "GetAllAccessPoints")
        found = []
        for path in paths:
            try:
                props = await self._nm.bus.get_all(NM, path, ACCESS_POINT)
            except BusError:
                continue  # gone since the list was made
            found.append((str(path), _ap(props)))
        return found

    async def connect(self, credentials: WifiCredentials, config: IpConfig) -> WifiLink:
        mode = AuthMode(credentials.auth_mode)
        if mode in NM_UNSUPPORTED:
            raise WifiConnectError(ConnectFailure.UNSUPPORTED_AUTH)
        try:
            device = await self._device()
            heard = await self._access_points(device)
        except BusError as exc:
            log.warning("wifi: %s: %s", self.iface, exc)
            raise WifiConnectError(ConnectFailure.NOT_FOUND) from None
        candidates = [
            (path, ap)
            for path, ap in heard
            if ap.ssid == credentials.ssid
            and (credentials.bssid is None or ap.bssid.lower() == credentials.bssid.lower())
        ]
        if not candidates:
            raise WifiConnectError(ConnectFailure.NOT_FOUND)
        ap_path, ap = max(candidates, key=lambda c: c[1].rssi)
        settings = self._settings(credentials, mode, config)
        name = WIFI_PREFIX + credentials.ssid
        try:
            before = await self._nm.profile(name)
            if before is not None and await self._in_use(device, before, settings):
                await self._nm.save(name, settings)  # a new password, for the next time
                link = await self._link()
                if link is not None:
                    return link  # joined as asked already: reactivating only drops it
        except BusError as exc:
            log.warning("wifi: NetworkManager cannot list its profiles: %s", exc)
            raise WifiConnectError(ConnectFailure.NOT_FOUND) from None
        made = before is None
        try:
            address = await self._join(device, name, settings, ap_path)
        except WifiConnectError:
            if made:
                await self._forget(name)  # a failed first attempt leaves no profile behind
            raise
        await self._forget_all(but=name)
        log.info("wifi: associated with %s (%s)", ap.ssid, ap.bssid)
        return WifiLink(ap.ssid, ap.bssid, ap.rssi, address)

    async def _in_use(self, device: str, profile: Profile, settings: dict[str, Any]) -> bool:
        """Return whether `profile` is active on `device` with these settings but secrets."""
        if await self._nm.active_profile(device) != profile.path:
            return False
        stored, given = profile.settings, unpacked(settings)
        exact = (("802-11-wireless", "bssid"), ("802-11-wireless-security", "key-mgmt"))
        return (
            holds(stored, "ipv4", settings["ipv4"])
            and holds(stored, "802-11-wireless", settings["802-11-wireless"])
            and all(
                stored.get(name, {}).get(key) == given.get(name, {}).get(key) for name, key in exact
            )
        )

    async def _join(
        self, device: str, name: str, settings: dict[str, Any], ap_path: str
    ) -> Address:
        attempt = _Attempt()
        unsubscribe = await self._nm.on_state(device, attempt.changed)
        try:
            try:
                profile = await self._nm.save(name, settings)
                active = await self._nm.activate(profile, device, ap_path)
            except BusError as exc:
                log.warning("wifi: NetworkManager refused the connection: %s", exc)
                raise WifiConnectError(ConnectFailure.NOT_FOUND) from None
            await self._settle(device, active, attempt)
        finally:
            unsubscribe()
        address = await self._nm.address(device)
        if address is None:
            raise WifiConnectError(ConnectFailure.NO_ADDRESS)
        return address

    async def _forget(self, name: str) -> None:
        try:
            await self._nm.delete(name)
        except BusError as exc:
            log.warning("wifi: cannot delete the profile s20-%s: %s", name, exc)

    async def _forget_all(self, *, but: str | None = None) -> None:
        """Delete s20d's Wi-Fi profiles, except `but` (the one in use)."""
        try:
            names = [p.id.removeprefix(PROFILE_PREFIX) for p in await self._nm.profiles()]
        except BusError as exc:
            log.warning("wifi: cannot list the profiles: %s", exc)
            return
        for name in names:
            if name.startswith(WIFI_PREFIX) and name != but:
                await self._forget(name)

    def _settings(
        self, credentials: WifiCredentials, mode: AuthMode, config: IpConfig
    ) -> dict[str, Any]:
        wireless: dict[str, Variant] = {
            "ssid": Variant("ay", credentials.ssid.encode()),
            "mode": Variant("s", "infrastructure"),
        }
        if credentials.bssid is not None:
            wireless["bssid"] = Variant("ay", bytes.fromhex(credentials.bssid.replace(":", "")))
        return {
            **connection_setting(
                WIFI_PREFIX + credentials.ssid, "802-11-wireless", self.iface, autoconnect=False
            ),
            "802-11-wireless": wireless,
            **security_settings(mode, credentials.password),
            "ipv4": ipv4_settings(config, self._metrics.metric("wifi")),
            "ipv6": {"method": Variant("s", "auto")},
        }

    async def _settle(self, device: str, active: str, attempt: _Attempt) -> None:
        """Wait until the activation of `active` ends: activated, or failed with a reason.

        Only a `StateChanged` into FAILED seen during this attempt counts as its failure
        (the state property may still hold the previous attempt's); ACTIVATED counts once
        the device's active connection is this attempt's.
        """
        deadline = self._clock.monotonic() + CONNECT_TIME
        attempt.arrived.set()  # the current state may be the end already
        while True:
            if attempt.failed is not None:
                await self._give_up(device)
                raise WifiConnectError(failure_of(attempt.failed))
            if await self._activated(device, active):
                return
            attempt.arrived.clear()
            left = deadline - self._clock.monotonic()
            if left <= 0 or not await wait_on_clock(attempt.arrived, self._clock, left):
                await self._give_up(device)
                raise WifiConnectError(ConnectFailure.NOT_FOUND)

    async def _activated(self, device: str, active: str) -> bool:
        if (await self._nm.state(device))[0] != DeviceState.ACTIVATED:
            return False
        return bool(await self._nm.prop(device, DEVICE, "ActiveConnection") == active)

    async def _give_up(self, device: str) -> None:
        try:
            await self._nm.deactivate(device)
        except BusError as exc:
            log.info("wifi: cannot stop the failed attempt: %s", exc)

    async def disconnect(self) -> None:
        try:
            await self._nm.deactivate(await self._device())
        except BusError as exc:
            log.warning("wifi: cannot disconnect %s: %s", self.iface, exc)
        await self._forget_all()

    async def link(self) -> WifiLink | None:
        try:
            return await self._link()
        except BusError as exc:
            log.warning("wifi: %s: %s", self.iface, exc)
            return None

    async def _link(self) -> WifiLink | None:
        device = await self._device()
        address = await self._nm.address(device)
        if address is None:
            return None
        # A Wi-Fi activation's specific object is the access point it joined.
        active = await self._nm.prop(device, DEVICE, "ActiveConnection")
        ap_path = await self._nm.prop(active, ACTIVE, "SpecificObject")
        ap = _ap(await self._nm.bus.get_all(NM, ap_path, ACCESS_POINT))
        return WifiLink(ap.ssid, ap.bssid, ap.rssi, address)

    def watch(self, on_lost: Callable[[], None]) -> Callable[[], None]:
        unsubscribers: list[Callable[[], None]] = []
        loop = asyncio.get_running_loop()

        async def report_if_mine(device: str) -> None:
            try:
                mine = device == await self._device()
            except BusError as exc:
                log.warning("wifi: %s: %s", self.iface, exc)
                return
            if mine:
                log.info("wifi: the link on %s dropped", self.iface)
                on_lost()

        def changed(device: str, new: int, old: int) -> None:
            if old == DeviceState.ACTIVATED and new != DeviceState.ACTIVATED:
                self._track(loop.create_task(report_if_mine(device)))

        async def subscribe() -> None:
            try:
                unsubscribers.append(await self._nm.on_any_state(changed))
            except BusError as exc:
                log.error("wifi: cannot follow %s: %s", self.iface, exc)

        subscribing = loop.create_task(subscribe())
        self._track(subscribing)

        def unwatch() -> None:
            subscribing.cancel()
            for unsubscribe in unsubscribers:
                unsubscribe()

        return unwatch

    def _track(self, task: asyncio.Task[None]) -> None:
        self._watches.add(task)
        task.add_done_callback(self._watches.discard)


class _Attempt:
    """What the device's signals said during one connection attempt."""

    def __init__(self) -> None:
        self.arrived = asyncio.Event()
        self.failed: int | None = None

    def changed(self, new: int, _old: int, reason: int) -> None:
        if new == DeviceState.FAILED:
            self.failed = reason
        self.arrived.set()


def _ap(props: dict[str, Any]) -> WifiAp:
    return WifiAp(
        ssid=bytes(props.get("Ssid", b"")).decode("utf-8", "replace"),
        bssid=str(props.get("HwAddress", "")).lower(),
        auth_mode=int(
            auth_mode(
                int(props.get("Flags", 0)),
                int(props.get("WpaFlags", 0)),
                int(props.get("RsnFlags", 0)),
            )
        ),
        rssi=rssi(int(props.get("Strength", 0))),
        channel=channel(int(props.get("Frequency", 0))),
    )
