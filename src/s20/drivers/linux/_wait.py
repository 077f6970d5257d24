"""Wait for an event on the injected clock."""

from __future__ import annotations

import asyncio
import contextlib

from s20.clock import Clock

__all__ = ["wait_on_clock"]


async def wait_on_clock(event: asyncio.Event, clock: Clock, seconds: float) -> bool:
    """Return True once `event` is set, False when `seconds` pass on `clock` first."""
    waiter = asyncio.ensure_future(event.wait())
    timer = asyncio.ensure_future(clock.sleep(seconds))
    try:
        await asyncio.wait({waiter, timer}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (waiter, timer):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    return event.is_set()
