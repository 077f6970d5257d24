"""Time zone through systemd-timedated, SNTP through a systemd-timesyncd drop-in."""

from __future__ import annotations

import asyncio
import logging
import os

from s20.drivers.system import TimeSettings

from ._bus import Bus, BusError
from ._paths import HostPaths

__all__ = ["LinuxTime", "zone_name"]

log = logging.getLogger(__name__)

TIMEDATE = ("org.freedesktop.timedate1", "/org/freedesktop/timedate1", "org.freedesktop.timedate1")
SYSTEMD = (
    "org.freedesktop.systemd1",
    "/org/freedesktop/systemd1",
    "org.freedesktop.systemd1.Manager",
)
TIMESYNCD = "systemd-timesyncd.service"


def zone_name(offset: int) -> str:
    """Return the tz database zone of a whole-hour UTC offset.

    The `Etc/GMT±N` zones follow POSIX, whose sign is the inverse of ISO 8601's: UTC+8
    is `Etc/GMT-8`, UTC-5 is `Etc/GMT+5`. UTC itself is `Etc/UTC`.
    """
    if offset == 0:
        return "Etc/UTC"
    return f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"


class LinuxTime:
    """Apply the time settings to the host.

    The drop-in is written at once (it is the settings' durable copy on the host); the
    D-Bus calls (`SetTimezone`, then `RestartUnit` so timesyncd reads the drop-in) run
    in the background, as the driver's `apply` is synchronous: a failure is logged.
    """

    def __init__(self, bus: Bus, paths: HostPaths) -> None:
        self._bus = bus
        self._paths = paths
        self._applied: TimeSettings | None = None
        self._pending: asyncio.Task[None] | None = None

    def apply(self, settings: TimeSettings) -> None:
        self._write_dropin(settings.sntp)
        self._applied = settings
        previous = self._pending
        self._pending = asyncio.get_running_loop().create_task(self._tell(settings, previous))

    def applied(self) -> TimeSettings | None:
        return self._applied

    async def settled(self) -> None:
        """Wait until the last settings reached timedated and timesyncd."""
        if self._pending is not None:
            await self._pending

    def _write_dropin(self, server: str) -> None:
        path = self._paths.timesyncd
        text = f"# Written by s20d: the SNTP server set through its API.\n[Time]\nNTP={server}\n"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written in place: the service may own this one file, not its folder (the
            # systemd unit makes it). timesyncd reads it only when restarted, after this.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            with os.fdopen(fd, "w", encoding="ascii") as file:
                file.write(text)
        except OSError as exc:
            log.error("time: cannot write %s: %s", path, exc.strerror)

    async def _tell(self, settings: TimeSettings, previous: asyncio.Task[None] | None) -> None:
        if previous is not None:
            await asyncio.gather(previous, return_exceptions=True)  # in the order applied
        zone = zone_name(settings.timezone)
        try:
            await self._bus.call(*TIMEDATE, "SetTimezone", "sb", [zone, False])
            await self._bus.call(*SYSTEMD, "RestartUnit", "ss", [TIMESYNCD, "replace"])
        except BusError as exc:
            log.error("time: cannot apply %s, SNTP %s: %s", zone, settings.sntp, exc)
            return
        log.info("time: zone %s, SNTP server %s", zone, settings.sntp)
