"""Restart the host through systemd-logind."""

from __future__ import annotations

import logging

from ._bus import Bus

__all__ = ["LogindRestarter"]

log = logging.getLogger(__name__)

LOGIN = ("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager")


class LogindRestarter:
    """`Reboot(false)`: not interactive, so polkit decides without asking anyone."""

    def __init__(self, bus: Bus) -> None:
        self._bus = bus

    async def reboot(self) -> None:
        log.warning("restarting the host")
        await self._bus.call(*LOGIN, "Reboot", "b", [False])
