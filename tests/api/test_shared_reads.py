"""Pollers share radio reads: many concurrent polls cost one round of CLI commands."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
import pytest

from s20.clock import ManualClock
from s20.otcli import Connection
from s20.sim import Personality, VirtualNode, World
from tests.api.helpers import init_and_login, ok_result
from tests.api.radios import api_for, filtered_platform


class _Counting:
    """The node's session, counting the command lines s20d writes to it."""

    def __init__(self, inner: Connection, lines: list[bytes]) -> None:
        self._inner = inner
        self._lines = lines

    async def read(self) -> bytes:
        return await self._inner.read()

    async def write(self, data: bytes) -> None:
        self._lines.extend(data.splitlines())
        await self._inner.write(data)

    async def close(self) -> None:
        await self._inner.close()


@dataclass
class Polled:
    """A logged-in API over the simulated node, and the command lines written to it."""

    api: httpx.AsyncClient
    token: str
    node: VirtualNode
    lines: list[bytes]


@pytest.fixture
async def polled(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Polled]:
    lines: list[bytes] = []
    node = VirtualNode(World(), clock, personality=Personality.BORDER_ROUTER)
    platform = await filtered_platform(
        node, clock, lambda c: _Counting(c, lines), "counted:", tmp_path
    )
    async with api_for(platform, tmp_path, clock) as (api, _device):
        token = await init_and_login(api)
        lines.clear()
        yield Polled(api, token, node, lines)


async def test_concurrent_info_polls_share_one_radio_read(
    polled: Polled, clock: ManualClock
) -> None:
    api, token, lines = polled.api, polled.token, polled.lines
    answers = await asyncio.gather(
        *(ok_result(api, token, "GET", "/sys/get_info") for _ in range(20))
    )
    assert all(a["thread_nwk_status"] == 0 for a in answers)
    assert lines.count(b"state") == 1
    assert lines.count(b"commissioner state") == 1

    # A change detaches the read: the next poll asks the radio again, and sees it.
    await ok_result(api, token, "POST", "/otbr/start")
    lines.clear()
    await clock.advance_async(10)
    lines.clear()
    info = await ok_result(api, token, "GET", "/sys/get_info")
    assert info["thread_nwk_status"] == 1
    assert lines.count(b"state") == 1


async def test_status_polls_reuse_one_read_and_a_change_through_the_api_is_in_the_next(
    polled: Polled,
) -> None:
    api, token, lines, node = polled.api, polled.token, polled.lines, polled.node
    for _ in range(10):
        status = await ok_result(api, token, "GET", "/otbr/get_status")
    assert lines.count(b"state") == 1  # ten polls within a second: one radio read
    assert status["RCP"]["TXPower"] == 6

    await ok_result(api, token, "POST", "/otbr/set_txpower", {"TXPower": 3})
    status = await ok_result(api, token, "GET", "/otbr/get_status")
    assert status["RCP"]["TXPower"] == 3
    await ok_result(api, token, "POST", "/otbr/set_config", {"NetworkName": "Fresh"})
    status = await ok_result(api, token, "GET", "/otbr/get_status")
    assert status["Network"]["NetworkName"] == "Fresh"
    assert status["Network"]["ActiveDataset"] == node.current_dataset().to_hex()


async def test_a_role_change_made_by_the_radio_shows_within_one_second(
    polled: Polled, clock: ManualClock
) -> None:
    api, token, node = polled.api, polled.token, polled.node

    async def role() -> int:
        status = await ok_result(api, token, "GET", "/otbr/get_status")
        return int(status["RCP"]["State"])

    await ok_result(api, token, "POST", "/otbr/start")
    for _ in range(30):
        await clock.advance_async(1.0)
        if await role() == 4:
            break
    assert await role() == 4
    assert (await ok_result(api, token, "GET", "/sys/get_info"))["thread_nwk_status"] == 1

    # Another CLI client (ot-ctl) stops Thread: no API call tells the device.
    node.thread_stop()
    await clock.advance_async(1.0)
    status = await ok_result(api, token, "GET", "/otbr/get_status")
    assert status["RCP"]["State"] == 0
    assert status["Network"]["IPv6"] == []
    assert (await ok_result(api, token, "GET", "/sys/get_info"))["thread_nwk_status"] == 0

    # It starts again and is detached at once; half a second on, a poll starts the
    # next read in the background, and once the loop has run it (the polls here never
    # wait for I/O), a poll sees the new role with no more time passing.
    node.thread_start()
    await clock.advance_async(0.5)
    assert await role() == 0
    for _ in range(20):
        await asyncio.sleep(0)
    assert await role() == 1
