"""Firmware on a Linux host: a configured command installs the verified image."""

from __future__ import annotations

import logging
import shlex
import subprocess
from pathlib import Path

from s20 import __version__
from s20.drivers.system import Firmware, FirmwareRejected

__all__ = ["FIRMWARE_TYPE", "NO_INSTALLER", "CommandInstaller"]

log = logging.getLogger(__name__)

FIRMWARE_TYPE = "linux"
NO_INSTALLER = "no firmware installer is configured (--firmware-installer)"
MAX_IMAGE = 512 << 20  # a package or image for a border router, in bytes
INSTALL_TIMEOUT = 900.0


class CommandInstaller:
    """Runs `command IMAGE` (e.g. `dpkg -i`); a non-zero exit refuses the image.

    The running firmware is s20 itself: type `linux`, s20's version. Without a command,
    every image is refused with `NO_INSTALLER`.
    """

    def __init__(self, command: str | None, max_size: int = MAX_IMAGE) -> None:
        self._command = shlex.split(command) if command else []
        self.max_size = max_size

    def current(self) -> Firmware:
        return Firmware(FIRMWARE_TYPE, __version__)

    def inspect(self, image: Path) -> Firmware:
        if not self._command:
            raise FirmwareRejected(NO_INSTALLER)
        if not image.is_file():
            raise FirmwareRejected(f"cannot read the image {image.name}")
        # What the image holds is the installer command's to judge; the feed names the version.
        return Firmware(FIRMWARE_TYPE, "")

    def install(self, image: Path) -> Firmware:
        self.inspect(image)
        try:
            done = subprocess.run(  # noqa: S603 - the operator's configured command
                [*self._command, str(image)],
                capture_output=True,
                text=True,
                timeout=INSTALL_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise FirmwareRejected(f"the firmware installer did not run: {exc}") from None
        for line in done.stdout.splitlines():
            log.info("firmware installer: %s", line)
        if done.returncode != 0:
            errors = [line for line in done.stderr.splitlines() if line.strip()]
            last = errors[-1] if errors else f"exit status {done.returncode}"
            raise FirmwareRejected(f"the firmware installer failed: {last}")
        log.info("firmware: %s installed by %s", image.name, self._command[0])
        return Firmware(FIRMWARE_TYPE, "")
