"""The platform: one implementation of every driver plus the Thread radio, built here."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import APIRouter

from s20.api.sim import router
from s20.clock import Clock
from s20.drivers import (
    EthernetDriver,
    PingDriver,
    RouteDriver,
    SystemDrivers,
    WifiDriver,
    simulated_system,
)
from s20.otcli import parse_radio_url
from s20.sim import SimEthernet, SimPing, SimRoutes, SimWifi, World

from .radio import RadioLink, open_radio

if TYPE_CHECKING:
    from s20.drivers.linux import LinuxDrivers, LinuxOptions

__all__ = ["PLATFORMS", "Platform", "PlatformUnavailable", "open_platform", "sim_platform"]

log = logging.getLogger(__name__)

PLATFORMS = ("sim", "linux")


class PlatformUnavailable(Exception):
    """The host lacks what the platform needs; `problems` says what, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Platform:
    """The machine the device runs on, as the services see it: drivers and the radio.

    Services get the drivers they need, never the platform. To add a driver: declare
    its protocol in `s20.drivers`, give it a field here, build it in `sim_platform` (and
    in the Linux platform), and hand it to its service in `Device._services`.
    `system` holds the system drivers (facts, time, log, firmware, restart); they go to
    the `SystemService` that `Device.__init__` builds once and keeps across restarts. On
    the simulated platform they keep the firmware state in the device's state directory.
    `world` is the simulation behind the `sim` drivers (None on real hardware); its
    control surface, `/sim/*`, comes in `routers`, so the API never asks which
    platform it serves. `linux` holds the Linux platform's drivers and their bus.
    """

    name: str
    link: RadioLink
    ethernet: EthernetDriver
    wifi: WifiDriver
    ping: PingDriver
    routes: RouteDriver
    system: SystemDrivers
    world: World | None = None
    routers: tuple[APIRouter, ...] = ()
    linux: LinuxDrivers | None = None

    async def close(self) -> None:
        """Close the radio (and the Linux platform's bus connection)."""
        await self.link.close()
        if self.linux is not None:
            self.linux.bus.close()


def sim_platform(link: RadioLink, world: World, clock: Clock, state_dir: Path) -> Platform:
    """Build the simulated platform around `link`: uplinks from `world`, `/sim/*` routes.

    The system drivers keep their state (the installed firmware) in `state_dir`.
    """
    ethernet = SimEthernet(world.uplinks)
    # Scans and connects are the world's timers: `--sim-speed` speeds them with the radio's.
    wifi = SimWifi(world.uplinks, world.clock or clock)
    ping = SimPing(world.uplinks, clock, ethernet, wifi)
    system = simulated_system(state_dir)
    return Platform("sim", link, ethernet, wifi, ping, SimRoutes(), system, world, (router,))


def otbr_socket(thread_iface: str) -> str:
    """Return the radio URL of otbr-agent's CLI socket for the Thread interface."""
    return f"unix:/run/openthread-{thread_iface}.sock"


async def linux_platform(
    radio_url: str, clock: Clock, state_dir: Path, options: LinuxOptions
) -> Platform:
    """Build the Linux platform: NetworkManager, systemd and the host, and the radio.

    Every problem found before start (no otbr-agent socket, no NetworkManager, a missing
    interface, a refused permission) is raised at once in a `PlatformUnavailable`.
    """
    from s20.drivers.linux import Bus, check_linux, linux_drivers  # dbus-fast: linux only

    bus = Bus(options.bus_address)
    parsed = parse_radio_url(radio_url)
    socket = Path(parsed.path) if parsed.scheme == "unix" else None
    try:
        problems = await check_linux(bus, options, socket)
        if problems:
            raise PlatformUnavailable(problems)
        drivers = linux_drivers(options, clock, bus)
        world = World.default()  # only a `sim:` radio's neighbourhood lives in it
        link = await open_radio(radio_url, clock, world)
    except BaseException:
        bus.close()
        raise
    log.info("linux platform: %s, %s", options.eth_iface, options.wifi_iface)
    return Platform(
        "linux",
        link,
        drivers.ethernet,
        drivers.wifi,
        drivers.ping,
        drivers.routes,
        drivers.system,
        linux=drivers,
    )


async def open_platform(
    radio_url: str,
    clock: Clock,
    state_dir: Path,
    *,
    sim_speed: float = 1.0,
    linux: LinuxOptions | None = None,
) -> Platform:
    """Build the platform for `radio_url`, its drivers keeping their state in `state_dir`.

    With `linux` options, the Linux platform. Otherwise the simulated one: its uplinks
    are simulated even when the Thread radio is real (`unix:`, `exec:`, `serial:`). A
    `sim:FILE` radio reads its world, uplinks included, from that scenario file; any
    other from the built-in one.
    """
    if linux is not None:
        return await linux_platform(radio_url, clock, state_dir, linux)
    parsed = parse_radio_url(radio_url)
    scenario = parsed.path if parsed.scheme == "sim" else ""
    world = World.load(Path(scenario)) if scenario else World.default()
    link = await open_radio(radio_url, clock, world, sim_speed=sim_speed)
    if not link.simulated:
        world.bind(clock)
    return sim_platform(link, world, clock, state_dir)
