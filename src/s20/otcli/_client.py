"""One serialized CLI session: commands, replies, unsolicited lines and reconnects."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from s20.clock import Clock

from ._errors import OtCliConnectionError, OtCliError, OtCliTimeout
from ._events import is_event_line
from ._framing import LineFramer, command_line, match_result
from ._redact import redact
from ._transport import Connection, Transport

__all__ = ["DEFAULT_TIMEOUT", "SCAN_TIMEOUT", "STABLE_SESSION", "EventStream", "OtCli"]

STABLE_SESSION = 10.0  # seconds a session must last before reconnects are quick again

DEFAULT_TIMEOUT = 3.0
# A full-channel scan or discover takes about 5 s before its Done.
SCAN_TIMEOUT = 8.0
_SLOW_COMMANDS = frozenset({"scan", "discover"})

T = TypeVar("T")


@dataclass(eq=False)
class _Pending:
    line: str
    future: asyncio.Future[list[str]]
    before_echo: list[str] = field(default_factory=list)
    after_echo: list[str] = field(default_factory=list)
    echoed: bool = False


class EventStream(AsyncIterator[T]):
    """Unsolicited lines as an async iterator; it ends when the client closes.

    It collects from the moment it is created; call `aclose()` when done with it.
    """

    def __init__(self, cli: OtCli, convert: Callable[[str], T]) -> None:
        self._cli = cli
        self._convert = convert
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._done = cli.closed
        if not self._done:
            cli._streams.add(self._queue)

    def __aiter__(self) -> EventStream[T]:
        return self

    async def __anext__(self) -> T:
        if self._done:
            raise StopAsyncIteration
        line = await self._queue.get()
        if line is None:
            await self.aclose()
            raise StopAsyncIteration
        return self._convert(line)

    async def aclose(self) -> None:
        """Stop collecting lines."""
        self._done = True
        self._cli._streams.discard(self._queue)


class OtCli:
    """A client for the OpenThread CLI line protocol over any `Transport`.

    Commands are serialized: one is in flight at a time, and its reply is the lines
    between the echo of the command (where the CLI echoes) and `Done` or `Error N: Name`.
    Which lines are a reply and which are unsolicited:

    1. A line that `is_event_line()` recognises (commissioner and joiner events,
       `Join success|failed`, log lines) is an event wherever it appears, even inside a
       reply; so `Commissioner: petitioning` goes to the event stream, not to the reply
       of `commissioner start`, and a joiner event arriving mid-`scan` never lands in
       the scan table. (A value that reads exactly like an event, such as a network
       named `Join success`, would be taken for one: the line itself cannot tell.)
    2. With no command in flight, every other non-blank line is an event too.
    3. With a command in flight, the first line equal to the command text is its echo.
       Lines before an echo are unsolicited (the CLI prints a reply only after reading
       the command); if no echo comes they are the reply, as on otbr-agent's socket,
       which does not echo. Whether the CLI echoes is learned on the first command of
       each connection (or fixed with `echo=`).
    4. Every command is answered exactly once and in order. A command that timed out
       still owns the next `Done`/`Error`; its late lines are dropped, unless the echo
       of a newer command shows it has already finished.

    On end of stream or a connection error the in-flight command fails with
    `OtCliConnectionError`, a warning is logged, and the client reconnects with
    exponential backoff on the injected clock; commands fail fast while disconnected.
    The backoff only resets once a session has lasted `STABLE_SESSION` seconds: the
    daemon serves one client at a time, so when another client (an interactive
    `ot-ctl`) keeps taking the session, this one waits longer and longer (up to
    `max_reconnect_delay`) instead of evicting it every half second.
    """

    def __init__(
        self,
        transport: Transport,
        clock: Clock,
        *,
        logger: logging.Logger | None = None,
        echo: bool | None = None,
        reconnect_delay: float = 0.5,
        max_reconnect_delay: float = 30.0,
    ) -> None:
        if reconnect_delay <= 0 or max_reconnect_delay < reconnect_delay:
            raise ValueError("need 0 < reconnect_delay <= max_reconnect_delay")
        self._transport = transport
        self._clock = clock
        self._log = logger or logging.getLogger("s20.otcli")
        self._echo_setting = echo
        self._echo = echo
        self._reconnect_delay = reconnect_delay
        self._next_delay = reconnect_delay
        self._max_reconnect_delay = max_reconnect_delay
        self._lock = asyncio.Lock()
        self._framer = LineFramer()
        self._conn: Connection | None = None
        self._pending: _Pending | None = None
        self._orphans = 0
        self._subscribers: list[Callable[[str], None]] = []
        self._reconnected: list[Callable[[], None]] = []
        self._streams: set[asyncio.Queue[str | None]] = set()
        self._task: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()
        self._started = False
        self._closed = False

    @property
    def transport(self) -> Transport:
        """Return the transport this client connects through."""
        return self._transport

    @property
    def connected(self) -> bool:
        """Return True while a connection is up."""
        return self._conn is not None

    @property
    def closed(self) -> bool:
        """Return True once `close()` has been called."""
        return self._closed

    async def __aenter__(self) -> OtCli:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def start(self) -> None:
        """Connect once; raise `OtCliConnectionError` if that fails."""
        if self._started or self._closed:
            raise RuntimeError("OtCli.start() called twice or after close()")
        try:
            conn = await self._transport.connect()
        except OSError as exc:
            raise OtCliConnectionError(
                f"cannot connect to {self._transport.description}: {exc}"
            ) from exc
        self._started = True
        self._attach(conn)
        self._task = asyncio.get_running_loop().create_task(
            self._run(conn), name=f"otcli {self._transport.description}"
        )

    async def close(self) -> None:
        """Disconnect for good, failing any command in flight and ending event streams."""
        if self._closed:
            return
        self._closed = True
        if self._task is not None:
            self._task.cancel()
            await asyncio.wait([self._task])
        await self._detach()
        self._fail_pending(OtCliConnectionError("the CLI client is closed"))
        for queue in self._streams:
            queue.put_nowait(None)
        self._streams.clear()
        self._connected.set()  # wakes wait_connected(), which then reports the close

    async def wait_connected(self) -> None:
        """Wait until a connection is up; raise `OtCliConnectionError` if closed first."""
        while not self._closed and self._conn is None:
            await self._connected.wait()
        if self._closed:
            raise OtCliConnectionError("the CLI client is closed")

    async def command(
        self,
        command: str,
        *args: str | int,
        timeout: float | None = None,  # noqa: ASYNC109 - runs on the injected clock
    ) -> list[str]:
        """Run one command and return its output lines.

        `command` is sent verbatim ("dataset active -x"); each of `args` is escaped
        ("networkname", "Test Network" sends `networkname Test\\ Network`). The
        timeout counts from sending; it defaults to 3 s, and 8 s for scan/discover.
        """
        line = command_line(command, *args)
        if timeout is None:
            timeout = SCAN_TIMEOUT if line.split()[0] in _SLOW_COMMANDS else DEFAULT_TIMEOUT
        async with self._lock:
            return await self._roundtrip(line, timeout)

    def subscribe(self, callback: Callable[[str], None]) -> Callable[[], None]:
        """Call `callback` with every unsolicited line; return a function that unsubscribes."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def on_reconnect(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` after every reconnect (the far end may have restarted and lost
        state); return a function that removes it."""
        self._reconnected.append(callback)

        def remove() -> None:
            if callback in self._reconnected:
                self._reconnected.remove(callback)

        return remove

    def events(self) -> EventStream[str]:
        """Return an async iterator over unsolicited lines, from now until close."""
        return EventStream(self, str)

    async def _roundtrip(self, line: str, timeout: float) -> list[str]:  # noqa: ASYNC109
        if self._closed:
            raise OtCliConnectionError("the CLI client is closed")
        conn = self._conn
        if conn is None:
            state = "reconnecting" if self._started else "not started"
            raise OtCliConnectionError(f"not connected to {self._transport.description} ({state})")
        pending = _Pending(line, asyncio.get_running_loop().create_future())
        self._pending = pending
        self._log.debug("-> %s", redact(line))
        try:
            await conn.write(line.encode() + b"\n")
        except OSError as exc:
            self._pending = None
            # Closing makes the reader see the loss and start reconnecting.
            await self._close_quietly(conn)
            raise OtCliConnectionError(
                f"cannot send to {self._transport.description}: {exc}"
            ) from exc
        timer = self._clock.call_later(timeout, lambda: self._expire(pending, timeout))
        try:
            return await pending.future
        except asyncio.CancelledError:
            self._abandon(pending)
            raise
        finally:
            timer.cancel()

    def _expire(self, pending: _Pending, timeout: float) -> None:
        if pending.future.done():
            return
        self._abandon(pending)
        pending.future.set_exception(
            OtCliTimeout(
                f"no reply to {redact(pending.line)!r} from {self._transport.description} "
                f"within {timeout:g} s"
            )
        )

    def _abandon(self, pending: _Pending) -> None:
        if self._pending is pending:
            self._pending = None
            self._orphans += 1

    def _on_line(self, line: str) -> None:
        if is_event_line(line):
            self._emit(line)
            return
        result = match_result(line)
        pending = self._pending
        if self._orphans:
            if pending is not None and self._is_echo(pending, line):
                # The CLI reads lines in order: echoing this one means the others are done.
                self._orphans = 0
                pending.echoed = True
                self._echo = True
                return
            if result is not None:
                self._orphans -= 1
            self._log.debug("dropping a line of late output of a timed-out command")
            return
        if pending is None:
            if result is not None:
                self._log.debug("ignoring a reply line: no command is waiting")
            elif line.strip():
                self._emit(line)
            return
        if result is not None:
            self._finish(pending, *result)
        elif self._is_echo(pending, line):
            pending.echoed = True
            self._echo = True
            for early in pending.before_echo:
                if early.strip():
                    self._emit(early)
            pending.before_echo.clear()
        elif pending.echoed:
            pending.after_echo.append(line)
        else:
            pending.before_echo.append(line)

    def _is_echo(self, pending: _Pending, line: str) -> bool:
        return self._echo is not False and not pending.echoed and line == pending.line

    def _finish(self, pending: _Pending, code: int, name: str) -> None:
        self._pending = None
        if not pending.echoed and self._echo is None:
            self._echo = False
        output = pending.after_echo if pending.echoed else pending.before_echo
        if code == 0:
            self._log.debug("<- %d lines, Done", len(output))
            pending.future.set_result(output)
        else:
            self._log.debug("<- Error %d: %s", code, name)
            pending.future.set_exception(OtCliError(code, name, redact(pending.line)))

    def _emit(self, line: str) -> None:
        self._log.debug("event: %s", line)
        for callback in list(self._subscribers):
            try:
                callback(line)
            except Exception:
                self._log.exception("an event subscriber failed on %r", line)
        for queue in self._streams:
            queue.put_nowait(line)

    def _fail_pending(self, error: Exception) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and not pending.future.done():
            pending.future.set_exception(error)

    def _attach(self, conn: Connection) -> None:
        self._conn = conn
        self._framer.reset()
        self._echo = self._echo_setting
        self._orphans = 0
        self._connected.set()

    async def _detach(self) -> None:
        conn, self._conn = self._conn, None
        self._connected.clear()
        if conn is not None:
            await self._close_quietly(conn)

    async def _close_quietly(self, conn: Connection) -> None:
        try:
            await conn.close()
        except OSError as exc:
            self._log.debug("closing %s: %s", self._transport.description, exc)

    async def _run(self, conn: Connection) -> None:
        while True:
            since = self._clock.monotonic()
            reason = await self._read_until_lost(conn)
            if self._clock.monotonic() - since >= STABLE_SESSION:
                self._next_delay = self._reconnect_delay
            self._log.warning(
                "lost the CLI connection to %s (%s); reconnecting",
                self._transport.description,
                reason,
            )
            await self._detach()
            self._fail_pending(
                OtCliConnectionError(f"connection to {self._transport.description} lost: {reason}")
            )
            conn = await self._reconnect()

    async def _read_until_lost(self, conn: Connection) -> str:
        try:
            while data := await conn.read():
                for line in self._framer.feed(data):
                    self._on_line(line)
        except OSError as exc:
            return str(exc) or type(exc).__name__
        except Exception as exc:
            self._log.exception("unexpected error reading from %s", self._transport.description)
            return repr(exc)
        return "end of stream"

    async def _reconnect(self) -> Connection:
        while True:
            await self._clock.sleep(self._next_delay)
            self._next_delay = min(self._next_delay * 2, self._max_reconnect_delay)
            try:
                conn = await self._transport.connect()
            except Exception as exc:
                self._log.warning(
                    "reconnecting to %s failed (%s); retrying in %g s",
                    self._transport.description,
                    exc,
                    self._next_delay,
                )
                continue
            self._attach(conn)
            self._log.info("reconnected to %s", self._transport.description)
            for callback in list(self._reconnected):
                try:
                    callback()
                except Exception:
                    self._log.exception("a reconnect callback failed")
            return conn
