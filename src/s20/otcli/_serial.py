"""A serial port transport: a radio running the OpenThread CLI firmware."""

from __future__ import annotations

import asyncio
import os

import serial

from ._transport import Connection

__all__ = ["SerialTransport"]

_CHUNK = 4096


class SerialTransport:
    """A serial device such as `/dev/ttyACM0`, opened raw at `baud`, 8N1, no flow control.

    pyserial only opens and configures the port; reads and writes go through the
    event loop's reader and writer callbacks on its file descriptor.
    """

    def __init__(self, device: str, baud: int = 115200) -> None:
        if baud <= 0:
            raise ValueError(f"invalid baud rate {baud}")
        self.device = device
        self.baud = baud
        self.description = f"serial:{device}?baud={baud}"

    async def connect(self) -> Connection:
        # Opening a tty can block (modem control lines), so keep it off the loop.
        port = await asyncio.to_thread(self._open)
        return _SerialConnection(port)

    def _open(self) -> serial.Serial:
        # inter_byte_timeout=0 makes pyserial set VMIN=1, VTIME=0: with VMIN=0 an empty
        # tty reads as b"" (indistinguishable from a hang-up) instead of EAGAIN.
        return serial.Serial(
            self.device,
            self.baud,
            timeout=0,
            write_timeout=0,
            inter_byte_timeout=0,
            exclusive=True,
        )


class _SerialConnection:
    def __init__(self, port: serial.Serial) -> None:
        self._port = port
        self._fd = port.fileno()
        os.set_blocking(self._fd, False)
        self._loop = asyncio.get_running_loop()
        self._waiters: set[asyncio.Future[None]] = set()
        self._closed = False

    async def read(self) -> bytes:
        while not self._closed:
            try:
                return os.read(self._fd, _CHUNK)
            except BlockingIOError:
                await self._wait(writable=False)
        return b""

    async def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            if self._closed:
                raise ConnectionAbortedError("serial port closed")
            try:
                view = view[os.write(self._fd, view) :]
            except BlockingIOError:
                await self._wait(writable=True)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._loop.remove_reader(self._fd)
        self._loop.remove_writer(self._fd)
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._port.close()

    async def _wait(self, *, writable: bool) -> None:
        waiter: asyncio.Future[None] = self._loop.create_future()

        def ready() -> None:
            if not waiter.done():
                waiter.set_result(None)

        self._waiters.add(waiter)
        if writable:
            self._loop.add_writer(self._fd, ready)
        else:
            self._loop.add_reader(self._fd, ready)
        try:
            await waiter
        finally:
            self._waiters.discard(waiter)
            if not self._closed:
                if writable:
                    self._loop.remove_writer(self._fd)
                else:
                    self._loop.remove_reader(self._fd)
