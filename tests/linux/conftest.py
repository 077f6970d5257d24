"""The D-Bus doubles, shared by a module's tests (each fresh interpreter costs time)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest

from s20.drivers.linux import Bus

from .doubles import Doubles, need_tools, running_doubles
from .furnish import furnish, furnish_systemd


@pytest.fixture(scope="module")
def doubles() -> Iterator[Doubles]:
    """NetworkManager (furnished), timedated, logind and systemd on a private bus."""
    need_tools()
    with running_doubles() as running:

        async def setup() -> None:
            bus = Bus(running.address)
            try:
                await furnish(bus)
                await furnish_systemd(bus)
            finally:
                bus.close()

        asyncio.run(setup())
        yield running


@pytest.fixture
async def bus(doubles: Doubles) -> AsyncIterator[Bus]:
    """A connection to the doubles' bus, for one test."""
    connection = Bus(doubles.address)
    yield connection
    connection.close()
