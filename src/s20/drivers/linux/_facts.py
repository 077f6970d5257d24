"""The host's memory, MAC addresses and serial number."""

from __future__ import annotations

import logging
import re

from s20.drivers.sim_system import host_memory
from s20.drivers.system import Hardware, Memory

from ._paths import HostPaths

__all__ = ["LinuxFacts", "read_hardware"]

log = logging.getLogger(__name__)

_MAC = re.compile(r"[0-9a-f]{2}(:[0-9a-f]{2}){5}")


class LinuxFacts:
    """Memory from `/proc/meminfo` (MemTotal, MemAvailable)."""

    def __init__(self, paths: HostPaths) -> None:
        self._paths = paths

    def memory(self) -> Memory:
        return host_memory(self._paths.meminfo)


def _read_mac(paths: HostPaths, iface: str) -> str | None:
    try:
        mac = paths.mac_file(iface).read_text(encoding="ascii").strip().lower()
    except (OSError, UnicodeDecodeError):
        log.warning("no MAC address for %s at %s", iface, paths.mac_file(iface))
        return None
    return mac if _MAC.fullmatch(mac) else None


def _read_serial(paths: HostPaths) -> str | None:
    for path in paths.serial_files:
        try:
            # The device tree's string ends with NUL.
            serial = path.read_bytes().rstrip(b"\0\n").decode("ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if serial:
            return serial
    return None


def read_hardware(paths: HostPaths, eth: str, wifi: str) -> Hardware:
    """Return the MACs of `eth` and `wifi` and the machine's serial, as far as they are known."""
    return Hardware(
        eth_mac=_read_mac(paths, eth), wifi_mac=_read_mac(paths, wifi), serial=_read_serial(paths)
    )
