"""The transport seam: how bytes get to and from an OpenThread CLI."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

__all__ = [
    "Connection",
    "ExecTransport",
    "StreamConnection",
    "StreamTransport",
    "Transport",
    "UnixTransport",
]

_CHUNK = 4096


class Connection(Protocol):
    """One open byte stream to a CLI; `read()` returns b"" at end of stream."""

    async def read(self) -> bytes:
        """Return the next bytes received; b"" at end of stream; OSError on failure."""

    async def write(self, data: bytes) -> None:
        """Send `data`; OSError on failure."""

    async def close(self) -> None:
        """Release the stream; a pending `read()` then returns b""."""


class Transport(Protocol):
    """Something that can open a `Connection`, again after the last one was lost."""

    @property
    def description(self) -> str:
        """Return a short name for logs, like `unix:/run/openthread-wpan0.sock`."""

    async def connect(self) -> Connection:
        """Open a new connection; raise OSError if that is not possible now."""


async def _write_to(writer: asyncio.StreamWriter, data: bytes) -> None:
    """Send `data`, with a stream the peer already closed as OSError.

    asyncio's own loop reports that as ConnectionResetError, but uvloop raises
    RuntimeError ("the handler is closed"); the `Connection` contract is OSError.
    """
    if writer.is_closing():
        raise ConnectionResetError("the stream is closed")
    try:
        writer.write(data)
        await writer.drain()
    except RuntimeError as exc:
        raise ConnectionResetError(str(exc)) from None


class StreamConnection:
    """A `Connection` over an asyncio stream pair."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self) -> bytes:
        return await self._reader.read(_CHUNK)

    async def write(self, data: bytes) -> None:
        await _write_to(self._writer, data)

    async def close(self) -> None:
        self._writer.close()
        # A peer that reset the connection leaves it just as closed.
        with contextlib.suppress(OSError):
            await self._writer.wait_closed()


class StreamTransport:
    """A `Transport` from any coroutine function that opens an asyncio stream pair."""

    def __init__(
        self,
        open_streams: Callable[[], Awaitable[tuple[asyncio.StreamReader, asyncio.StreamWriter]]],
        description: str,
    ) -> None:
        self._open_streams = open_streams
        self.description = description

    async def connect(self) -> Connection:
        reader, writer = await self._open_streams()
        return StreamConnection(reader, writer)


class UnixTransport:
    """The unix socket that otbr-agent and ot-daemon serve (what `ot-ctl` talks to)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self.description = f"unix:{self.path}"

    async def connect(self) -> Connection:
        reader, writer = await asyncio.open_unix_connection(self.path)
        return StreamConnection(reader, writer)


class ExecTransport:
    """A child process speaking the CLI on stdin/stdout, such as `ot-cli-ftd 1`.

    Each connection starts a new child; closing the connection kills it.
    """

    def __init__(self, argv: Sequence[str]) -> None:
        if not argv:
            raise ValueError("ExecTransport needs a command to run")
        self.argv = tuple(argv)
        self.description = f"exec:{shlex.join(self.argv)}"

    async def connect(self) -> Connection:
        process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        return _ProcessConnection(process)


class _ProcessConnection:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdin is not None
        assert process.stdout is not None
        self._process = process
        self._stdin = process.stdin
        self._stdout = process.stdout

    async def read(self) -> bytes:
        return await self._stdout.read(_CHUNK)

    async def write(self, data: bytes) -> None:
        await _write_to(self._stdin, data)

    async def close(self) -> None:
        if self._process.returncode is None:
            # It may exit between the check and the kill.
            with contextlib.suppress(ProcessLookupError):
                self._process.kill()
        self._stdin.close()
        await self._process.wait()
