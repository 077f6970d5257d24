"""Hostile request bodies and methods: cheap, clear refusals in the envelope."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from starlette.types import Message


@pytest.mark.parametrize("depth", [1_000, 100_000])
@pytest.mark.parametrize("path", ["/ui/login", "/ui/set_init"])
async def test_deeply_nested_json_is_32700_without_traceback(
    api: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, depth: int, path: str
) -> None:
    with caplog.at_level(logging.DEBUG):
        for raw in (b"[" * depth + b"]" * depth, b'{"a":' * depth + b"1" + b"}" * depth):
            response = await api.post(path, content=raw)
            assert response.status_code == 200
            assert response.json() == {
                "code": -32700,
                "err_msg": "parse error: the body nests too deeply",
            }
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


class _Body:
    """An ASGI `receive` that hands out a body in 64 KiB pieces and counts how many it gave."""

    def __init__(self, pieces: int) -> None:
        self.left = pieces
        self.pulled = 0

    async def __call__(self) -> dict[str, Any]:
        self.pulled += 1
        if self.left <= 0:
            return {"type": "http.disconnect"}
        self.left -= 1
        return {"type": "http.request", "body": b" " * 65536, "more_body": self.left > 0}


async def _post(
    app: FastAPI, path: str, headers: list[tuple[bytes, bytes]], body: _Body
) -> tuple[int, dict[str, str], dict[str, Any]]:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1:8080"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8080),
    }
    await app(scope, body, send)
    start = sent[0]
    response_headers = {k.decode(): v.decode() for k, v in start["headers"]}
    content = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], response_headers, json.loads(content)


TOO_LARGE = {"code": -32602, "err_msg": "body is larger than 1048576 bytes"}


async def test_declared_huge_body_is_refused_before_reading(app: FastAPI) -> None:
    body = _Body(pieces=300 * 16)  # 300 MiB, were it read
    status, headers, envelope = await _post(
        app, "/ui/login", [(b"content-length", b"314572800")], body
    )
    assert (status, envelope) == (413, TOO_LARGE)
    assert headers["connection"] == "close"
    assert body.pulled == 0


async def test_chunked_huge_body_is_refused_at_the_cap(app: FastAPI) -> None:
    body = _Body(pieces=300 * 16)
    status, headers, envelope = await _post(
        app, "/ui/set_init", [(b"transfer-encoding", b"chunked")], body
    )
    assert (status, envelope) == (413, TOO_LARGE)
    assert headers["connection"] == "close"
    assert body.pulled == 17  # 16 pieces are exactly 1 MiB, the 17th passes the cap


async def test_body_of_exactly_the_cap_is_read(app: FastAPI) -> None:
    body = _Body(pieces=16)
    status, _, envelope = await _post(app, "/ui/set_init", [], body)
    # 1 MiB of spaces is an empty body, read to its end and parsed as `{}`.
    assert (status, envelope) == (200, {"code": -32602, "err_msg": "lang is required"})
    assert body.pulled == 16


@pytest.mark.parametrize("method", ["OPTIONS", "PUT", "DELETE", "PATCH"])
async def test_allow_names_every_method_of_the_path(api: httpx.AsyncClient, method: str) -> None:
    response = await api.request(method, "/otbr/generate_thread_network")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.json() == {
        "code": -32601,
        "err_msg": "method not allowed: use GET, POST",
    }
