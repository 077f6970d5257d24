"""A virtual node's CLI on a unix socket, served the way otbr-agent and ot-daemon serve it."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import socket
import stat
from types import TracebackType

from ._errors import SocketPathError
from ._line import MAX_LINE_LENGTH
from ._node import VirtualNode

__all__ = ["CliSocketServer"]

log = logging.getLogger(__name__)

# Each read() of the daemon is one line: at most the CLI's line length, less the NUL.
_READ_SIZE = MAX_LINE_LENGTH - 1
# A client that leaves this much output unread is dropped, as the daemon drops a
# session whose send() fails.
_MAX_UNSENT = 1 << 20
_ACCEPT_RETRY = 1.0


def _lock_path(path: str) -> str:
    """Return the lock file that guards the socket `path`, named as ot-daemon names it."""
    # ot-daemon guards /run/openthread-wpan0.sock with /run/openthread-wpan0.lock.
    root, ext = os.path.splitext(path)
    return root + ".lock" if ext == ".sock" else path + ".lock"


def _same_file(fd: int, path: str) -> bool:
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


class CliSocketServer:
    """Serve `node`'s CLI on the unix socket `path`, byte for byte as otbr-agent does.

    What transcripts 10 and 11 show of the daemon's socket: commands are not echoed
    (`state\\n` gets `leader\\r\\nDone\\r\\n> `), nothing is sent on connect, asynchronous
    lines go to the connected client, output printed while no client is connected is
    lost, and there is one session: a new connection closes the one before it. The node
    keeps its state across sessions, as the agent does.

    As in the daemon, whatever one read() returns (up to 639 bytes) is one command line.
    A client must write one line at a time and wait for its result, as `ot-ctl` does:
    two lines that arrive together run as one (`state version`), and a longer line runs
    in 639-byte pieces.

    The socket file is created 0600 and guarded by a lock file, as ot-daemon's is, so a
    second server cannot take the path over; a stale socket file is replaced.
    """

    def __init__(self, node: VirtualNode, path: str | os.PathLike[str]) -> None:
        self.node = node
        self.path = os.fspath(path)
        self.sessions = 0
        self._listener: socket.socket | None = None
        self._acceptor: asyncio.Task[None] | None = None
        self._session: asyncio.StreamWriter | None = None
        self._handlers: set[asyncio.Task[None]] = set()
        self._lock_fd: int | None = None
        self._inode: tuple[int, int] | None = None

    @property
    def connected(self) -> bool:
        """Tell whether a client session is open."""
        return self._session is not None

    async def __aenter__(self) -> CliSocketServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def start(self) -> None:
        """Take the path and listen; raise `SocketPathError` if the path cannot be served."""
        if self._listener is not None or self._lock_fd is not None:
            raise RuntimeError("CliSocketServer.start() called twice")
        self._lock()
        try:
            listener = self._bind()
            try:
                listener.listen()
            except OSError as exc:
                listener.close()
                self._unlink()
                raise SocketPathError(self.path, f"cannot listen: {exc}") from exc
        except BaseException:
            self._unlock()
            raise
        listener.setblocking(False)
        self._listener = listener
        # Printed from now on goes to the session, or nowhere (the boot prompt too).
        self.node.attach(self._output)
        self._acceptor = asyncio.get_running_loop().create_task(self._accept(listener))

    async def close(self) -> None:
        """Stop serving: end the session, remove the socket file and release the lock."""
        listener, self._listener = self._listener, None
        if listener is None:
            return
        self.node.detach()
        if self._session is not None:
            self._end(self._session)
        tasks = [t for t in (self._acceptor, *self._handlers) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        # Clients still waiting to be accepted are reset by this.
        listener.close()
        self._unlink()
        self._unlock()

    # -- sessions ------------------------------------------------------------------------

    async def _accept(self, listener: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                conn, _ = await loop.sock_accept(listener)
            except OSError as exc:
                # Out of file descriptors, say: not protocol timing, a pause before the
                # next try, as asyncio's own servers make.
                log.warning("accepting a CLI client failed: %s", exc)
                await asyncio.sleep(_ACCEPT_RETRY)
                continue
            try:
                reader, writer = await asyncio.open_unix_connection(sock=conn)
            except OSError as exc:
                log.warning("setting up a CLI session failed: %s", exc)
                conn.close()
                continue
            if self._session is not None:
                self._end(self._session)
            self._session = writer
            self.sessions += 1
            handler = loop.create_task(self._serve(reader, writer))
            self._handlers.add(handler)
            handler.add_done_callback(self._handlers.discard)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(_READ_SIZE):
                if self._session is not writer:
                    break
                self.node.input_line(data.decode("utf-8", errors="replace"))
        except OSError as exc:
            log.debug("CLI client gone: %s", exc)
        finally:
            self._end(writer)

    def _output(self, data: bytes) -> None:
        writer = self._session
        if writer is None:
            return  # the daemon writes only to an open session
        writer.write(data)
        if writer.transport.get_write_buffer_size() > _MAX_UNSENT:
            log.warning("dropping a CLI client that does not read its output")
            self._end(writer)

    def _end(self, writer: asyncio.StreamWriter) -> None:
        if self._session is writer:
            self._session = None
        # At once, as the daemon's close(): what the kernel holds still reaches the client,
        # output it has not taken yet is dropped instead of holding the session open.
        writer.transport.abort()

    # -- the path --------------------------------------------------------------------------

    def _lock(self) -> None:
        lock = _lock_path(self.path)
        while True:
            try:
                fd = os.open(lock, os.O_CREAT | os.O_RDONLY | os.O_CLOEXEC, 0o600)
            except OSError as exc:
                raise SocketPathError(self.path, f"cannot open {lock}: {exc}") from exc
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                busy = isinstance(exc, BlockingIOError)
                reason = f"another server holds {lock}" if busy else f"cannot lock {lock}: {exc}"
                raise SocketPathError(self.path, reason) from None
            if _same_file(fd, lock):
                self._lock_fd = fd
                return
            # The server that held it removed it meanwhile: lock the file now in place.
            os.close(fd)

    def _unlock(self) -> None:
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            # Removed while still held, so a server starting now cannot lock the old file.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(_lock_path(self.path))
            os.close(fd)

    def _bind(self) -> socket.socket:
        try:
            found = os.lstat(self.path)
        except FileNotFoundError:
            pass
        else:
            if not stat.S_ISSOCK(found.st_mode):
                raise SocketPathError(self.path, "exists and is not a socket")
            # Left by a server that did not clean up: we hold the lock, so none serves it.
            os.unlink(self.path)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        # Created 0600 from the start: whoever can connect drives the radio.
        umask = os.umask(0o177)
        try:
            sock.bind(self.path)
            made = os.stat(self.path)
        except OSError as exc:
            sock.close()
            raise SocketPathError(self.path, f"cannot bind: {exc}") from exc
        finally:
            os.umask(umask)
        self._inode = (made.st_dev, made.st_ino)
        return sock

    def _unlink(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            found = os.lstat(self.path)
            if (found.st_dev, found.st_ino) == self._inode:
                os.unlink(self.path)
        self._inode = None
