"""One injectable clock for every timer and timestamp.

Services, the simulated world and the daemon never call `time.time()` or
`asyncio.sleep()` directly: they take a `Clock`. Production uses `SystemClock`;
tests use `ManualClock` and move time with `advance()` instead of sleeping.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["Clock", "ManualClock", "SystemClock", "Timer"]


class Timer(Protocol):
    """A scheduled callback that can be cancelled."""

    def cancel(self) -> None:
        """Stop the callback from running; harmless if it already ran."""


class Clock(Protocol):
    """Wall time, monotonic time, sleeping and timers from one source."""

    def time(self) -> float:
        """Return Unix time in seconds."""

    def monotonic(self) -> float:
        """Return a monotonic time in seconds, for durations and expiry."""

    async def sleep(self, seconds: float) -> None:
        """Wait for `seconds` of this clock's time."""

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        """Run `callback` once after `delay` seconds of this clock's time."""


class SystemClock:
    """The real clock: the operating system's time and the running event loop."""

    def time(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        return asyncio.get_running_loop().call_later(max(0.0, delay), callback)


@dataclass(order=True)
class _Entry:
    due: float
    seq: int
    callback: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        self.cancelled = True


class ManualClock:
    """A clock that only moves when told to; for tests and deterministic simulation.

    `advance()` runs every timer that falls due, in order, each at its own due time,
    so a callback that schedules another one inside the window sees it run too.
    Coroutines blocked in `sleep()` are woken through the same timers; use
    `advance_async()` from async code so they get to run between timers.
    """

    def __init__(self, start: float = 1_767_225_600.0) -> None:
        # 2026-01-01T00:00:00Z: a fixed, plausible wall time for reproducible tests.
        self._wall0 = start
        self._now = 0.0
        self._heap: list[_Entry] = []
        self._seq = itertools.count()

    def time(self) -> float:
        return self._wall0 + self._now

    def monotonic(self) -> float:
        return self._now

    def set_time(self, unix_time: float) -> None:
        """Step the wall clock (as settimeofday would) without moving monotonic time."""
        self._wall0 = unix_time - self._now

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        entry = _Entry(self._now + max(0.0, delay), next(self._seq), callback)
        heapq.heappush(self._heap, entry)
        return entry

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def wake() -> None:
            if not future.done():
                future.set_result(None)

        timer = self.call_later(seconds, wake)
        try:
            await future
        finally:
            timer.cancel()

    def pending(self) -> int:
        """Return how many timers are still scheduled."""
        return sum(1 for e in self._heap if not e.cancelled)

    def next_due(self) -> float | None:
        """Return the monotonic time of the earliest live timer, if any."""
        while self._heap and self._heap[0].cancelled:
            heapq.heappop(self._heap)
        return self._heap[0].due if self._heap else None

    def _pop_due(self, until: float) -> _Entry | None:
        due = self.next_due()
        if due is None or due > until:
            return None
        return heapq.heappop(self._heap)

    def advance(self, seconds: float) -> None:
        """Move time forward, running timers as they fall due (synchronously)."""
        until = self._now + seconds
        while (entry := self._pop_due(until)) is not None:
            self._now = max(self._now, entry.due)
            entry.callback()
        self._now = until

    async def advance_async(self, seconds: float) -> None:
        """Move time forward, letting the event loop run after every timer."""
        until = self._now + seconds
        await _settle()
        while (entry := self._pop_due(until)) is not None:
            self._now = max(self._now, entry.due)
            entry.callback()
            await _settle()
        self._now = until
        await _settle()


async def _settle(rounds: int = 20) -> None:
    """Let ready tasks run; enough rounds for short await chains to finish."""
    for _ in range(rounds):
        await asyncio.sleep(0)
