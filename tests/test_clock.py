"""The manual clock runs timers in order, at their own due time."""

import asyncio

from s20.clock import ManualClock, SystemClock


def test_advance_runs_due_timers_in_order() -> None:
    clock = ManualClock(start=1000.0)
    seen: list[tuple[str, float]] = []
    clock.call_later(2.0, lambda: seen.append(("b", clock.monotonic())))
    clock.call_later(1.0, lambda: seen.append(("a", clock.monotonic())))
    late = clock.call_later(5.0, lambda: seen.append(("late", clock.monotonic())))
    clock.advance(3.0)
    assert seen == [("a", 1.0), ("b", 2.0)]
    assert clock.time() == 1003.0
    late.cancel()
    clock.advance(10.0)
    assert seen == [("a", 1.0), ("b", 2.0)]
    assert clock.pending() == 0


def test_timer_scheduled_inside_the_window_runs() -> None:
    clock = ManualClock()
    seen: list[float] = []

    def first() -> None:
        clock.call_later(1.0, lambda: seen.append(clock.monotonic()))

    clock.call_later(1.0, first)
    clock.advance(2.5)
    assert seen == [2.0]
    assert clock.monotonic() == 2.5


def test_set_time_moves_wall_clock_only() -> None:
    clock = ManualClock()
    clock.advance(5)
    clock.set_time(2_000_000_000.0)
    assert clock.time() == 2_000_000_000.0
    assert clock.monotonic() == 5


async def test_sleep_wakes_on_advance() -> None:
    clock = ManualClock()
    woke: list[float] = []

    async def sleeper() -> None:
        await clock.sleep(10)
        woke.append(clock.monotonic())

    task = asyncio.create_task(sleeper())
    await clock.advance_async(9.9)
    assert woke == []
    await clock.advance_async(0.1)
    assert woke == [10.0]
    await task


async def test_cancelled_sleep_leaves_no_timer() -> None:
    clock = ManualClock()
    task = asyncio.create_task(clock.sleep(10))
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert clock.pending() == 0


async def test_system_clock_timer_fires() -> None:
    clock = SystemClock()
    fired = asyncio.Event()
    clock.call_later(0, fired.set)
    await asyncio.wait_for(fired.wait(), 1)
    assert clock.time() > 1_700_000_000
