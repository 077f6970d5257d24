"""Devices over unusual radios, for API tests: the sim node seen through a filter."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx2 as httpx

from s20.api import create_app
from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.daemon.platform import Platform, sim_platform
from s20.daemon.radio import RadioLink
from s20.otcli import Connection, OtCli, Radio, RadioEvent
from s20.sim import SimTransport, VirtualNode
from s20.store import Database

__all__ = [
    "CountingRadio",
    "FilteredTransport",
    "RefusingConnection",
    "api_for",
    "filtered_platform",
]


class RefusingConnection:
    """The simulated node's session, except that commands `refuse` picks get `error`.

    `refuse` sees each command line as written (e.g. b"bbr state\n"); a refused one is
    answered as the OpenThread CLI answers an error, and never reaches the node.
    """

    def __init__(self, inner: Connection, refuse: Callable[[bytes], bool], error: bytes) -> None:
        self._inner = inner
        self._refuse = refuse
        self._error = error
        self._queue: asyncio.Queue[bytes] = asyncio.Queue()
        self._pump = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while data := await self._inner.read():
            self._queue.put_nowait(data)
        self._queue.put_nowait(b"")

    async def read(self) -> bytes:
        return await self._queue.get()

    async def write(self, data: bytes) -> None:
        if self._refuse(data):
            self._queue.put_nowait(data.rstrip(b"\n") + b"\r\n" + self._error + b"\r\n> ")
            return
        await self._inner.write(data)

    async def close(self) -> None:
        self._pump.cancel()
        await self._inner.close()


class CountingRadio(Radio):
    """A radio that counts the listeners (event and reconnect callbacks) still subscribed."""

    def __init__(self, cli: OtCli) -> None:
        super().__init__(cli)
        self.listeners = 0

    def _counted(self, remove: Callable[[], None]) -> Callable[[], None]:
        self.listeners += 1
        removed = False

        def unsubscribe() -> None:
            nonlocal removed
            if not removed:
                removed = True
                self.listeners -= 1
            remove()

        return unsubscribe

    def subscribe(self, callback: Callable[[RadioEvent], None]) -> Callable[[], None]:
        return self._counted(super().subscribe(callback))

    def on_reconnect(self, callback: Callable[[], None]) -> Callable[[], None]:
        return self._counted(super().on_reconnect(callback))


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
    node: VirtualNode,
    clock: ManualClock,
    wrap: Callable[[Connection], Connection],
    name: str,
    state: Path,
) -> Platform:
    """The simulated platform keeping its state in `state`, its CLI talking to `node` via `wrap`."""
    cli = OtCli(FilteredTransport(node, wrap, name), clock)
    await cli.start()
    link = RadioLink(name, cli, CountingRadio(cli), simulated=True)
    return sim_platform(link, node.world, clock, state)


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
        async with httpx.AsyncClient(transport=transport, base_url="http://t.local") as api:
            yield api, device
    finally:
        await device.close()
        db.close()
