"""The client against the app in process: login, Token, re-login on -1, errors."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx2 as httpx
import pytest
from fastapi import FastAPI

from s20.client import AsyncS20Client
from s20.clock import ManualClock
from s20.errors import (
    AccessDenied,
    AlreadyInitialized,
    InvalidParams,
    MethodNotFound,
    S20Error,
    S20ProtocolError,
    S20Unreachable,
    TokenError,
)
from tests.conftest import PASSWORD


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncS20Client]:
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
    async with AsyncS20Client("http://s20.local", transport=transport) as c:
        yield c


async def test_login_and_protected_call(client: AsyncS20Client) -> None:
    assert (await client.check_initialized())["initialized"] is False
    await client.set_init(PASSWORD)
    token = await client.login(PASSWORD)
    assert client.token == token
    assert await client.call("post", "/sys/restart") == {}


async def test_relogin_once_on_expired_session(client: AsyncS20Client, clock: ManualClock) -> None:
    await client.set_init(PASSWORD)
    first = await client.login(PASSWORD)
    clock.advance(36)
    assert await client.call("POST", "/sys/restart") == {}
    assert client.token is not None
    assert client.token != first


async def test_no_password_means_token_error(client: AsyncS20Client) -> None:
    await client.set_init(PASSWORD)
    with pytest.raises(TokenError) as info:
        await client.restart()
    assert info.value.code == -1


async def test_errors_are_rebuilt_with_their_code(client: AsyncS20Client) -> None:
    with pytest.raises(InvalidParams) as info:
        await client.set_init("short")
    assert info.value.code == -32602
    assert "password" in info.value.err_msg
    await client.set_init(PASSWORD)
    with pytest.raises(AlreadyInitialized):
        await client.set_init(PASSWORD)
    with pytest.raises(AccessDenied):
        await client.login("wrong-password")
    with pytest.raises(MethodNotFound):
        await client.call("GET", "/nope")


async def test_logout_forgets_the_session(client: AsyncS20Client) -> None:
    await client.set_init(PASSWORD)
    await client.login(PASSWORD)
    await client.logout()
    assert client.token is None
    with pytest.raises(TokenError):
        await client.restart()


async def test_logout_after_the_session_expired_is_quiet_and_forgets_the_token(
    client: AsyncS20Client, clock: ManualClock
) -> None:
    await client.set_init(PASSWORD)
    await client.login(PASSWORD)
    clock.advance(36)  # the 35 s session has ended on the device
    await client.logout()  # nothing to end: no error, and no login again to end it
    assert client.token is None
    with pytest.raises(TokenError):
        await client.restart()


def test_unknown_code_is_kept() -> None:
    err = S20Error.from_code(-40000, "future")
    assert type(err) is S20Error
    assert err.code == -40000
    assert repr(err) == "S20Error(code=-40000, err_msg='future')"


async def test_non_json_answer_is_transport_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="<html>bad gateway</html>")

    async with AsyncS20Client("http://x", transport=httpx.MockTransport(handler)) as c:
        with pytest.raises(S20ProtocolError, match="not JSON"):
            await c.check_initialized()


async def test_connection_refused_is_transport_error() -> None:
    async with AsyncS20Client("http://127.0.0.1:9", timeout=2) as c:
        with pytest.raises(S20Unreachable, match="cannot reach"):
            await c.check_initialized()
