"""The radio is brought to the stored state at start and after a reconnect, whatever it was."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx2 as httpx

from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.otcli import Connection, OtCli
from s20.sim import Personality, SimTransport, VirtualNode, World
from tests.api.helpers import init_and_login, login, ok_result
from tests.api.radios import api_for, filtered_platform
from tests.conftest import call


def _as_is(inner: Connection) -> Connection:
    return inner


def _agent(clock: ManualClock) -> VirtualNode:
    """A simulated otbr-agent, which outlives every s20d that drives it here."""
    return VirtualNode(World(), clock, personality=Personality.BORDER_ROUTER)


@asynccontextmanager
async def _s20d(
    node: VirtualNode, clock: ManualClock, state: Path
) -> AsyncIterator[tuple[httpx.AsyncClient, Device]]:
    """Run s20d, its state in `state`, over the agent `node`; yield an API client and it."""
    platform = await filtered_platform(node, clock, _as_is, "sim-agent:", state)
    async with api_for(platform, state, clock) as running:
        yield running


async def _meddle(node: VirtualNode, clock: ManualClock, *lines: str) -> None:
    """Type CLI lines into the node as another client would, with no s20d running."""
    cli = OtCli(SimTransport(node), clock)
    await cli.start()
    try:
        for line in lines:
            await cli.command(*line.split())
        await clock.advance_async(10)
    finally:
        await cli.close()


async def _radio_state(api: httpx.AsyncClient, token: str) -> dict[str, Any]:
    status = await ok_result(api, token, "GET", "/otbr/get_status")
    return {
        "State": status["RCP"]["State"],
        "TXPower": status["RCP"]["TXPower"],
        "NetworkName": status["Network"]["NetworkName"],
        "BBR": (await ok_result(api, token, "GET", "/otbr/get_bbr_status"))["State"],
        "Commissioner": (await ok_result(api, token, "GET", "/otbr/get_commissioning_status"))[
            "State"
        ],
    }


async def test_fresh_start_turns_off_the_bbr_otbr_agent_turned_on(
    tmp_path: Path, clock: ManualClock
) -> None:
    node = _agent(clock)
    # otbr-agent enables its backbone router at startup: Secondary, even with Thread off.
    await _meddle(node, clock, "bbr enable")
    assert node.bbr.state == "Secondary"
    async with _s20d(node, clock, tmp_path) as (api, _device):
        token = await init_and_login(api)
        assert await ok_result(api, token, "GET", "/otbr/get_bbr_status") == {"State": 0}
    assert node.bbr.state == "Disabled"


async def test_start_turns_off_what_is_stored_off(tmp_path: Path, clock: ManualClock) -> None:
    node = _agent(clock)
    async with _s20d(node, clock, tmp_path) as (api, _device):
        token = await init_and_login(api)
        stored = await _radio_state(api, token)
    assert stored["State"] == 0
    # Meanwhile another client runs Thread on the stored network with everything on.
    await _meddle(node, clock, "txpower 12", "ifconfig up", "thread start")
    await _meddle(node, clock, "commissioner start", "bbr enable")
    assert node.bbr.state == "Primary"
    async with _s20d(node, clock, tmp_path) as (api, _device):
        token = await login(api)
        assert await _radio_state(api, token) == stored


async def test_start_turns_on_what_is_stored_on(tmp_path: Path, clock: ManualClock) -> None:
    node = _agent(clock)
    async with _s20d(node, clock, tmp_path) as (api, _device):
        token = await init_and_login(api)
        await ok_result(api, token, "POST", "/otbr/start")
        await clock.advance_async(10)
        for path in ("/otbr/set_commissioning", "/otbr/enable_bbr"):
            body = {"Enable": True} if path.endswith("commissioning") else {}
            assert (await call(api, "POST", path, body, token=token))["code"] == 0
        await clock.advance_async(2)
        stored = await _radio_state(api, token)
    assert stored == {
        "State": 4,
        "TXPower": 6,
        "NetworkName": stored["NetworkName"],
        "BBR": 1,
        "Commissioner": 1,
    }
    # Meanwhile another client turns everything off and puts another network on.
    await _meddle(
        node,
        clock,
        "bbr disable",
        "thread stop",
        "ifconfig down",
        "txpower 0",
        "dataset init new",
        "dataset networkname Elsewhere",
        "dataset commit active",
    )
    assert node.bbr.state == "Disabled"
    async with _s20d(node, clock, tmp_path) as (api, _device):
        token = await login(api)
        for _ in range(40):  # a node attached before looks for its partition before leading
            await clock.advance_async(1)
            await ok_result(api, token, "GET", "/otbr/get_bbr_status")
        assert await _radio_state(api, token) == stored


async def test_reconnect_turns_off_what_another_client_turned_on(
    tmp_path: Path, clock: ManualClock
) -> None:
    node = _agent(clock)
    async with _s20d(node, clock, tmp_path) as (api, device):
        token = await init_and_login(api)
        await ok_result(api, token, "POST", "/otbr/start")
        await clock.advance_async(10)
        stored = await _radio_state(api, token)
        assert stored["State"] == 4
        # Another client takes the CLI session (the device reconnects) and changes things.
        intruder = await device.link.cli.transport.connect()
        for line in (b"txpower 12\n", b"commissioner start\n", b"bbr enable\n"):
            await intruder.write(line)
        await intruder.close()
        for _ in range(10):
            await clock.advance_async(1)
            await ok_result(api, token, "GET", "/otbr/get_bbr_status")
        assert await _radio_state(api, token) == stored
        assert node.bbr.state == "Disabled"
