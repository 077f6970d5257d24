"""Fixtures: the OTBR REST app over a simulated device, and a way to send it raw requests."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import httpx2 as httpx
import pytest
import uvicorn

from s20.daemon.device import Device
from s20.otbr_rest import OtbrRestApp, create_otbr_rest_app


@pytest.fixture
def rest_app(device: Device) -> OtbrRestApp:
    return create_otbr_rest_app(device)


@pytest.fixture
async def rest(rest_app: OtbrRestApp) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=rest_app, client=("127.0.0.1", 50001))
    async with httpx.AsyncClient(transport=transport, base_url="http://otbr.test") as client:
        yield client


@pytest.fixture
async def blank(device: Device) -> Device:
    """The device with its Thread side erased, as a fresh otbr-agent starts."""
    await device.thread.reset_thread()
    return device


@pytest.fixture
async def rest_url(rest_app: OtbrRestApp) -> AsyncIterator[str]:
    """Serve the app with uvicorn on a loopback port of this event loop; yield its URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(rest_app, log_config=None, lifespan="off", date_header=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task
    sock.close()
