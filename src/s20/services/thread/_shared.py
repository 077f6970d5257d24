"""One radio read at a time, shared by every caller that asks while it is under way."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

__all__ = ["SharedRead"]

T = TypeVar("T")


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
