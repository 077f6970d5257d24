"""The simulated S20's system drivers: the host's real memory, firmware in a state file."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from s20 import __version__

from .system import (
    Firmware,
    FirmwareImage,
    FirmwareRejected,
    Memory,
    SystemDrivers,
    TimeSettings,
)

__all__ = [
    "IMAGE_MAGIC",
    "SimFirmwareInstaller",
    "SimRestarter",
    "SimTime",
    "SimulatedFeed",
    "host_memory",
    "simulated_system",
]

log = logging.getLogger(__name__)

# The first line of a simulated firmware image: `S20-SIM-FIRMWARE <type> <version>`.
IMAGE_MAGIC = "S20-SIM-FIRMWARE"
DEFAULT_FIRMWARE = Firmware("2c", __version__)
FLASH_SIZE = 32 << 20  # the simulated S20's firmware partition, in bytes
_STATE_FILE = "sim-firmware.json"
_MAX_HEADER = 256


def host_memory(meminfo: Path = Path("/proc/meminfo")) -> Memory:
    """Return the memory of the machine this runs on (free = what programs can still get)."""
    try:
        fields = {
            line.split(":")[0]: int(line.split()[1]) * 1024
            for line in meminfo.read_text(encoding="ascii").splitlines()
            if line.strip().endswith("kB")
        }
        free = fields["MemAvailable"] if "MemAvailable" in fields else fields["MemFree"]
        return Memory(fields["MemTotal"], free)
    except (OSError, KeyError, ValueError, IndexError):
        page = os.sysconf("SC_PAGE_SIZE")
        return Memory(os.sysconf("SC_PHYS_PAGES") * page, os.sysconf("SC_AVPHYS_PAGES") * page)


class HostFacts:
    """The simulated S20 reports the memory of the machine it runs on."""

    def memory(self) -> Memory:
        return host_memory()


class SimTime:
    """Keeps the applied time settings; the simulation's clock is the host's (or a test's)."""

    def __init__(self) -> None:
        self._applied: TimeSettings | None = None

    def apply(self, settings: TimeSettings) -> None:
        self._applied = settings
        log.info("time: SNTP server %s, UTC%+d", settings.sntp, settings.timezone)

    def applied(self) -> TimeSettings | None:
        return self._applied


def image_bytes(firmware: Firmware, payload: bytes = b"") -> bytes:
    """Make a simulated firmware image of `firmware` (any payload may follow the header)."""
    return f"{IMAGE_MAGIC} {firmware.type} {firmware.version}\n".encode() + payload


class SimFirmwareInstaller:
    """Firmware as a small state file: what runs now, and what runs after the next boot.

    An image is a file whose first line is `S20-SIM-FIRMWARE <type> <version>`; anything
    else is refused. The state file lives beside the database but is not a setting, so a
    factory reset keeps the installed firmware, as on the device.
    """

    def __init__(self, state_dir: Path, max_size: int = FLASH_SIZE) -> None:
        self.max_size = max_size
        self._path = state_dir / _STATE_FILE
        stored = self._load()
        self._running = stored
        self._installed = stored

    def _load(self) -> Firmware:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            return Firmware(str(data["type"]), str(data["version"]))
        except (OSError, ValueError, KeyError, TypeError):
            return DEFAULT_FIRMWARE

    def current(self) -> Firmware:
        return self._running

    def inspect(self, image: Path) -> Firmware:
        try:
            with image.open("rb") as file:
                header = file.readline(_MAX_HEADER)
        except OSError as exc:
            raise FirmwareRejected(f"cannot read the image: {exc.strerror}") from None
        words = header.decode("utf-8", "replace").split()
        if len(words) != 3 or words[0] != IMAGE_MAGIC or len(header) >= _MAX_HEADER:
            raise FirmwareRejected(f"not an S20 firmware image (no {IMAGE_MAGIC} header)")
        return Firmware(words[1], words[2])

    def install(self, image: Path) -> Firmware:
        firmware = self.inspect(image)
        data = json.dumps({"type": firmware.type, "version": firmware.version})
        tmp = self._path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(data)
        os.replace(tmp, self._path)
        self._installed = firmware
        log.info("firmware %s %s installed; it runs after the restart", *_words(firmware))
        return firmware

    def boot(self) -> None:
        """Start running the installed firmware, as a reboot does."""
        self._running = self._installed


def _words(firmware: Firmware) -> tuple[str, str]:
    return firmware.type, firmware.version


def next_version(version: str) -> str:
    """Return a version newer than `version`: its last number plus one."""
    head, _, last = version.rpartition(".")
    if last.isdigit():
        return f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
    return version + ".1"


class SimulatedFeed:
    """With no feed configured, the simulation offers one newer image that it makes itself."""

    def __init__(self, installer: SimFirmwareInstaller) -> None:
        self._installer = installer

    def _image(self) -> tuple[FirmwareImage, bytes]:
        running = self._installer.current()
        firmware = Firmware(running.type, next_version(running.version))
        content = image_bytes(firmware, b"simulated firmware payload\n")
        url = f"builtin:{firmware.type}/{firmware.version}"
        digest = hashlib.sha256(content).hexdigest()
        return FirmwareImage(firmware, url, digest, len(content)), content

    def images(self) -> list[FirmwareImage]:
        return [self._image()[0]]

    def content(self, image: FirmwareImage) -> bytes:
        offered, content = self._image()
        if image != offered:
            raise FirmwareRejected(f"the built-in feed has no image {image.url}")
        return content


class SimRestarter:
    """A simulated reboot: the newly installed firmware starts running."""

    def __init__(self, installer: SimFirmwareInstaller) -> None:
        self._installer = installer
        self.reboots = 0

    async def reboot(self) -> None:
        self.reboots += 1
        self._installer.boot()
        log.info("simulated reboot: running firmware %s %s", *_words(self._installer.current()))


def simulated_system(state_dir: Path, *, flash_size: int = FLASH_SIZE) -> SystemDrivers:
    """Build the simulated S20's system drivers, keeping firmware state in `state_dir`."""
    installer = SimFirmwareInstaller(state_dir, flash_size)
    return SystemDrivers(
        facts=HostFacts(),
        time=SimTime(),
        firmware=installer,
        restarter=SimRestarter(installer),
        builtin_feed=SimulatedFeed(installer),
    )
