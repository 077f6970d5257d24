"""The composition root: one device's database, clock, identity and services."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from fastapi import APIRouter

from s20.clock import Clock
from s20.services.auth import AuthService
from s20.services.identity import Identity, load_or_create_identity
from s20.store import Database

__all__ = ["Device", "DeviceInfo"]

log = logging.getLogger(__name__)

# Keys that describe the hardware, not its settings: a factory reset keeps them.
HARDWARE_KEYS = frozenset({"identity"})


@dataclass(frozen=True)
class DeviceInfo:
    """What the device says it is."""

    model: str = "S20"
    hostname: str = "gl-s20-otbr"
    firmware_category: str = "2c"


class Device:
    """Everything behind the API, wired for one platform.

    `restart()` rebuilds the services from the database in place, as a reboot would:
    sessions end, settings survive. `reset()` erases the settings first.
    """

    def __init__(self, db: Database, clock: Clock, info: DeviceInfo | None = None) -> None:
        self.db = db
        self.clock = clock
        self.info = info or DeviceInfo()
        self.identity: Identity = load_or_create_identity(db)
        self.auth = AuthService(db, clock)
        self._lifecycle = asyncio.Lock()

    @property
    def model(self) -> str:
        return self.info.model

    @property
    def hostname(self) -> str:
        return self.info.hostname

    @property
    def firmware_category(self) -> str:
        return self.info.firmware_category

    def extra_routers(self) -> Sequence[APIRouter]:
        """Return platform-specific routers (none on the base device)."""
        return ()

    async def start(self) -> None:
        """Bring the services up from the stored state."""
        log.info("device %s started (serial %s)", self.identity.eth_mac, self.identity.serial)

    async def stop(self) -> None:
        """Stop the services; the database stays open."""

    async def restart(self) -> None:
        """Rebuild every service from the database, as after a reboot."""
        async with self._lifecycle:
            await self.stop()
            self.auth = AuthService(self.db, self.clock)
            await self.start()
        log.info("device restarted")

    async def reset(self) -> None:
        """Erase every setting (the device is uninitialized again), then restart."""
        async with self._lifecycle:
            await self.stop()
            with self.db.transaction() as tx:
                tx.factory_reset(keep=HARDWARE_KEYS)
            self.auth = AuthService(self.db, self.clock)
            await self.start()
        log.warning("factory reset done: the device is uninitialized")
