"""The system seams: memory, time setting, log source, firmware installer and restart.

Each is a small protocol that services call without knowing the platform: the simulated
S20 implements them in `s20.drivers.sim_system`, a Linux border router will implement
them on its own host. `SystemDrivers` bundles one platform's implementations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

__all__ = [
    "BuiltinFeed",
    "Firmware",
    "FirmwareImage",
    "FirmwareInstaller",
    "FirmwareRejected",
    "Hardware",
    "LogLine",
    "LogSource",
    "Memory",
    "Restarter",
    "SystemDrivers",
    "SystemFacts",
    "TimeDriver",
    "TimeSettings",
]


@dataclass(frozen=True)
class Memory:
    """The machine's memory, in bytes."""

    total: int
    free: int


@dataclass(frozen=True)
class TimeSettings:
    """What the device's clock follows: an SNTP server and a whole-hour UTC offset."""

    sntp: str
    timezone: int


@dataclass(frozen=True)
class Firmware:
    """A firmware build: its type (the device's firmware category) and version."""

    type: str
    version: str


@dataclass(frozen=True)
class FirmwareImage:
    """One image a feed lists; `sha256` and `size` are checked when given."""

    firmware: Firmware
    url: str
    sha256: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class Hardware:
    """What the host says it is; a None keeps the device's stored (generated) value."""

    eth_mac: str | None = None
    wifi_mac: str | None = None
    serial: str | None = None


class FirmwareRejected(Exception):
    """The installer refused an image; the message says why."""


class SystemFacts(Protocol):
    """Facts about the machine the device runs on."""

    def memory(self) -> Memory:
        """Return total and free memory."""


class TimeDriver(Protocol):
    """The platform's clock settings."""

    def apply(self, settings: TimeSettings) -> None:
        """Make the system clock follow `settings` (SNTP server, time zone)."""

    def applied(self) -> TimeSettings | None:
        """Return the settings last applied, if any."""


@dataclass(frozen=True)
class LogLine:
    """One line of a log, with the Unix time it was written."""

    time: float
    text: str


class LogSource(Protocol):
    """The platform's own log (the kernel, otbr-agent, ...), beside the daemon's.

    `lines` may block (running `journalctl`, say): it is called in a worker thread.
    """

    def lines(self, limit: int) -> list[LogLine]:
        """Return up to `limit` most recent lines, oldest first."""


class FirmwareInstaller(Protocol):
    """Checks and installs firmware images; the new one runs after a restart.

    `max_size` is the largest image the device can hold: downloads stop there.
    """

    max_size: int

    def current(self) -> Firmware:
        """Return the firmware that is running."""

    def inspect(self, image: Path) -> Firmware:
        """Return what firmware the file holds; raise `FirmwareRejected` if it is none.

        An installer that cannot read a version from the image returns its type with an
        empty version: the feed's listing, whose SHA-256 the download matched, names it.
        """

    def install(self, image: Path) -> Firmware:
        """Install the image to run after the next restart; raise `FirmwareRejected`."""


class BuiltinFeed(Protocol):
    """Images a platform offers without any server (the simulation's newer build)."""

    def images(self) -> list[FirmwareImage]:
        """Return the images on offer."""

    def content(self, image: FirmwareImage) -> bytes:
        """Return the bytes of an image that `images()` listed."""


class Restarter(Protocol):
    """Restarts the platform once the device's services are stopped."""

    async def reboot(self) -> None:
        """Restart the platform (the simulation boots its newly installed firmware)."""


@dataclass(frozen=True)
class SystemDrivers:
    """One platform's system drivers."""

    facts: SystemFacts
    time: TimeDriver
    firmware: FirmwareInstaller
    restarter: Restarter
    log_source: LogSource | None = None
    builtin_feed: BuiltinFeed | None = None
    hardware: Hardware | None = None  # None: the device's identity is its own, generated
