"""The Linux platform's drivers: NetworkManager, systemd, the journal, ICMP, a command.

Importing this package loads dbus-fast; only `s20d --platform linux` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from s20.clock import Clock
from s20.drivers.network import Interface
from s20.drivers.system import SystemDrivers

from ._bus import Bus, BusError
from ._checks import NM_NOT_RUNNING, check_host
from ._ethernet import LinuxEthernet
from ._facts import LinuxFacts, read_hardware
from ._firmware import NO_INSTALLER, CommandInstaller
from ._journal import Journal, parse_journal
from ._nm import PROFILE_PREFIX, NetworkManager
from ._paths import HostPaths
from ._ping import LinuxPing
from ._restart import LogindRestarter
from ._route import LinuxRoutes, Metrics
from ._time import LinuxTime, zone_name
from ._wifi import LinuxWifi, failure_of

__all__ = [
    "NM_NOT_RUNNING",
    "NO_INSTALLER",
    "PROFILE_PREFIX",
    "Bus",
    "BusError",
    "CommandInstaller",
    "HostPaths",
    "Journal",
    "LinuxDrivers",
    "LinuxEthernet",
    "LinuxOptions",
    "LinuxPing",
    "LinuxRoutes",
    "LinuxTime",
    "LinuxWifi",
    "check_host",
    "check_linux",
    "failure_of",
    "linux_drivers",
    "parse_journal",
    "zone_name",
]


@dataclass(frozen=True)
class LinuxOptions:
    """How the Linux platform finds its host: interfaces, installer, files, bus."""

    eth_iface: str = "eth0"
    wifi_iface: str = "wlan0"
    firmware_installer: str | None = None
    paths: HostPaths = field(default_factory=HostPaths)
    bus_address: str | None = None  # None: the system bus (or DBUS_SYSTEM_BUS_ADDRESS)
    unit: str = "s20d"

    @property
    def ifaces(self) -> dict[Interface, str]:
        return {"eth": self.eth_iface, "wifi": self.wifi_iface}


@dataclass(frozen=True)
class LinuxDrivers:
    """Every Linux driver, over one system bus connection."""

    bus: Bus
    ethernet: LinuxEthernet
    wifi: LinuxWifi
    ping: LinuxPing
    routes: LinuxRoutes
    system: SystemDrivers


async def check_linux(bus: Bus, options: LinuxOptions, socket: Path | None) -> list[str]:
    """Return the problems that keep the platform from starting (none: it can start)."""
    flags = {"--eth-iface": options.eth_iface, "--wifi-iface": options.wifi_iface}
    return await check_host(bus, socket, flags)


def linux_drivers(options: LinuxOptions, clock: Clock, bus: Bus) -> LinuxDrivers:
    """Build the Linux drivers over `bus`, reading the host's MACs and serial now."""
    nm = NetworkManager(bus)
    metrics = Metrics()
    system = SystemDrivers(
        facts=LinuxFacts(options.paths),
        time=LinuxTime(bus, options.paths),
        firmware=CommandInstaller(options.firmware_installer),
        restarter=LogindRestarter(bus),
        log_source=Journal(options.unit),
        hardware=read_hardware(options.paths, options.eth_iface, options.wifi_iface),
    )
    return LinuxDrivers(
        bus=bus,
        ethernet=LinuxEthernet(nm, options.eth_iface, metrics),
        wifi=LinuxWifi(nm, options.wifi_iface, clock, metrics),
        ping=LinuxPing(options.ifaces, clock),
        routes=LinuxRoutes(nm, options.ifaces, metrics),
        system=system,
    )
