"""Open the Thread radio named by a radio URL: the simulated node, or a real OpenThread."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

from s20.clock import Clock
from s20.otcli import OtCli, Radio, RadioError, Transport, open_transport, parse_radio_url
from s20.sim import Personality, ScaledClock, SimTransport, VirtualNode, World

__all__ = ["RadioLink", "open_radio"]

log = logging.getLogger(__name__)


@dataclass
class RadioLink:
    """The radio a device drives; `simulated` when it is a node of the in-process world."""

    url: str
    cli: OtCli
    radio: Radio
    simulated: bool = False

    async def close(self) -> None:
        """Close the CLI session (and with it the child process or socket)."""
        with contextlib.suppress(RadioError):
            await self.cli.close()


async def open_radio(url: str, clock: Clock, world: World, *, sim_speed: float = 1.0) -> RadioLink:
    """Connect to the radio at `url` (`sim:`, `sim:FILE`, `unix:`, `exec:`, `serial:`).

    A `sim:` radio is a node of `world`, running on `clock` sped up by `sim_speed` (for
    demos and tests); the device's own timers always run on `clock` itself.
    """
    parsed = parse_radio_url(url)
    transport: Transport
    if parsed.scheme == "sim":
        node_clock = clock if sim_speed == 1.0 else ScaledClock(clock, sim_speed)
        transport = SimTransport(
            VirtualNode(world, node_clock, personality=Personality.BORDER_ROUTER)
        )
    else:
        transport = open_transport(parsed)
    cli = OtCli(transport, clock)
    await cli.start()
    log.info("thread radio: %s", parsed)
    return RadioLink(str(parsed), cli, Radio(cli), simulated=parsed.scheme == "sim")
