"""Pollers share radio reads: many concurrent polls cost one round of CLI commands."""

from __future__ import annotations

import asyncio
from pathlib import Path

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


async def test_concurrent_info_polls_share_one_radio_read(
    tmp_path: Path, clock: ManualClock
) -> None:
    lines: list[bytes] = []
    node = VirtualNode(World(), clock, personality=Personality.BORDER_ROUTER)
    platform = await filtered_platform(
        node, clock, lambda c: _Counting(c, lines), "counted:", tmp_path
    )
    async with api_for(platform, tmp_path, clock) as (api, _device):
        token = await init_and_login(api)
        lines.clear()
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
