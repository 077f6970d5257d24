"""Load on the OTBR REST API, as Home Assistant polls it, beside the S20 API's get_status.

A real `s20d` (simulated radio) runs in its own process on loopback ports; ten clients
here send `GET /node/dataset/active` over raw sockets, first each on one kept-alive
connection, then with a new connection per request. otbr-agent's C++ server, on a
2-core machine, answered about 7,500/s with new connections but only about 185/s on
kept-alive ones (a 44 ms Nagle stall per answer) and serves 8 connections at once.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.table import Table

from s20.client import S20Client

from .server import free_port

__all__ = ["otbr_rest_table"]

CLIENTS = 10
REQUESTS = 3000  # per round, spread over the clients
ROUND_LIMIT = 20.0  # seconds: a round stops early rather than run on
PASSWORD = "benchmark-pw-1"
_URL = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


@contextmanager
def _s20d(state: Path, rest_port: int) -> Iterator[int]:
    """Run s20d on loopback; yield the S20 API's port."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("S20_")}
    args = ["--host", "127.0.0.1", "--port", "0", "--state-dir", str(state)]
    args += ["--otbr-rest-port", str(rest_port), "--log-level", "warning"]
    proc = subprocess.Popen(  # noqa: S603 - our own daemon, with our own arguments
        [sys.executable, "-m", "s20.daemon", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if match := _URL.search(line):
                yield int(match.group(1))
                break
        else:
            raise RuntimeError("s20d did not start")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)


async def _answer(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = await reader.readexactly(length)
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"unexpected answer: {head[:40]!r}")
    return body


async def _client(
    port: int, request: bytes, count: int, keep_alive: bool, deadline: float
) -> list[float]:
    samples: list[float] = []
    conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    for _ in range(count):
        if time.perf_counter() > deadline:
            break
        start = time.perf_counter()
        if conn is None:
            conn = await asyncio.open_connection("127.0.0.1", port)
        reader, writer = conn
        writer.write(request)
        await _answer(reader)
        if not keep_alive:
            writer.close()
            await writer.wait_closed()
            conn = None
        samples.append(time.perf_counter() - start)
    if conn is not None:
        conn[1].close()
    return samples


async def _round(port: int, request: bytes, keep_alive: bool) -> tuple[bool, int, float, float]:
    """Return (keep_alive, answers, answers per second, p99 ms) for the clients together."""
    deadline = time.perf_counter() + ROUND_LIMIT
    started = time.perf_counter()
    per_client = REQUESTS // CLIENTS
    results = await asyncio.gather(
        *(_client(port, request, per_client, keep_alive, deadline) for _ in range(CLIENTS))
    )
    elapsed = time.perf_counter() - started
    samples = sorted(s for client in results for s in client)
    p99 = samples[max(0, int(len(samples) * 0.99) - 1)] * 1000
    return keep_alive, len(samples), len(samples) / elapsed, p99


def _request(path: str, *headers: str, close: bool) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", *headers]
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def otbr_rest_table() -> Table:
    """Measure both APIs over real sockets; return the table of results."""
    table = Table(
        title=f"OTBR REST API under load ({CLIENTS} clients, s20d in its own process)",
        caption="otbr-agent's own server, 2 cores: ~7,500/s with a new connection each, "
        "~185/s kept alive (a 44 ms stall per answer), 8 connections at most",
    )
    for column in ("what", "connections", "n", "per second", "p99 ms"):
        table.add_column(column, justify="left" if column == "what" else "right")
    rest_port = free_port()
    with tempfile.TemporaryDirectory() as tmp, _s20d(Path(tmp), rest_port) as api_port:
        for keep_alive in (True, False):
            request = _request("/node/dataset/active", close=not keep_alive)
            _add(table, "GET /node/dataset/active", await _round(rest_port, request, keep_alive))
        with S20Client(f"http://127.0.0.1:{api_port}") as client:
            client.set_init(PASSWORD)
            token = client.login(PASSWORD)  # used at once: a session lasts 35 s idle
        for keep_alive in (True, False):
            request = _request("/otbr/get_status", f"Token: {token}", close=not keep_alive)
            _add(table, "GET /otbr/get_status", await _round(api_port, request, keep_alive))
    return table


def _add(table: Table, name: str, result: tuple[bool, int, float, float]) -> None:
    keep_alive, count, rate, p99 = result
    kind = "kept alive" if keep_alive else "new each"
    table.add_row(name, kind, str(count), f"{rate:,.0f}", f"{p99:.1f}")


if __name__ == "__main__":
    from rich.console import Console

    Console().print(asyncio.run(otbr_rest_table()))
