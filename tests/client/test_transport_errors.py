"""No API answer is an `S20TransportError` whose class says why, never an `S20Error`."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import httpx2 as httpx
import pytest

from s20.client import AsyncS20Client, S20Client
from s20.errors import (
    S20Error,
    S20ProtocolError,
    S20Timeout,
    S20TLSError,
    S20TransportError,
    S20Unreachable,
)
from tests.api.file_server import CA, serve_files


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_transport_family_is_apart_from_device_errors() -> None:
    for cls in (S20Unreachable, S20Timeout, S20TLSError, S20ProtocolError):
        assert issubclass(cls, S20TransportError)
        assert not issubclass(cls, S20Error)


def test_a_closed_port_is_unreachable() -> None:
    port = _closed_port()
    with (
        S20Client(f"http://127.0.0.1:{port}", timeout=5) as client,
        pytest.raises(S20Unreachable, match=re.escape(f"cannot reach http://127.0.0.1:{port}")),
    ):
        client.check_initialized()


def test_an_untrusted_certificate_is_a_tls_error(tmp_path: Path) -> None:
    with (
        serve_files(CA().server_context(tmp_path)) as served,
        S20Client(served.base, timeout=5) as client,
        pytest.raises(S20TLSError, match=re.escape("TLS with https://127.0.0.1")),
    ):
        client.check_initialized()


@pytest.mark.parametrize(
    ("failure", "expected", "message"),
    [
        (httpx.ReadTimeout, S20Timeout, "http://x did not answer in time"),
        (httpx.RemoteProtocolError, S20ProtocolError, "did not answer in HTTP: bad status line"),
    ],
)
async def test_failures_on_the_way_are_named(
    failure: type[httpx.TransportError], expected: type[S20TransportError], message: str
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise failure("bad status line" if expected is S20ProtocolError else "", request=request)

    async with AsyncS20Client("http://x", transport=httpx.MockTransport(handler)) as c:
        with pytest.raises(expected, match=re.escape(message)):
            await c.check_initialized()


async def test_json_without_the_envelope_is_a_protocol_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"hello": "world"})

    async with AsyncS20Client("http://x", transport=httpx.MockTransport(handler)) as c:
        with pytest.raises(S20ProtocolError, match="no API envelope"):
            await c.check_initialized()
