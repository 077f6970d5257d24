"""The real `s20d` serves the OTBR REST API on its own port, byte for byte as the agent."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from tests.e2e.daemon import running_s20d

pytestmark = pytest.mark.e2e

CORS = (
    b"access-control-allow-origin: *\r\n"
    b"access-control-allow-methods: DELETE, GET, OPTIONS, POST\r\n"
    b"access-control-allow-headers: Origin, Accept, X-Requested-With, Content-Type, "
    b"Access-Control-Request-Method, Access-Control-Request-Headers\r\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def exchange(conn: socket.socket, request: bytes) -> bytes:
    """Send one request; return the whole response (headers and Content-Length body)."""
    conn.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length")
    )
    while len(body) < length:
        body += conn.recv(65536)
    return head + b"\r\n\r\n" + body


def test_the_agents_answers_byte_for_byte_and_no_keep_alive_stall(tmp_path: Path) -> None:
    port = free_port()
    with (
        running_s20d(tmp_path / "state", "--otbr-rest-port", str(port)),
        socket.create_connection(("127.0.0.1", port), timeout=5) as conn,
    ):
        state = exchange(
            conn, b"GET /node/state HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n"
        )
        assert state == (
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 10\r\n"
            + CORS
            + b'\r\n"disabled"'
        )
        missing = exchange(conn, b"GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
        assert missing.endswith(
            b'\r\n\r\n{\n\t"title":\t"Not Found",\n\t"status":\t404,\n\t"details":\t""\n}'
        )
        # Kept alive: more answers on this connection, none with Nagle's 40 ms stall
        # (otbr-agent's own server stalls on every one: 20 answers would take 0.8 s).
        started = time.monotonic()
        for _ in range(20):
            answer = exchange(conn, b"GET /node/dataset/active HTTP/1.1\r\nHost: x\r\n\r\n")
            assert answer.startswith(b"HTTP/1.1 200 OK\r\ncontent-type: application/json")
        assert time.monotonic() - started < 0.6


def test_read_only_refuses_changes(tmp_path: Path) -> None:
    port = free_port()
    args = ("--otbr-rest-port", str(port), "--otbr-rest-read-only")
    with (
        running_s20d(tmp_path / "state", *args),
        socket.create_connection(("127.0.0.1", port), timeout=5) as conn,
    ):
        answer = exchange(
            conn,
            b"PUT /node/state HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 8\r\n\r\n"enable"',
        )
        assert answer.startswith(b"HTTP/1.1 403 Forbidden\r\n")
        state = exchange(conn, b"GET /node/state HTTP/1.1\r\nHost: x\r\n\r\n")
        assert state.endswith(b'"disabled"')
