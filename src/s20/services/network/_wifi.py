"""The Wi-Fi connection as a state machine: idle, connecting, connected, failed."""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from s20.clock import Clock
from s20.drivers import WifiConnectError, WifiDriver, WifiLink

from ._config import MAX_SAVED, WifiNetwork, address_json
from ._store import NetworkStore

__all__ = ["WifiState", "WifiStation"]

log = logging.getLogger(__name__)

LINK_LOST = "connection lost"
NONE_IN_RANGE = "no saved network in range"


class WifiState(enum.IntEnum):
    """`/wifi/get_status` `status`."""

    IDLE = 0
    CONNECTING = 1
    CONNECTED = 2
    FAILED = 3


class WifiStation:
    """Connect, stay connected, and move to a saved network when allowed.

    One attempt runs at a time: a new `/wifi/start` cancels the one in progress. With
    reconnect-to-saved on, a failed attempt or a lost link tries the saved networks in
    range, strongest first (except the one that just failed: its settings would fail
    again), and the one that connects becomes the network in use.
    """

    def __init__(self, driver: WifiDriver, store: NetworkStore, clock: Clock) -> None:
        self._driver = driver
        self._store = store
        self._clock = clock
        self.state = WifiState.IDLE
        self.fail_msg = ""
        self.network: WifiNetwork | None = None
        self.link: WifiLink | None = None
        self._task: asyncio.Task[None] | None = None
        self._unwatch: Callable[[], None] = lambda: None

    def start(self) -> None:
        """Follow the driver's link, and connect to the stored network if Wi-Fi is on."""
        self._unwatch = self._driver.watch(self._on_lost)
        network, enabled = self._store.wifi()
        if enabled and network is not None:
            self._run(self._connect(network, save=False))

    async def stop(self) -> None:
        """Stop following the link and cancel any attempt (the link itself stays)."""
        self._unwatch()
        await self._cancel()

    async def connect(self, network: WifiNetwork, *, save: bool) -> None:
        """Start connecting to `network` (status 1 at once); it is stored as the one in use."""
        await self._cancel()
        self._store.put_wifi(network, enabled=True)
        self._connecting(network)
        self._run(self._connect(network, save=save))

    async def disconnect(self) -> None:
        """Leave the network; Wi-Fi stays off until the next start."""
        await self._cancel()
        await self._driver.disconnect()
        network, _ = self._store.wifi()
        self._store.put_wifi(network, enabled=False)
        self.state, self.fail_msg, self.link, self.network = WifiState.IDLE, "", None, None

    def status(self) -> dict[str, Any]:
        """Answer `/wifi/get_status`."""
        link, network = self.link, self.network
        address = link.address if link and self.state == WifiState.CONNECTED else None
        bssid = link.bssid if link else (network.bssid if network else "")
        return {
            "status": int(self.state),
            "fail_msg": self.fail_msg,
            "ssid": network.ssid if network else "",
            "bssid": bssid,
            **address_json(address),
        }

    # -- the attempt -------------------------------------------------------------------

    def _connecting(self, network: WifiNetwork) -> None:
        self.state, self.fail_msg, self.network, self.link = (
            WifiState.CONNECTING,
            "",
            network,
            None,
        )

    def _run(self, coro: Coroutine[Any, Any, None]) -> None:
        self._task = asyncio.get_running_loop().create_task(coro)

    async def _cancel(self) -> None:
        task, self._task = self._task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _connect(self, network: WifiNetwork, *, save: bool) -> None:
        self._connecting(network)
        if await self._try(network, save=save):
            return
        if self._store.reconnect():
            await self._move_to_saved(exclude=network.key, reason=self.fail_msg)

    async def _try(self, network: WifiNetwork, *, save: bool) -> bool:
        self._connecting(network)
        try:
            link = await self._driver.connect(network.credentials(), network.ip)
        except WifiConnectError as exc:
            log.info("wifi: connecting to %r failed: %s", network.ssid, exc)
            self.state, self.fail_msg = WifiState.FAILED, str(exc)
            return False
        self.state, self.link = WifiState.CONNECTED, link
        if save:
            self._save(network)
        return True

    def _save(self, network: WifiNetwork) -> None:
        with self._store.db.transaction() as tx:
            saved = NetworkStore.saved_in(tx)
            if network.key not in {s.key for s in saved} and len(saved) >= MAX_SAVED:
                log.warning("wifi: %r not saved: %d networks are saved", network.ssid, MAX_SAVED)
                return
            NetworkStore.save_in(tx, network, int(self._clock.time()))

    async def _move_to_saved(self, *, exclude: tuple[str, int] | None, reason: str) -> None:
        heard = await self._driver.scan()
        strongest: dict[tuple[str, int], int] = {}
        for network in self._store.saved():
            rssi = [
                ap.rssi
                for ap in heard
                if ap.ssid == network.ssid and (not network.lock_bssid or ap.bssid == network.bssid)
            ]
            if rssi and network.key != exclude:
                strongest[network.key] = max(rssi)
        candidates = sorted(
            (n for n in self._store.saved() if n.key in strongest),
            key=lambda n: strongest[n.key],
            reverse=True,
        )
        for network in candidates:
            log.info("wifi: moving to saved network %r", network.ssid)
            if await self._try(network, save=False):
                self._store.put_wifi(network, enabled=True)
                return
        if not candidates:
            self.state = WifiState.FAILED
            self.fail_msg = f"{reason}; {NONE_IN_RANGE}" if reason else NONE_IN_RANGE

    def _on_lost(self) -> None:
        if self.state != WifiState.CONNECTED:
            return
        self.link = None
        self.state, self.fail_msg = WifiState.FAILED, LINK_LOST
        if self._store.reconnect():
            self.state = WifiState.CONNECTING
            # Not excluded: another AP of the same network may still be in range.
            self._run(self._move_to_saved(exclude=None, reason=LINK_LOST))
