"""The platform: one implementation of every driver plus the Thread radio, built here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter

from s20.api.sim import router
from s20.clock import Clock
from s20.drivers import EthernetDriver, PingDriver, SystemDrivers, WifiDriver, simulated_system
from s20.otcli import parse_radio_url
from s20.sim import SimEthernet, SimPing, SimWifi, World

from .radio import RadioLink, open_radio

__all__ = ["Platform", "open_platform", "sim_platform"]


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
    platform it serves.
    """

    name: str
    link: RadioLink
    ethernet: EthernetDriver
    wifi: WifiDriver
    ping: PingDriver
    system: SystemDrivers
    world: World | None = None
    routers: tuple[APIRouter, ...] = ()

    async def close(self) -> None:
        """Close the radio."""
        await self.link.close()


def sim_platform(link: RadioLink, world: World, clock: Clock, state_dir: Path) -> Platform:
    """Build the simulated platform around `link`: uplinks from `world`, `/sim/*` routes.

    The system drivers keep their state (the installed firmware) in `state_dir`.
    """
    ethernet = SimEthernet(world.uplinks)
    # Scans and connects are the world's timers: `--sim-speed` speeds them with the radio's.
    wifi = SimWifi(world.uplinks, world.clock or clock)
    ping = SimPing(world.uplinks, clock, ethernet, wifi)
    system = simulated_system(state_dir)
    return Platform("sim", link, ethernet, wifi, ping, system, world, (router,))


async def open_platform(
    radio_url: str, clock: Clock, state_dir: Path, *, sim_speed: float = 1.0
) -> Platform:
    """Build the platform for `radio_url`, its drivers keeping their state in `state_dir`.

    Only the simulated platform exists yet: its uplinks are simulated even when the
    Thread radio is real (`unix:`, `exec:`, `serial:`). A `sim:FILE` radio reads its
    world, uplinks included, from that scenario file; any other from the built-in one.
    """
    parsed = parse_radio_url(radio_url)
    scenario = parsed.path if parsed.scheme == "sim" else ""
    world = World.load(Path(scenario)) if scenario else World.default()
    link = await open_radio(radio_url, clock, world, sim_speed=sim_speed)
    if not link.simulated:
        world.bind(clock)
    return sim_platform(link, world, clock, state_dir)
