"""Test doubles for the transport seam: a connection whose far end is the test."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterable

from s20.otcli import Connection

from .transcripts import Exchange

__all__ = [
    "ScriptedConnection",
    "ScriptedTransport",
    "chop",
    "daemon_reply",
    "echo_reply",
    "segments",
]


class ScriptedConnection:
    """A `Connection` that reads what the test feeds and records what the client writes.

    `respond`, if given, is called with each written line and returns bytes to feed.
    """

    def __init__(self, respond: Callable[[str], Iterable[bytes]] | None = None) -> None:
        self.written: list[str] = []
        self.closed = False
        self._incoming: asyncio.Queue[bytes] = asyncio.Queue()
        self._waiting = asyncio.Event()
        self._respond = respond
        self._partial = b""

    def feed(self, *chunks: bytes) -> None:
        for chunk in chunks:
            if chunk:
                self._waiting.clear()
                self._incoming.put_nowait(chunk)

    def hang_up(self) -> None:
        self._incoming.put_nowait(b"")

    async def read(self) -> bytes:
        if self.closed:
            return b""
        if self._incoming.empty():
            # The client is back for more: it has handled everything fed so far.
            self._waiting.set()
        data = await self._incoming.get()
        self._waiting.clear()
        return data

    async def write(self, data: bytes) -> None:
        if self.closed:
            raise BrokenPipeError("scripted connection closed")
        self._partial += data
        *lines, self._partial = self._partial.split(b"\n")
        for raw in lines:
            line = raw.decode()
            self.written.append(line)
            if self._respond is not None:
                self.feed(*self._respond(line))

    async def close(self) -> None:
        self.closed = True
        self._incoming.put_nowait(b"")

    async def drain(self) -> None:
        """Wait until the client has read and handled everything fed so far."""
        await self._waiting.wait()


class ScriptedTransport:
    """Hands out the given connections in order; refuses once they run out."""

    description = "scripted:test"

    def __init__(self, *connections: Connection) -> None:
        self.connections = list(connections)
        self.attempts = 0

    async def connect(self) -> Connection:
        self.attempts += 1
        if not self.connections:
            raise ConnectionRefusedError("no more scripted connections")
        return self.connections.pop(0)


def echo_reply(ex: Exchange) -> bytes:
    """Rebuild what ot-cli-ftd prints for a recorded exchange: echo, output, result, prompt."""
    assert ex.result is not None, ex.source
    return "".join(f"{line}\r\n" for line in [ex.command, *ex.output, ex.result]).encode() + b"> "


def daemon_reply(ex: Exchange) -> bytes:
    """Rebuild what otbr-agent's socket sends for a recorded exchange: no echo."""
    assert ex.result is not None, ex.source
    return "".join(f"{line}\r\n" for line in [*ex.output, ex.result]).encode() + b"> "


def chop(data: bytes, sizes: Iterable[int] = (1, 7, 2, 13, 3)) -> list[bytes]:
    """Split bytes into awkward pieces (cycling through `sizes`), as a slow link would."""
    sizes = list(sizes)
    pieces, at, i = [], 0, 0
    while at < len(data):
        size = sizes[i % len(sizes)]
        pieces.append(data[at : at + size])
        at += size
        i += 1
    return pieces


_TERMINATOR = re.compile(rb"(?m)^(?:> )*(?:Done|Error \d+: [^\r\n]*)\r?\n")


def segments(raw: bytes, commands: list[str]) -> list[bytes]:
    """Cut a node's raw output into one piece per command, each starting at its echo.

    A piece runs from the echo to the next command's echo, so it holds the output,
    the result, the prompt and any asynchronous lines printed before the next command.
    """
    starts = []
    at = 0
    for command in commands:
        echo = re.compile(rb"(?m)^(?:> )*(" + re.escape(command.encode()) + rb")\r?\n")
        found = echo.search(raw, at)
        assert found is not None, f"no echo of {command!r} after byte {at}"
        starts.append(found.start(1))
        m = _TERMINATOR.search(raw, found.end())
        assert m is not None, f"no result for {command!r}"
        at = m.end()
    starts[0] = 0
    return [raw[a:b] for a, b in zip(starts, [*starts[1:], len(raw)], strict=True)]
