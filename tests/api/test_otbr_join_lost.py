"""A join whose result line is lost still ends (the watchdog on the device clock)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx2 as httpx
import pytest

from s20.clock import ManualClock
from s20.otcli import Connection
from s20.sim import Personality, VirtualNode, World
from tests.api.helpers import init_and_login
from tests.api.radios import api_for, filtered_platform
from tests.conftest import call

# `Join success` / `Join failed [Reason]` (transcripts 06, 07), with a pending prompt.
_RESULT = re.compile(rb"(?:> )?Join (?:success|failed \[[A-Za-z]+\])\r\n")


class _LosesJoinResults:
    """The simulated node's session, except that join results never arrive."""

    def __init__(self, inner: Connection) -> None:
        self._inner = inner

    async def read(self) -> bytes:
        while data := await self._inner.read():
            if data := _RESULT.sub(b"", data):
                return data
        return b""

    async def write(self, data: bytes) -> None:
        await self._inner.write(data)

    async def close(self) -> None:
        await self._inner.close()


@pytest.fixture
async def api_lossy(tmp_path: Path, clock: ManualClock) -> AsyncIterator[httpx.AsyncClient]:
    world = World()
    world.add_network(
        "Neighbour", bytes.fromhex("dead00beef00cafe"), 0x1234, 15, -45, 200, pskd="NE1GHB0R"
    )
    node = VirtualNode(world, clock, personality=Personality.BORDER_ROUTER)
    platform = await filtered_platform(
        node, clock, _LosesJoinResults, "sim-losing-join-results:", tmp_path
    )
    async with api_for(platform, tmp_path, clock) as (api, _device):
        yield api


async def test_lost_join_result_ends_the_attempt(
    api_lossy: httpx.AsyncClient, clock: ManualClock
) -> None:
    api = api_lossy
    token = await init_and_login(api)
    body = {"CredentialType": "pskdType", "PSKd": "NE1GHB0R"}
    assert (await call(api, "POST", "/otbr/join", body, token=token))["code"] == 0
    waited = 0.0
    status: dict[str, object] = {}
    while waited < 95:
        await clock.advance_async(1)
        waited += 1
        status = (await call(api, "POST", "/otbr/get_join_status", {}, token=token))["result"]  # type: ignore[assignment]
        if status["status"] == 6:
            break
        assert (await call(api, "POST", "/otbr/join", body, token=token))["code"] == -32011
    assert status == {"status": 6, "fail_msg": "NoResponse"}
    assert waited >= 90  # the watchdog gives a join result 90 s
    await asyncio.sleep(0)
    # The device is free to try again.
    assert (await call(api, "POST", "/otbr/join", body, token=token))["code"] == 0
