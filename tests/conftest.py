"""Fixtures shared by every test: a manual clock, a device on a temp database, its API."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from hypothesis import settings

from s20.api import create_app
from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.daemon.platform import open_platform
from s20.store import Database

PASSWORD = "goodlife-2026"

# In CI, property tests replay a fixed set of examples, so a landing run is reproducible;
# on a developer's machine they explore new ones every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.in_dir(tmp_path / "state")
    yield database
    database.close()


@pytest.fixture
async def device(db: Database, clock: ManualClock) -> AsyncIterator[Device]:
    """A device whose radio is the simulated node, all on the manual clock."""
    platform = await open_platform("sim:", clock, db.path.parent)
    dev = Device(db, clock, platform)
    await dev.start()
    yield dev
    await dev.close()


@pytest.fixture
def app(device: Device) -> FastAPI:
    return create_app(device, device.routers())


# Every app declares the same document, and making it is slow (pydantic builds each
# schema): one per test process is enough for tests that only read it.
_DOCUMENT: dict[str, Any] = {}


@pytest.fixture
def openapi_document(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document the app serves, made once per test process."""
    if not _DOCUMENT:
        _DOCUMENT.update(app.openapi())
    return _DOCUMENT


@pytest.fixture
async def api(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://s20.local") as client:
        yield client


async def call(
    api: httpx.AsyncClient,
    method: str,
    path: str,
    body: object = None,
    token: str | None = None,
) -> dict[str, object]:
    """Send one API request; return the decoded envelope."""
    headers = {"Token": token} if token else {}
    if method == "GET":
        response = await api.get(path, headers=headers)
    else:
        response = await api.post(path, json=body if body is not None else {}, headers=headers)
    data = response.json()
    assert isinstance(data, dict)
    return data
