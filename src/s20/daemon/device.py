"""The composition root: one device's database, clock, identity, radio and services."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from fastapi import APIRouter

from s20.clock import Clock
from s20.drivers import SystemDrivers, simulated_system
from s20.otcli import DeviceRole
from s20.services.auth import AuthService
from s20.services.identity import Identity, load_or_create_identity
from s20.services.system import (
    ConfigSection,
    ConfigTransfer,
    OtbrSection,
    SntpSection,
    SystemService,
    UiSection,
    secret_values,
    uplink_sections,
)
from s20.services.thread import ThreadService
from s20.store import Database

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
        link: RadioLink,
        info: DeviceInfo | None = None,
        system: SystemDrivers | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.link = link
        self.info = info or DeviceInfo()
        self.identity: Identity = load_or_create_identity(db)
        self._lifecycle = asyncio.Lock()
        drivers = system or simulated_system(db.path.parent)
        self.system = SystemService(
            db,
            clock,
            drivers,
            self.identity,
            model=self.info.model,
            restart=self._after_upgrade,
            firmware_feed=self.info.firmware_feed,
        )
        self.auth, self.thread = self._services()

    def _services(self) -> tuple[AuthService, ThreadService]:
        return (
            AuthService(self.db, self.clock),
            ThreadService(self.db, self.clock, self.link.radio, self.identity.eth_mac),
        )

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
        """Return whether the radio is the in-process simulation."""
        return self.link.world is not None

    def extra_routers(self) -> Sequence[APIRouter]:
        """Return the routers only this platform has (`/sim/*` on the simulation)."""
        if self.link.world is None:
            return ()
        from s20.api.sim import router

        return (router,)

    async def start(self) -> None:
        """Bring the services up from the stored state."""
        await self.system.start()
        await self.thread.start()
        log.info("device %s started (serial %s)", self.identity.eth_mac, self.identity.serial)

    async def stop(self) -> None:
        """Stop the services; the database and the radio stay open."""
        await self.thread.stop()

    async def close(self) -> None:
        """Stop the services and close the radio."""
        await self.system.close()
        await self.stop()
        await self.link.close()

    def config_sections(self) -> list[ConfigSection]:
        """Return the sections of the configuration document, in the document's order."""
        return [
            UiSection(self.auth),
            SntpSection(self.system.time),
            OtbrSection(self.thread, self.clock),
            *uplink_sections(),
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
        # Requests keep reaching the old services until the new ones are up.
        await self.system.drivers.restarter.reboot()
        auth, thread = self._services()
        await self.system.start()
        await thread.start(adopt=adopt)
        self.auth, self.thread = auth, thread

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
        role = await self.thread.role()
        return {
            "wan_status": self.wan_status(),
            "thread_nwk_status": int(role >= DeviceRole.CHILD),
            "thread_commissioner_status": await self.thread.commissioner_state(),
        }

    def wan_status(self) -> int:
        """Return 2 when the device has a WAN route, else 0 (DECISIONS §5, no failover yet).

        The simulated S20's Ethernet is plugged in with a DHCP lease; on a real host the
        answer is whether the kernel has a default route.
        """
        if self.simulated:
            return 2
        return 2 if _has_default_route() else 0


def _has_default_route() -> bool:
    try:
        with open("/proc/net/route", encoding="ascii") as routes:
            next(routes, None)
            return any(line.split()[1] == "00000000" for line in routes if line.strip())
    except OSError:
        return False
