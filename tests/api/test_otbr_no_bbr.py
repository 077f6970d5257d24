"""A radio whose OpenThread build has no BBR (docs/contract.md §4; transcript 11's otbr-agent)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx2 as httpx
import pytest

from s20.clock import ManualClock
from s20.otcli import Connection
from s20.sim import VirtualNode, World
from tests.api.helpers import init_and_login
from tests.api.radios import RefusingConnection, api_for, filtered_platform
from tests.conftest import call


def _without_bbr(inner: Connection) -> Connection:
    """The simulated node, except that `bbr ...` is an unknown command, as on that build."""
    # Transcript 11: `ot-ctl bbr state` on otbr-agent -> "Error 35: InvalidCommand".
    return RefusingConnection(
        inner, lambda line: line.startswith(b"bbr"), b"Error 35: InvalidCommand"
    )


@pytest.fixture
async def api_no_bbr(tmp_path: Path, clock: ManualClock) -> AsyncIterator[httpx.AsyncClient]:
    node = VirtualNode(World(), clock)
    platform = await filtered_platform(node, clock, _without_bbr, "sim-without-bbr:", tmp_path)
    async with api_for(platform, tmp_path, clock) as (api, _device):
        yield api


async def test_bbr_unsupported(api_no_bbr: httpx.AsyncClient, clock: ManualClock) -> None:
    api = api_no_bbr
    token = await init_and_login(api)
    assert await call(api, "GET", "/otbr/get_bbr_status", token=token) == {
        "code": 0,
        "result": {"State": 0},
    }
    assert (await call(api, "POST", "/otbr/start", token=token))["code"] == 0
    await clock.advance_async(10)
    refused = await call(api, "POST", "/otbr/enable_bbr", token=token)
    assert refused["code"] == -32020
    assert "does not support the backbone router" in str(refused["err_msg"])
    assert (await call(api, "GET", "/otbr/get_bbr_status", token=token))["result"] == {"State": 0}
    # Turning off what is not there is not an error.
    assert (await call(api, "POST", "/otbr/disable_bbr", token=token))["code"] == 0
