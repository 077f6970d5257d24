"""The system group's behaviour on one platform's drivers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

from s20.clock import Clock
from s20.drivers import SystemDrivers
from s20.services.identity import Identity
from s20.store import Database

from ._certs import CertificateService
from ._firmware import FirmwareService
from ._log import DeviceLog
from ._time import TimeService

__all__ = ["SystemService"]


class SystemService:
    """Status, time, firmware, certificates and the log, over the platform's drivers.

    It outlives a `/sys/restart` (the device rebuilds only the services that hold
    sessions and radio state): the log and an upgrade's outcome must survive one.
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        drivers: SystemDrivers,
        identity: Identity,
        *,
        model: str,
        restart: Callable[[bool], Awaitable[None]],
        firmware_feed: str | None = None,
    ) -> None:
        self.drivers = drivers
        self._identity = identity
        self._model = model
        self.time = TimeService(db, clock, drivers.time)
        self.certificates = CertificateService(db)
        self.firmware = FirmwareService(
            clock,
            drivers.firmware,
            self.certificates.downloader,
            Path(db.path).parent,
            restart,
            feed_url=firmware_feed,
            builtin=drivers.builtin_feed,
        )
        self.log = DeviceLog(clock)
        self.log.attach()

    async def close(self) -> None:
        """Stop an upgrade and the log (the device is shutting down)."""
        await self.firmware.close()
        self.log.detach()

    async def start(self) -> None:
        """Apply the stored settings to the platform (at start, restart and reset)."""
        self.time.apply()

    def get_status(self) -> dict[str, Any]:
        """Answer `/sys/get_status`: the machine's memory and the device's identity."""
        memory = self.drivers.facts.memory()
        return {
            "memory_total": memory.total,
            "memory_free": memory.free,
            "ble_mac": self._identity.ble_mac,
            "wifi_mac": self._identity.wifi_mac,
            "eth_mac": self._identity.eth_mac,
            "model": self._model,
            "sn": self._identity.serial,
        }

    async def get_log(self, secrets: Iterable[str]) -> dict[str, Any]:
        """Answer `/sys/get_log`: the recent log, oldest line first, `secrets` hidden."""
        source = self.drivers.log_source
        # A platform's log may come from a tool (journalctl): read it off the event loop.
        platform = await asyncio.to_thread(source.lines, self.log.capacity) if source else []
        lines = self.log.lines(secrets, platform)
        return {"log": "\n".join(lines)}
