"""Devices over unusual radios, for API tests: the sim node seen through a filter."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx2 as httpx

from s20.api import create_app
from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.daemon.platform import Platform, sim_platform
from s20.daemon.radio import RadioLink
from s20.otcli import Connection, OtCli, Radio
from s20.sim import SimTransport, VirtualNode
from s20.store import Database

__all__ = ["FilteredTransport", "api_for", "filtered_platform"]


class FilteredTransport:
    """The simulated node's transport, each session wrapped by `wrap`."""

    def __init__(
        self, node: VirtualNode, wrap: Callable[[Connection], Connection], description: str
    ) -> None:
        self._inner = SimTransport(node)
        self._wrap = wrap
        self.description = description

    async def connect(self) -> Connection:
        return self._wrap(await self._inner.connect())


async def filtered_platform(
    node: VirtualNode, clock: ManualClock, wrap: Callable[[Connection], Connection], name: str
) -> Platform:
    """The simulated platform, its CLI client talking to `node` through `wrap`."""
    cli = OtCli(FilteredTransport(node, wrap, name), clock)
    await cli.start()
    return sim_platform(RadioLink(name, cli, Radio(cli), simulated=True), node.world, clock)


@asynccontextmanager
async def api_for(
    platform: Platform, state: Path, clock: ManualClock
) -> AsyncIterator[tuple[httpx.AsyncClient, Device]]:
    """Run a device on `platform` with its database in `state`; yield an API client and it."""
    db = Database.in_dir(state)
    device = Device(db, clock, platform)
    await device.start()
    app = create_app(device, device.routers())
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 1))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as api:
            yield api, device
    finally:
        await device.close()
        db.close()
