"""Devices over unusual radios, for API tests: the sim node seen through a filter."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx2 as httpx

from s20.api import create_app
from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.daemon.radio import RadioLink
from s20.otcli import Connection, OtCli, Radio
from s20.sim import SimTransport, VirtualNode
from s20.store import Database

__all__ = ["FilteredTransport", "api_for", "filtered_link"]


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


async def filtered_link(
    node: VirtualNode, clock: ManualClock, wrap: Callable[[Connection], Connection], name: str
) -> RadioLink:
    """Connect a CLI client to `node` through `wrap`, as the daemon would to a radio."""
    cli = OtCli(FilteredTransport(node, wrap, name), clock)
    await cli.start()
    return RadioLink(name, cli, Radio(cli), node.world)


@asynccontextmanager
async def api_for(
    link: RadioLink, state: Path, clock: ManualClock
) -> AsyncIterator[tuple[httpx.AsyncClient, Device]]:
    """Run a device over `link` with its database in `state`; yield an API client and it."""
    db = Database.in_dir(state)
    device = Device(db, clock, link)
    await device.start()
    transport = httpx.ASGITransport(app=create_app(device), client=("127.0.0.1", 1))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t.local") as api:
            yield api, device
    finally:
        await device.close()
        db.close()
