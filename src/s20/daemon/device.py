"""The composition root: one device's database, clock, identity, platform and services."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from fastapi import APIRouter

from s20.clock import Clock
from s20.errors import OperationFailed
from s20.otcli import DeviceRole
from s20.services.auth import AuthService
from s20.services.failover import FailoverEngine
from s20.services.identity import Identity, load_or_create_identity
from s20.services.network import NetworkService
from s20.services.system import (
    ConfigSection,
    ConfigTransfer,
    OtbrSection,
    SntpSection,
    SystemService,
    UiSection,
    UplinkSections,
    secret_values,
)
from s20.services.thread import ThreadService
from s20.sim import World
from s20.store import Database

from .platform import Platform
from .radio import RadioLink

__all__ = ["Device", "DeviceInfo"]

log = logging.getLogger(__name__)

# Keys that describe the hardware, not its settings: a factory reset keeps them.
HARDWARE_KEYS = frozenset({"identity"})


@dataclass(frozen=True)
class DeviceInfo:
    """What the device says it is."""

    model: str = "S20"
    hostname: str = "gl-s20-otbr"
    firmware_feed: str | None = None  # the manifest URL; None: the platform's own, if any


def _with_hardware(identity: Identity, platform: Platform) -> Identity:
    """Return `identity` with what the host says of itself (its MACs, its serial)."""
    hardware = platform.system.hardware
    if hardware is None:
        return identity
    known = {k: v for k, v in vars(hardware).items() if v is not None}
    return replace(identity, **known)


class Device:
    """Everything behind the API, wired for one platform.

    `restart()` rebuilds the services from the database in place, as a reboot would:
    sessions end, settings survive, the radio is brought back to the stored state.
    `reset()` erases the settings first.
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        platform: Platform,
        info: DeviceInfo | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.platform = platform
        self.info = info or DeviceInfo()
        self.identity: Identity = _with_hardware(load_or_create_identity(db), platform)
        self._lifecycle = asyncio.Lock()
        self.system = SystemService(
            db,
            clock,
            platform.system,
            self.identity,
            model=self.info.model,
            restart=self._after_upgrade,
            firmware_feed=self.info.firmware_feed,
        )
        self.auth, self.thread, self.network, self.failover = self._services()

    def _services(self) -> tuple[AuthService, ThreadService, NetworkService, FailoverEngine]:
        p = self.platform
        return (
            AuthService(self.db, self.clock),
            ThreadService(self.db, self.clock, p.link.radio, self.identity.eth_mac),
            NetworkService(self.db, self.clock, p.ethernet, p.wifi),
            FailoverEngine(self.db, self.clock, p.ping, p.ethernet, p.wifi, p.routes),
        )

    @property
    def link(self) -> RadioLink:
        """Return the Thread radio link."""
        return self.platform.link

    @property
    def model(self) -> str:
        return self.info.model

    @property
    def hostname(self) -> str:
        return self.info.hostname

    @property
    def firmware_category(self) -> str:
        return self.system.drivers.firmware.current().type

    @property
    def firmware_version(self) -> str:
        return self.system.drivers.firmware.current().version

    @property
    def simulated(self) -> bool:
        """Return whether the Thread radio is the in-process simulation."""
        return self.platform.link.simulated

    @property
    def simulation(self) -> World | None:
        """Return the simulated world behind a simulated platform's drivers."""
        return self.platform.world

    def routers(self) -> Sequence[APIRouter]:
        """Return the routers only this platform has (`/sim/*` on the simulation)."""
        return self.platform.routers

    async def start(self) -> None:
        """Bring the services up from the stored state."""
        await self.system.start()
        await self._start(self.thread, self.network, self.failover)
        log.info("device %s started (serial %s)", self.identity.eth_mac, self.identity.serial)

    @staticmethod
    async def _start(
        thread: ThreadService,
        network: NetworkService,
        failover: FailoverEngine,
        *,
        adopt: bool = True,
    ) -> None:
        await thread.start(adopt=adopt)
        await network.start()
        await failover.start()

    async def stop(self) -> None:
        """Stop the services; the database and the platform stay open."""
        await self.failover.stop()
        await self.network.stop()
        await self.thread.stop()

    async def close(self) -> None:
        """Stop the services and close the platform."""
        await self.system.close()
        await self.stop()
        await self.platform.close()

    def config_sections(self) -> list[ConfigSection]:
        """Return the sections of the configuration document, in the document's order."""
        return [
            UiSection(self.auth),
            SntpSection(self.system.time),
            OtbrSection(self.thread),
            UplinkSections(self.db, self.clock, self.network, self.failover),
        ]

    def config_transfer(self) -> ConfigTransfer:
        """Return the configuration's export and import over the current services."""
        return ConfigTransfer(self.db, self.config_sections())

    def secrets(self) -> list[str]:
        """Return every secret the device holds in the clear, to keep them out of the log."""
        pskc = self.thread.config.active.pskc
        pskds = [str(entry["PSKd"]) for entry in self.thread.joiners.entries()]
        exported = secret_values(self.config_transfer().export())
        return [*exported, *([pskc.hex()] if pskc else []), *pskds]

    async def restart(self) -> None:
        """Rebuild every service from the database, as after a reboot."""
        async with self._lifecycle:
            await self.stop()
            await self._start_new_services()
        log.info("device restarted")

    async def _start_new_services(self, *, adopt: bool = True) -> None:
        """Put services built from the database in place of the stopped ones.

        Requests keep reaching the old services until the new ones are up. A Thread
        service the radio refuses to start undoes its own subscriptions; it is built and
        tried once more, and if the radio refuses again the old services start again, so
        the device keeps answering and following its radio instead of being half-dead.
        """
        await self.system.drivers.restarter.reboot()
        await self.system.start()
        for attempt in (1, 2):
            auth, thread, network, failover = self._services()
            try:
                await self._start(thread, network, failover, adopt=adopt)
            except OperationFailed as exc:
                log.error("starting the services failed (attempt %d): %s", attempt, exc)
                continue
            self.auth, self.thread, self.network, self.failover = auth, thread, network, failover
            return
        log.error("keeping the services from before the restart")
        try:
            await self.thread.start(adopt=adopt)
        except OperationFailed as exc:
            log.error("the Thread radio refuses every start: %s", exc)
        await self.network.start()
        await self.failover.start()

    async def _after_upgrade(self, keep_config: bool) -> None:
        await (self.restart() if keep_config else self.reset())

    async def reset(self) -> None:
        """Erase every setting (the device is uninitialized again), then restart."""
        async with self._lifecycle:
            await self.thread.factory_reset()
            await self.stop()
            with self.db.transaction() as tx:
                tx.factory_reset(keep=HARDWARE_KEYS)
            # Factory settings: the default network, not the one the radio still holds.
            await self._start_new_services(adopt=False)
        log.warning("factory reset done: the device is uninitialized")

    async def get_info(self) -> dict[str, int]:
        """Answer `/sys/get_info`."""
        role, commissioner = await self.thread.summary()
        return {
            "wan_status": await self.failover.wan_status(),
            "thread_nwk_status": int(role >= DeviceRole.CHILD),
            "thread_commissioner_status": commissioner,
        }
