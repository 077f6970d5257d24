"""Restart the host through systemd-logind."""

from __future__ import annotations

import logging

from ._bus import Bus, BusError

__all__ = ["LogindRestarter"]

log = logging.getLogger(__name__)

LOGIN = ("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager")


class LogindRestarter:
    """`Reboot(false)`: not interactive, so polkit decides without asking anyone.

    When logind refuses, the device's services still restart in place (as the caller
    goes on to do), and the refusal is logged.
    """

    def __init__(self, bus: Bus) -> None:
        self._bus = bus

    async def reboot(self) -> None:
        log.warning("restarting the host")
        try:
            await self._bus.call(*LOGIN, "Reboot", "b", [False])
        except BusError as exc:
            log.error("the host did not restart: logind refused: %s", exc)
