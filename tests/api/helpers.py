"""Login helpers for API tests: the hash computed independently of the server code."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

import httpx2 as httpx

from tests.conftest import PASSWORD, call


def expected_hash(password: str, salt: str, nonce: str) -> str:
    """Compute the login hash as the document's crypto-js snippet does."""
    mac = hmac.new(salt.encode(), password.encode(), hashlib.sha256).digest()
    text = f"root:{base64.b64encode(mac).decode()}:{nonce}"
    return hashlib.md5(text.encode()).hexdigest()  # noqa: S324 - the protocol's choice


async def challenge(api: httpx.AsyncClient) -> dict[str, object]:
    data = await call(api, "GET", "/ui/challenge")
    assert data["code"] == 0
    result = data["result"]
    assert isinstance(result, dict)
    return result


async def try_login(
    api: httpx.AsyncClient, password: str = PASSWORD, username: str = "root"
) -> dict[str, object]:
    c = await challenge(api)
    digest = expected_hash(password, str(c["salt"]), str(c["nonce"]))
    return await call(api, "POST", "/ui/login", {"username": username, "hash": digest})


async def init_and_login(api: httpx.AsyncClient, password: str = PASSWORD) -> str:
    data = await call(api, "POST", "/ui/set_init", {"lang": "en", "password": password})
    assert data == {"code": 0, "result": {}}
    return await login(api, password)


async def login(api: httpx.AsyncClient, password: str = PASSWORD) -> str:
    data = await try_login(api, password)
    assert data["code"] == 0, data
    result = data["result"]
    assert isinstance(result, dict)
    return str(result["sid"])


async def ok_result(
    api: httpx.AsyncClient, token: str, method: str, path: str, body: object = None
) -> dict[str, Any]:
    """Send one request that must succeed; return its `result` object."""
    data = await call(api, method, path, body, token=token)
    assert data["code"] == 0, (path, data)
    result = data["result"]
    assert isinstance(result, dict)
    return result
