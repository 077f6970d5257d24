"""An in-process transport to a virtual node, for the OpenThread CLI driver."""

from __future__ import annotations

import asyncio

from ._node import VirtualNode

__all__ = ["SimConnection", "SimTransport"]

_EOF = b""


class SimConnection:
    """One open session: writes are typed into the node, reads return what it printed."""

    def __init__(self, node: VirtualNode) -> None:
        self._node = node
        self._queue: asyncio.Queue[bytes] = asyncio.Queue()
        self._closed = False
        node.attach(self._output)

    def _output(self, data: bytes) -> None:
        if data and not self._closed:
            self._queue.put_nowait(data)

    @property
    def closed(self) -> bool:
        """Tell whether the session has ended (closed here, or replaced by a newer one)."""
        return self._closed

    async def read(self) -> bytes:
        """Return some bytes the node printed; b"" once the session has ended."""
        if self._closed and self._queue.empty():
            return _EOF
        data = await self._queue.get()
        if not data:
            # Keep the end-of-stream marker for any later read.
            self._queue.put_nowait(_EOF)
        return data

    async def write(self, data: bytes) -> None:
        """Type `data` into the node."""
        if self._closed:
            raise ConnectionResetError("the session to the simulated node has ended")
        self._node.receive(data)

    async def close(self) -> None:
        """End the session; the node keeps running and keeps its output for the next one."""
        self.end()

    def end(self) -> None:
        """End the session at once (also used when a newer session replaces this one)."""
        if self._closed:
            return
        self._closed = True
        self._node.detach()
        self._queue.put_nowait(_EOF)


class SimTransport:
    """Connect to a `VirtualNode` in this process; one session at a time.

    Like ot-daemon's CLI socket, a new connection resets the one before it.
    """

    def __init__(self, node: VirtualNode) -> None:
        self._node = node
        self._current: SimConnection | None = None
        self.description = f"sim:{node.eui64.hex()}"

    async def connect(self) -> SimConnection:
        """Open a session to the node."""
        if self._current is not None:
            self._current.end()
        self._current = SimConnection(self._node)
        return self._current
