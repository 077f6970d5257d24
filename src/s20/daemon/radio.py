"""Open the Thread radio named by a radio URL: the simulated node, or a real OpenThread."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from s20.clock import Clock
from s20.otcli import OtCli, Radio, RadioError, Transport, open_transport, parse_radio_url
from s20.sim import Personality, ScaledClock, SimTransport, VirtualNode, World

__all__ = ["RadioLink", "open_radio"]

log = logging.getLogger(__name__)


@dataclass
class RadioLink:
    """The radio a device drives; `world` is set when it is the in-process simulation."""

    url: str
    cli: OtCli
    radio: Radio
    world: World | None = None

    async def close(self) -> None:
        """Close the CLI session (and with it the child process or socket)."""
        with contextlib.suppress(RadioError):
            await self.cli.close()


async def open_radio(url: str, clock: Clock, *, sim_speed: float = 1.0) -> RadioLink:
    """Connect to the radio at `url` (`sim:`, `sim:FILE`, `unix:`, `exec:`, `serial:`).

    The simulated node runs on `clock`, sped up by `sim_speed` (for demos and tests);
    the device's own timers always run on `clock` itself.
    """
    parsed = parse_radio_url(url)
    world: World | None = None
    transport: Transport
    if parsed.scheme == "sim":
        world = World.load(Path(parsed.path)) if parsed.path else World.default()
        node_clock = clock if sim_speed == 1.0 else ScaledClock(clock, sim_speed)
        transport = SimTransport(
            VirtualNode(world, node_clock, personality=Personality.BORDER_ROUTER)
        )
    else:
        transport = open_transport(parsed)
    cli = OtCli(transport, clock)
    await cli.start()
    log.info("thread radio: %s", parsed)
    return RadioLink(str(parsed), cli, Radio(cli), world)
