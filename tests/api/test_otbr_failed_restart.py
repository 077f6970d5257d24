"""A restart or reset whose new Thread service the radio refuses leaves a working device."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx2 as httpx
import pytest

from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.otcli import Connection
from s20.sim import Personality, VirtualNode, World
from tests.api.helpers import init_and_login, login, ok_result
from tests.api.radios import CountingRadio, RefusingConnection, api_for, filtered_platform
from tests.conftest import call


class _Refusals:
    """Refuse the next `left` TX power settings (the first step of every bring-up)."""

    def __init__(self) -> None:
        self.left = 0

    def __call__(self, line: bytes) -> bool:
        if self.left and line.startswith(b"txpower "):
            self.left -= 1
            return True
        return False


Setup = tuple[httpx.AsyncClient, Device, _Refusals, CountingRadio]


@pytest.fixture
async def refusing(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Setup]:
    refusals = _Refusals()

    def wrap(inner: Connection) -> Connection:
        return RefusingConnection(inner, refusals, b"Error 13: InvalidState")

    node = VirtualNode(World(), clock, personality=Personality.BORDER_ROUTER)
    platform = await filtered_platform(node, clock, wrap, "sim-refusing:", tmp_path)
    assert isinstance(platform.link.radio, CountingRadio)
    async with api_for(platform, tmp_path, clock) as (api, device):
        yield api, device, refusals, platform.link.radio


async def _leader(api: httpx.AsyncClient, clock: ManualClock) -> str:
    token = await init_and_login(api)
    await ok_result(api, token, "POST", "/otbr/start")
    await clock.advance_async(10)
    assert (await ok_result(api, token, "GET", "/otbr/get_status"))["RCP"]["State"] == 4
    return token


async def test_restart_refused_once_is_tried_again(refusing: Setup, clock: ManualClock) -> None:
    api, _device, refusals, radio = refusing
    token = await _leader(api, clock)
    assert radio.listeners == 2  # one service: its events and its reconnects
    refusals.left = 1
    assert await call(api, "POST", "/sys/restart", token=token) == {"code": 0, "result": {}}
    assert refusals.left == 0
    # The second try started: new services, so the session ended with the old ones.
    assert (await call(api, "GET", "/otbr/get_status", token=token))["code"] == -1
    token = await login(api)
    await clock.advance_async(2)
    assert (await ok_result(api, token, "GET", "/otbr/get_status"))["RCP"]["State"] == 4
    info = await ok_result(api, token, "GET", "/sys/get_info")
    assert info["thread_nwk_status"] == 1
    assert radio.listeners == 2


async def test_restart_refused_twice_keeps_the_old_services_following_the_radio(
    refusing: Setup, clock: ManualClock
) -> None:
    api, dev, refusals, radio = refusing
    token = await _leader(api, clock)
    refusals.left = 2
    assert await call(api, "POST", "/sys/restart", token=token) == {"code": 0, "result": {}}
    assert refusals.left == 0
    # The old services are back: the session still works, and only they listen.
    assert (await ok_result(api, token, "GET", "/otbr/get_status"))["RCP"]["State"] == 4
    assert (await ok_result(api, token, "GET", "/sys/get_info"))["thread_nwk_status"] == 1
    assert radio.listeners == 2
    # And they follow the radio: after another client changed it, the stored state returns.
    intruder = await dev.link.cli.transport.connect()
    await intruder.write(b"txpower 12\n")
    await intruder.close()
    for _ in range(10):
        await clock.advance_async(1)
        await ok_result(api, token, "GET", "/otbr/get_bbr_status")
    assert (await ok_result(api, token, "GET", "/otbr/get_status"))["RCP"]["TXPower"] == 6


async def test_reset_refused_once_ends_uninitialized_and_working(
    refusing: Setup, clock: ManualClock
) -> None:
    api, _device, refusals, radio = refusing
    token = await _leader(api, clock)
    refusals.left = 1
    assert await call(api, "POST", "/sys/reset", token=token) == {"code": 0, "result": {}}
    assert refusals.left == 0
    token = await init_and_login(api)
    status = await ok_result(api, token, "GET", "/otbr/get_status")
    assert status["RCP"]["State"] == 0
    assert status["Network"]["Passphrase"] == "goodlife"
    assert (await ok_result(api, token, "GET", "/sys/get_info"))["thread_nwk_status"] == 0
    assert radio.listeners == 2
