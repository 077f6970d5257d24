"""The real s20d against hostile clients on loopback: forged addresses, stalled headers."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx2 as httpx
import pytest

from tests.api.helpers import expected_hash
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d

pytestmark = pytest.mark.e2e


def _login(api: httpx.Client, password: str, forwarded_for: str) -> int:
    challenge = api.get("/ui/challenge").json()["result"]
    digest = expected_hash(password, challenge["salt"], challenge["nonce"])
    body = {"username": "root", "hash": digest}
    response = api.post("/ui/login", json=body, headers={"X-Forwarded-For": forwarded_for})
    code = response.json()["code"]
    assert isinstance(code, int)
    return code


def _init(api: httpx.Client) -> None:
    response = api.post("/ui/set_init", json={"lang": "en", "password": PASSWORD})
    assert response.json() == {"code": 0, "result": {}}


@pytest.fixture(scope="module")
def s20d(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One s20d with the default options, shared by the tests that need nothing else."""
    with running_s20d(tmp_path_factory.mktemp("state")) as url:
        yield url


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    assert parts.hostname == "127.0.0.1"
    assert parts.port is not None
    return parts.hostname, parts.port


def test_forged_forwarded_for_does_not_escape_the_lockout(s20d: str) -> None:
    with httpx.Client(base_url=s20d) as api:
        _init(api)
        for i in range(5):
            assert _login(api, "wrong-password", f"192.0.2.{i + 1}") == -32000
        assert _login(api, PASSWORD, "192.0.2.99") == -32003


def test_forwarded_for_is_believed_from_a_named_proxy(tmp_path: Path) -> None:
    with (
        running_s20d(tmp_path / "state", "--forwarded-allow-ips", "127.0.0.1") as url,
        httpx.Client(base_url=url) as api,
    ):
        _init(api)
        for _ in range(5):
            assert _login(api, "wrong-password", "192.0.2.1") == -32000
        assert _login(api, PASSWORD, "192.0.2.1") == -32003
        assert _login(api, PASSWORD, "192.0.2.2") == 0


@contextlib.contextmanager
def _stalled(url: str, count: int) -> Iterator[list[socket.socket]]:
    sockets = []
    try:
        for i in range(count):
            sock = socket.create_connection(_address(url), timeout=5)
            if i % 2:
                sock.sendall(b"GET /ui/chal")  # half a request line, never finished
            sockets.append(sock)
        yield sockets
    finally:
        for sock in sockets:
            sock.close()


def _closed_by_peer(sock: socket.socket) -> bool:
    try:
        return sock.recv(1024) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_connections_that_never_send_their_headers_are_closed(tmp_path: Path) -> None:
    args = ("--header-timeout", "1")
    with running_s20d(tmp_path / "state", *args) as url, _stalled(url, 60) as stalled:
        started = time.monotonic()
        with httpx.Client(base_url=url) as api:
            assert api.get("/ui/check_initialized").json()["code"] == 0
        for sock in stalled:
            sock.settimeout(max(0.1, started + 4 - time.monotonic()))
            assert _closed_by_peer(sock)
        assert time.monotonic() - started < 4
        with httpx.Client(base_url=url) as api:
            # A served keep-alive connection gets the same deadline for its next request.
            assert api.get("/ui/check_initialized").json()["code"] == 0


def test_connections_past_the_cap_are_answered_503(tmp_path: Path) -> None:
    args = ("--max-connections", "4", "--header-timeout", "30")
    with running_s20d(tmp_path / "state", *args) as url:
        with _stalled(url, 4), httpx.Client(base_url=url) as api:
            time.sleep(0.2)  # let the server accept all four
            refused = api.get("/ui/check_initialized")
            assert refused.status_code == 503
            assert refused.json() == {"code": -32011, "err_msg": "busy: too many connections"}
            assert refused.headers["connection"] == "close"
        with httpx.Client(base_url=url) as api:
            deadline = time.monotonic() + 5
            while (status := api.get("/ui/check_initialized").status_code) == 503:
                assert time.monotonic() < deadline
                time.sleep(0.05)
            assert status == 200


def test_huge_declared_body_is_refused_at_once(s20d: str) -> None:
    with socket.create_connection(_address(s20d), timeout=5) as sock:
        sock.sendall(
            b"POST /ui/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Length: 314572800\r\n\r\n" + b"{" * 1000
        )
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413 ")
    assert b"connection: close" in head.lower()
    assert body == b'{"code":-32602,"err_msg":"body is larger than 1048576 bytes"}'
