"""Abuse from other loopback addresses: a `/ui/challenge` flood and idle connections.

Raw sockets, not an HTTP client: an abuser spends as little as it can per request, and
an idle connection is one that never finishes (or never starts) its request line.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field

from .stats import CallStats, envelope_error
from .workers import Go

__all__ = ["AbuseJob", "AbuseResult", "IdleResult"]

SERVER = "127.0.0.1"
CHALLENGE = b"GET /ui/challenge HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
PARTIAL_LINE = b"GET /otbr/get_status HTTP/1.1\r\n"
_Conn = tuple[asyncio.StreamReader, asyncio.StreamWriter]


@dataclass
class IdleResult:
    """What became of the idle connections: opened, refused, and closed by the server."""

    wanted: int
    opened: int = 0
    refused: int = 0
    closed_after: list[float] = field(default_factory=list)

    @property
    def held(self) -> int:
        """Return how many were still open when the round ended."""
        return self.opened - len(self.closed_after)


@dataclass
class AbuseResult:
    """The flood's requests and the idle connections' fate."""

    flood: CallStats
    idle: IdleResult


@dataclass(frozen=True)
class AbuseJob:
    """`flood` connections from `flood_source`, `idle` connections from `idle_source`."""

    port: int
    seconds: float
    flood: int
    flood_source: str
    idle: int
    idle_source: str
    budget: int
    timeout: float

    async def run(self, go: Go) -> AbuseResult:
        """Open the idle connections, then flood until the deadline; return the figures."""
        idle = IdleResult(self.idle)
        conns: list[_Conn] = []
        watchers: list[asyncio.Task[None]] = []
        try:
            for n in range(self.idle):
                try:
                    conn = await self._connect(self.idle_source)
                except OSError:
                    idle.refused += 1
                    continue
                if n % 2:
                    conn[1].write(PARTIAL_LINE)  # a request line that never ends
                conns.append(conn)
                watchers.append(asyncio.create_task(_watch(conn[0], time.monotonic(), idle)))
            idle.opened = len(conns)
            deadline = await go()
            flood = CallStats()
            await asyncio.gather(*(self._flood(deadline, flood) for _ in range(self.flood)))
        finally:
            for task in watchers:
                task.cancel()
            for _, writer in conns:
                writer.close()
        return AbuseResult(flood, idle)

    async def _connect(self, source: str) -> _Conn:
        return await asyncio.wait_for(
            asyncio.open_connection(SERVER, self.port, local_addr=(source, 0)), self.timeout
        )

    async def _flood(self, deadline: float, stats: CallStats) -> None:
        conn: _Conn | None = None
        for _ in range(self.budget):
            if time.monotonic() >= deadline:
                break
            start = time.perf_counter()
            try:
                if conn is None:
                    conn = await self._connect(self.flood_source)
                conn[1].write(CHALLENGE)
                status, body, keep = await asyncio.wait_for(_response(conn[0]), self.timeout)
                error = envelope_error(status, body)
            except (OSError, EOFError, TimeoutError, ValueError) as exc:
                error, keep = type(exc).__name__, False
            stats.record(time.perf_counter() - start, error)
            if not keep and conn is not None:
                conn[1].close()
                conn = None
        if conn is not None:
            conn[1].close()


async def _watch(reader: asyncio.StreamReader, opened: float, idle: IdleResult) -> None:
    """Note when the server closes an idle connection (whatever it sends first)."""
    with contextlib.suppress(OSError):
        while await reader.read(4096):
            pass
    idle.closed_after.append(time.monotonic() - opened)


async def _response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """Read one HTTP/1.1 response; return its status, its body and whether to keep it open."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    headers = dict(line.lower().split(":", 1) for line in head[1:] if ":" in line)
    length = headers.get("content-length")
    if length is None:
        raise ValueError("no Content-Length")  # can't find the next response: start over
    body = await reader.readexactly(int(length))
    return status, body, headers.get("connection", "").strip() != "close"
