"""The failover engine: probes each checked interface and picks the WAN."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

from s20.clock import Clock
from s20.drivers import EthernetDriver, Interface, PingDriver, RouteDriver, WifiDriver
from s20.store import Database

from ._config import IFACES, CheckChange, FailoverConfig

__all__ = ["PING_TIMEOUT", "FailoverEngine", "WanStatus"]

log = logging.getLogger(__name__)

CONFIG_KEY = "failover"
PING_TIMEOUT = 2.0  # seconds one probe waits for its echo reply


class WanStatus:
    """`/sys/get_info` `wan_status` values."""

    NO_ADDRESS = 0
    NO_INTERNET = 1
    UP = 2


@dataclass
class _Health:
    """What the probes of one interface have counted so far."""

    faulty: bool = False
    successes: int = 0
    failures: dict[str, int] = field(default_factory=dict)


class FailoverEngine:
    """Probe, count, and choose the WAN, on the injected clock.

    Every `check_interval` minutes each interface whose checks are on pings each of its
    check addresses. A round in which any address answers is a success. An interface
    becomes faulty once every check address has failed `check_fail_time` times in a row,
    and usable again after `check_success_time` successful rounds. An interface without
    checks is usable while it has an address. The WAN is the usable interface with the
    smallest priority number; each change of WAN is logged and handed to the route
    driver, which makes that uplink carry the traffic.
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        ping: PingDriver,
        ethernet: EthernetDriver,
        wifi: WifiDriver,
        routes: RouteDriver,
    ) -> None:
        self._db = db
        self._clock = clock
        self._ping = ping
        self._ethernet = ethernet
        self._wifi = wifi
        self._routes = routes
        self.config = FailoverConfig.from_json(db.get(CONFIG_KEY))
        self._health = {iface: _Health() for iface in IFACES}
        self._tasks: list[asyncio.Task[None]] = []
        self.wan: Interface | None = None

    async def start(self) -> None:
        """Start probing the interfaces whose checks are on."""
        self.wan = await self.choose_wan()
        await self._routes.prefer(self.wan)
        loop = asyncio.get_running_loop()
        self._tasks = [
            loop.create_task(self._probe_every_interval(iface))
            for iface in IFACES
            if self.config.check(iface).probed
        ]

    async def stop(self) -> None:
        """Stop probing."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def set_config(
        self,
        eth: CheckChange | None,
        wifi: CheckChange | None,
        priority_eth: int | None,
        priority_wifi: int | None,
    ) -> None:
        """Check every field first, then store and probe anew (the counts start over)."""
        config = self.config
        new = FailoverConfig(
            eth=eth.applied_to("eth", config.eth) if eth else config.eth,
            wifi=wifi.applied_to("wifi", config.wifi) if wifi else config.wifi,
            priority_eth=config.priority_eth,
            priority_wifi=config.priority_wifi,
        ).with_priority(priority_eth, priority_wifi)
        self._db.put(CONFIG_KEY, new.to_json())
        await self.stop()
        self.config = new
        self._health = {iface: _Health() for iface in IFACES}
        await self.start()

    async def _has_address(self, iface: Interface) -> bool:
        if iface == "eth":
            return (await self._ethernet.status()).address is not None
        return await self._wifi.link() is not None

    async def _usable(self, iface: Interface) -> bool:
        if not await self._has_address(iface):
            return False
        return not (self.config.check(iface).probed and self._health[iface].faulty)

    async def choose_wan(self) -> Interface | None:
        """Return the usable interface with the best priority, if any."""
        usable = [iface for iface in IFACES if await self._usable(iface)]
        return min(usable, key=self.config.priority, default=None)

    async def wan_status(self) -> int:
        """Return 0 (no address), 1 (addresses, but every checked one faulty) or 2."""
        if await self.choose_wan() is not None:
            return WanStatus.UP
        for iface in IFACES:
            if await self._has_address(iface):
                return WanStatus.NO_INTERNET
        return WanStatus.NO_ADDRESS

    async def _probe_every_interval(self, iface: Interface) -> None:
        while True:
            await self._clock.sleep(self.config.check(iface).check_interval * 60)
            await self.probe(iface)

    async def probe(self, iface: Interface) -> None:
        """Run one round of pings through `iface` and count it."""
        check, health = self.config.check(iface), self._health[iface]
        answers = await asyncio.gather(
            *(self._ping.ping(iface, address, PING_TIMEOUT) for address in check.addresses)
        )
        for address, answered in zip(check.addresses, answers, strict=True):
            health.failures[address] = 0 if answered else health.failures.get(address, 0) + 1
        if any(answers):
            health.successes += 1
        if not health.faulty and all(
            health.failures[a] >= check.check_fail_time for a in check.addresses
        ):
            health.faulty, health.successes = True, 0
            log.warning("failover: %s is faulty: no check address answers", iface)
        elif health.faulty and health.successes >= check.check_success_time:
            health.faulty = False
            log.info("failover: %s is usable again", iface)
        await self._follow_wan()

    async def _follow_wan(self) -> None:
        wan = await self.choose_wan()
        if wan != self.wan:
            log.warning("failover: WAN switched from %s to %s", self.wan or "none", wan or "none")
            self.wan = wan
            await self._routes.prefer(wan)
