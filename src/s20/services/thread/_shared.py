"""Radio reads shared by the callers that ask while one is under way, and served again briefly."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from s20.clock import Clock

__all__ = ["FRESH_FOR", "REFRESH_AFTER", "RecentRead", "SharedRead"]

T = TypeVar("T")

FRESH_FOR = 1.0  # seconds: an answer read longer ago than this is never served
REFRESH_AFTER = 0.5  # seconds: an answer older than this is re-read in the background


class SharedRead(Generic[T]):
    """Share one read among the callers that ask while it is under way.

    Pollers (web pages, apps, Home Assistant) then cost one radio round of commands
    between them, not one each, and the OpenThread CLI session (one command at a time)
    stays free for changes. `invalidate()` after a change detaches the read under way, so a
    call that follows a change never answers with what the radio said before it.
    """

    def __init__(self) -> None:
        self._read: asyncio.Future[T] | None = None

    async def get(self, read: Callable[[], Awaitable[T]]) -> T:
        """Return the answer of the read under way, or of a new `read()`."""
        # A caller that gives up (its request was cancelled) leaves the read to the others.
        return await asyncio.shield(self.start(read))

    def start(self, read: Callable[[], Awaitable[T]]) -> asyncio.Future[T]:
        """Return the read under way, starting `read()` if none is; nobody need await it."""
        if self._read is None:
            self._read = asyncio.ensure_future(read())
            self._read.add_done_callback(self._done)
        return self._read

    @property
    def busy(self) -> bool:
        """Return whether a read is under way."""
        return self._read is not None

    def invalidate(self) -> None:
        """Make the next caller start a fresh read."""
        self._read = None

    def cancel(self) -> None:
        """Cancel the read under way (the radio is going away)."""
        if self._read is not None:
            self._read.cancel()
            self._read = None

    def _done(self, read: asyncio.Future[T]) -> None:
        if self._read is read:
            self._read = None
        if not read.cancelled():
            read.exception()  # retrieved, so a failure nobody awaited is not logged


class RecentRead(Generic[T]):
    """Serve a read's answer again while it began under `FRESH_FOR` ago, never an older one.

    A radio round costs CLI commands; pollers (web pages, apps, Home Assistant) ask far
    more often than the radio changes. So an answer is served again while its read began
    less than `FRESH_FOR` ago: a change that starts in the radio shows within that time.
    A caller that finds the answer older than `REFRESH_AFTER` starts the next read in the
    background, so a steady poller never waits for the radio. `invalidate()` (after every
    change made through the API) drops the answer and detaches a read under way: the next
    answer is read after the change. Callers that ask while a read is under way share it.
    An answer holds only for the `key` it was read with (the stored passphrase, say).
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._shared: SharedRead[T] = SharedRead()
        self._answer: tuple[T, object] | None = None  # the answer and its key
        self._read_at = 0.0
        self._generation = 0

    async def get(self, read: Callable[[], Awaitable[T]], key: object = None) -> T:
        """Return a recent answer for `key`, or that of a fresh `read()`."""
        if self._answer is not None and self._answer[1] == key:
            age = self._clock.monotonic() - self._read_at
            if age < FRESH_FOR:
                if age >= REFRESH_AFTER:
                    self._shared.start(lambda: self._read(read, key))
                return self._answer[0]
        return await self._shared.get(lambda: self._read(read, key))

    async def _read(self, read: Callable[[], Awaitable[T]], key: object) -> T:
        began, generation = self._clock.monotonic(), self._generation
        answer = await read()
        if generation == self._generation:  # no change was made while the radio answered
            self._answer, self._read_at = (answer, key), began
        return answer

    def invalidate(self) -> None:
        """Forget the answer and detach the read under way: the next caller reads afresh."""
        self._generation += 1
        self._answer = None
        self._shared.invalidate()

    def close(self) -> None:
        """Stop the read under way (the service stops following the radio)."""
        self.invalidate()
        self._shared.cancel()
