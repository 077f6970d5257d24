"""Helpers for the uplink tests: a logged-in client over the app, on the manual clock."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar

import httpx2 as httpx
import pytest
from fastapi import FastAPI

from s20.client import AsyncS20Client
from s20.clock import ManualClock
from tests.conftest import PASSWORD

__all__ = ["client", "settle", "wait_until"]

T = TypeVar("T")
STEP = 0.25


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncS20Client]:
    """The real client, initialized and logged in, talking to the app in process."""
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50001))
    async with AsyncS20Client("http://s20.local", transport=transport) as api:
        await api.set_init(PASSWORD)
        await api.login(PASSWORD)
        yield api


async def settle(clock: ManualClock, call: Awaitable[T], limit: float = 30.0) -> T:
    """Await `call`, moving the clock in small steps until it is answered."""
    task = asyncio.ensure_future(call)
    await clock.advance_async(0)
    waited = 0.0
    while not task.done():
        assert waited < limit, f"no answer within {limit} s of clock time"
        await clock.advance_async(STEP)
        waited += STEP
    return await task


async def wait_until(
    clock: ManualClock,
    read: Callable[[], Awaitable[T]],
    done: Callable[[T], bool],
    limit: float = 30.0,
) -> T:
    """Read every half second of clock time until `done(result)`; return that result."""
    waited = 0.0
    while not done(result := await read()):
        assert waited < limit, f"not there after {limit} s: {result}"
        await clock.advance_async(0.5)
        waited += 0.5
    return result
