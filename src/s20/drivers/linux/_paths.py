"""Where the Linux drivers read and write on the host; tests point them at a folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["HostPaths"]


@dataclass(frozen=True)
class HostPaths:
    """The host's files the Linux platform uses, under one root (`/` on a real host)."""

    root: Path = Path("/")
    # systemd-timesyncd reads NTP= from this drop-in (made on first use).
    timesyncd_dropin: Path = Path("etc/systemd/timesyncd.conf.d/s20.conf")

    def path(self, relative: str | Path) -> Path:
        """Return `relative` under the root."""
        return self.root / relative

    @property
    def meminfo(self) -> Path:
        return self.path("proc/meminfo")

    def mac_file(self, iface: str) -> Path:
        """Return the file with the MAC address of `iface`."""
        return self.path(f"sys/class/net/{iface}/address")

    @property
    def serial_files(self) -> tuple[Path, ...]:
        """Return where a serial number is looked for, best first."""
        return (self.path("proc/device-tree/serial-number"), self.path("etc/machine-id"))

    @property
    def timesyncd(self) -> Path:
        return self.path(self.timesyncd_dropin)
