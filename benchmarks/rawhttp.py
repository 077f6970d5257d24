"""The project's own load generator: kept-alive raw HTTP/1.1 connections, one process.

`make bench` uses wrk where it is installed; this stands in for it otherwise, and always
drives challenge + login, whose hash wrk cannot compute. Each job runs in a load process
pinned apart from the server (see `workers`).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from s20.credentials import login_hash, password_verifier

from .stats import CallStats, envelope_error
from .workers import Go

__all__ = ["FixedRequestJob", "LoginJob", "http_request"]

SERVER = "127.0.0.1"


def http_request(method: str, path: str, *headers: str, body: bytes = b"") -> bytes:
    """Return the bytes of one HTTP/1.1 request to the loopback server."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *headers]
    if body or method == "POST":
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class _Conn:
    """One kept-alive connection that sends a request and reads its whole answer."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int, source: str = SERVER) -> _Conn:
        reader, writer = await asyncio.open_connection(SERVER, port, local_addr=(source, 0))
        return cls(reader, writer)

    async def send(self, request: bytes) -> tuple[int, bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


_Loop = Callable[[_Conn, float, CallStats], Awaitable[None]]


async def _each_until_deadline(conns: list[_Conn], go: Go, loop: _Loop) -> CallStats:
    """Run `loop` on every connection once all load processes are ready; then close them."""
    stats = CallStats()
    try:
        deadline = await go()
        await asyncio.gather(*(loop(conn, deadline, stats) for conn in conns))
    finally:
        for conn in conns:
            conn.close()
    return stats


@dataclass(frozen=True)
class FixedRequestJob:
    """`connections` connections sending the same request back to back until the deadline."""

    port: int
    request: bytes
    connections: int
    seconds: float

    async def run(self, go: Go) -> CallStats:
        """Send until the deadline; return every request's latency and failure."""
        conns = [await _Conn.open(self.port) for _ in range(self.connections)]
        return await _each_until_deadline(conns, go, self._loop)

    async def _loop(self, conn: _Conn, deadline: float, stats: CallStats) -> None:
        while time.monotonic() < deadline:
            start = time.perf_counter()
            status, body = await conn.send(self.request)
            stats.record(time.perf_counter() - start, envelope_error(status, body))


@dataclass(frozen=True)
class LoginJob:
    """Challenge + login with the right password, over `connections` connections.

    Each connection comes from an address of its own (127.0.0.10 and up): the device
    holds a few live nonces per address, and one user logs in one nonce at a time.
    """

    port: int
    password: str
    connections: int
    seconds: float

    async def run(self, go: Go) -> CallStats:
        """Log in until the deadline; one sample per challenge + login pair."""
        conns = [await _Conn.open(self.port, f"127.0.0.{10 + n}") for n in range(self.connections)]
        stats = CallStats()
        try:
            deadline = await go()
            await asyncio.gather(*(self._loop(conn, deadline, stats) for conn in conns))
        finally:
            for conn in conns:
                conn.close()
        return stats

    async def _loop(self, conn: _Conn, deadline: float, stats: CallStats) -> None:
        challenge = http_request("GET", "/ui/challenge")
        verifier = ""
        while time.monotonic() < deadline:
            start = time.perf_counter()
            status, body = await conn.send(challenge)
            error = envelope_error(status, body)
            if error is None:
                result = json.loads(body)["result"]
                verifier = verifier or password_verifier(self.password, result["salt"])
                login = json.dumps(
                    {"username": "root", "hash": login_hash(verifier, result["nonce"])}
                ).encode()
                status, body = await conn.send(http_request("POST", "/ui/login", body=login))
                error = envelope_error(status, body)
            stats.record(time.perf_counter() - start, error)
