"""Bring a test device into the states the conformance checks call it in."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable
from typing import Any

import httpx2 as httpx

from s20.clock import ManualClock
from tests.api.helpers import init_and_login

__all__ = ["JOINER_EUI64", "JOINER_PSKD", "Caller", "State"]

# The light bulb of the simulated default neighbourhood (src/s20/sim/default_scenario.toml).
JOINER_EUI64, JOINER_PSKD = "18b4300000000101", "J01NME"
# Longer than any request should need, in clock seconds: a scan takes about 5.
REQUEST_LIMIT = 60.0
STEP = 0.25


class State(enum.Enum):
    """How far the device is set up before the call under test."""

    UNINITIALIZED = "uninitialized"  # fresh from the factory: no password, no token
    IDLE = "idle"  # initialized and logged in, one joiner in the table, Thread off
    LEADER = "leader"  # IDLE, then Thread on as Leader with the commissioner active


class Caller:
    """One API client on the manual clock, holding its session token."""

    def __init__(self, api: httpx.AsyncClient, clock: ManualClock) -> None:
        self.api, self.clock = api, clock
        self.token: str | None = None

    async def send(self, method: str, path: str, body: object = None) -> httpx.Response:
        """Send one request and wait for its answer, moving the clock."""
        headers = {"Token": self.token} if self.token else {}
        if method == "GET":
            request = self.api.get(path, headers=headers)
        elif isinstance(body, bytes):  # a raw body, such as an uploaded PEM
            request = self.api.post(path, content=body, headers=headers)
        else:
            request = self.api.post(path, json={} if body is None else body, headers=headers)
        return await self.settle(request, f"{method} {path}")

    async def settle(self, request: Awaitable[httpx.Response], what: str) -> httpx.Response:
        """Await `request`, moving the clock until it is answered (a scan waits on the radio)."""
        task = asyncio.ensure_future(request)
        await self.clock.advance_async(0)  # most answers need no clock time at all
        waited = 0.0
        while not task.done():
            assert waited < REQUEST_LIMIT, f"{what}: no answer in {REQUEST_LIMIT} s"
            await self.clock.advance_async(STEP)
            waited += STEP
        return await task

    async def ok(self, method: str, path: str, body: object = None) -> dict[str, Any]:
        """Send one request; assert the success envelope (docs/contract.md §1); return `result`."""
        response = await self.send(method, path, body)
        assert response.status_code == 200, (method, path, response.status_code, response.text)
        data = response.json()
        assert isinstance(data, dict), (method, path, data)
        assert set(data) == {"code", "result"}, (method, path, data)
        assert data["code"] == 0, (method, path, data)
        assert type(data["code"]) is int, (method, path, data)
        result = data["result"]
        assert isinstance(result, dict), (method, path, data)
        return result

    async def enter(self, state: State) -> None:
        """Set the device up as `state` describes."""
        if state is State.UNINITIALIZED:
            return
        self.token = await init_and_login(self.api)
        await self.ok("POST", "/otbr/add_joiner", {"EUI64": JOINER_EUI64, "PSKd": JOINER_PSKD})
        if state is State.LEADER:
            await self.ok("POST", "/otbr/start")
            await self.wait_for("GET", "/otbr/get_status", lambda r: r["RCP"]["State"] == 4)
            await self.ok("POST", "/otbr/set_commissioning", {"Enable": True})
            await self.wait_for("GET", "/otbr/get_commissioning_status", lambda r: r["State"] == 1)

    async def wait_for(
        self, method: str, path: str, done: Callable[[dict[str, Any]], bool], limit: float = 20.0
    ) -> None:
        """Poll `path` every half second (which keeps the session alive) until `done(result)`."""
        waited = 0.0
        while not done(await self.ok(method, path)):
            assert waited < limit, f"{path}: not there after {limit} s"
            await self.clock.advance_async(0.5)
            waited += 0.5
