"""The polled GETs answered ahead of the framework say exactly what the framework says."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from s20.daemon.device import Device
from tests.api.helpers import challenge, expected_hash, init_and_login
from tests.conftest import PASSWORD

BASE = "http://s20.local"


@pytest.fixture
async def framework(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the same app's whole stack, with nothing answered ahead of it."""

    async def full(scope: Scope, receive: Receive, send: Send) -> None:
        await FastAPI.__call__(app, scope, receive, send)

    transport = httpx.ASGITransport(app=full, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
        yield client


def _answer(response: httpx.Response) -> tuple[int, list[tuple[str, str]], bytes]:
    return response.status_code, sorted(response.headers.items()), response.content


async def _both(
    api: httpx.AsyncClient, framework: httpx.AsyncClient, path: str, **headers: str
) -> tuple[int, list[tuple[str, str]], bytes]:
    hot = _answer(await api.get(path, headers=headers))
    assert hot == _answer(await framework.get(path, headers=headers)), path
    return hot


async def test_the_hot_answers_are_the_frameworks_byte_for_byte(
    api: httpx.AsyncClient, framework: httpx.AsyncClient
) -> None:
    before = await _both(api, framework, "/ui/check_initialized")
    assert b'"initialized":false' in before[2]
    no_token = await _both(api, framework, "/otbr/get_status")
    assert no_token[2].startswith(b'{"code":-32004,')

    token = await init_and_login(api)
    after = await _both(api, framework, "/ui/check_initialized")
    assert b'"initialized":true' in after[2]
    for value in ("", "  ", "not-a-session", f" {token}\t"):
        await _both(api, framework, "/otbr/get_status", Token=value)
    status, headers, body = await _both(api, framework, "/otbr/get_status", Token=token)
    assert status == 200
    assert body.startswith(b'{"code":0,"result":{"OpenThreadVersionAPI":')
    assert ("content-type", "application/json") in headers

    # A refused Host is the guard's answer on either path; other methods are the router's.
    refused = await _both(api, framework, "/ui/check_initialized", Host="evil.example")
    assert refused[0] == 421
    for method in ("POST", "HEAD"):
        response = await api.request(method, "/otbr/get_status")
        assert _answer(response) == _answer(await framework.request(method, "/otbr/get_status"))
        assert response.status_code == 405


async def test_a_challenge_ahead_of_the_framework_is_a_live_nonce(
    api: httpx.AsyncClient, framework: httpx.AsyncClient
) -> None:
    await init_and_login(api)
    hot, full = await api.get("/ui/challenge"), await framework.get("/ui/challenge")
    assert sorted(hot.json()["result"]) == sorted(full.json()["result"]) == ["alg", "nonce", "salt"]
    assert hot.json()["result"]["nonce"] != full.json()["result"]["nonce"]
    assert hot.headers["content-type"] == full.headers["content-type"] == "application/json"


async def test_an_unexpected_failure_on_a_hot_route_is_the_internal_error_envelope(
    api: httpx.AsyncClient, device: Device, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = await init_and_login(api)

    async def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(device.thread, "get_status", broken)
    response = await api.get("/otbr/get_status", headers={"Token": token})
    assert response.json() == {"code": -32020, "err_msg": "internal error; see the device log"}


async def test_a_login_ahead_of_the_framework_is_the_frameworks_login(
    api: httpx.AsyncClient, framework: httpx.AsyncClient
) -> None:
    await init_and_login(api)
    for body in (b"", b"{", b"[1]", b'{"username": "root"}', b'{"username": 1, "hash": "x"}'):
        refused = _answer(await api.post("/ui/login", content=body))
        assert refused == _answer(await framework.post("/ui/login", content=body)), body
        assert refused[2].startswith(b'{"code":-32')
    large = {"Content-Length": str(2 << 20)}
    hot = await api.post("/ui/login", content=b"{}", headers=large)
    full = await framework.post("/ui/login", content=b"{}", headers=large)
    assert _answer(hot) == _answer(full)
    assert (hot.status_code, hot.headers["connection"]) == (413, "close")
    wrong = {"username": "root", "hash": "0" * 32}
    hot, full = (
        await api.post("/ui/login", json=wrong),
        await framework.post("/ui/login", json=wrong),
    )
    assert _answer(hot) == _answer(full)
    assert hot.json()["code"] == -32000

    for client in (api, framework):
        issued = await challenge(client)
        digest = expected_hash(PASSWORD, str(issued["salt"]), str(issued["nonce"]))
        sid = (await client.post("/ui/login", json={"username": "root", "hash": digest})).json()
        status = await api.get("/otbr/get_status", headers={"Token": sid["result"]["sid"]})
        assert status.json()["code"] == 0

    # A browser's cross-site POST goes through the whole stack, and the guard refuses it.
    cross = {"Origin": "http://evil.example"}
    hot = await api.post("/ui/login", json=wrong, headers=cross)
    assert _answer(hot) == _answer(await framework.post("/ui/login", json=wrong, headers=cross))
    assert hot.status_code == 403
