"""Load processes: pinned off the server's core, started together, each reporting once.

The processes are spawned first and told their job later, so their interpreters start
while the server does. A job prepares (opens its clients or connections), then waits at
a barrier shared with every other load process and the parent, so all of them load the
server over the same window; it runs until its own deadline and reports its figures.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import threading
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any, Protocol

__all__ = ["Go", "Job", "LoadProcesses"]

START_TIMEOUT = 60.0

Go = Callable[[], Awaitable[float]]
"""Wait until every load process is ready; return this process's deadline (monotonic)."""


class Job(Protocol):
    """One load process's work; picklable, so a spawned process can receive it."""

    @property
    def seconds(self) -> float:
        """Return how long the job loads the server once every process is ready."""

    async def run(self, go: Go) -> Any:
        """Prepare, `await go()`, load the server until the deadline; return the figures."""


@dataclass(frozen=True)
class _Failed:
    job: str
    traceback: str


class LoadProcesses:
    """`count` spawned processes on `cpus`; `start(jobs)` runs them, `collect()` reports."""

    def __init__(self, count: int, cpus: set[int] | None) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._barrier = ctx.Barrier(count + 1)
        self._results: Queue[tuple[int, Any]] = ctx.Queue()
        self._senders: list[Connection] = []
        self._procs: list[multiprocessing.process.BaseProcess] = []
        for n in range(count):
            receiver, sender = ctx.Pipe(duplex=False)
            args = (n, receiver, cpus, self._barrier, self._results)
            proc = ctx.Process(target=_main, args=args, daemon=True)
            proc.start()
            self._senders.append(sender)
            self._procs.append(proc)
        self._started = False

    def start(self, jobs: list[Job]) -> None:
        """Hand each process its job; return once all of them are ready to load."""
        assert len(jobs) == len(self._procs)
        for sender, job in zip(self._senders, jobs, strict=True):
            sender.send(job)
        self._started = True
        try:
            self._barrier.wait(START_TIMEOUT)
        except threading.BrokenBarrierError:
            self.collect(wait=5.0)  # raises with the failed process's traceback
            raise RuntimeError("the load processes did not start") from None

    def collect(self, wait: float) -> list[Any]:
        """Return every process's figures, in job order; raise if one failed or is silent."""
        figures: list[Any] = [None] * len(self._procs)
        for _ in self._procs:
            try:
                index, figure = self._results.get(timeout=wait)
            except queue.Empty:
                raise RuntimeError("a load process did not report its figures") from None
            if isinstance(figure, _Failed):
                raise RuntimeError(f"the {figure.job} load process failed:\n{figure.traceback}")
            figures[index] = figure
        return figures

    def close(self) -> None:
        """Let every process end (telling idle ones there is no job), then reap them."""
        if not self._started:
            for sender in self._senders:
                sender.send(None)
        for proc in self._procs:
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join()


def _main(
    index: int,
    receiver: Connection,
    cpus: set[int] | None,
    barrier: Barrier,
    results: Queue[tuple[int, Any]],
) -> None:
    """Run the job this spawned process is handed and put `(index, figures)` on `results`."""
    if cpus is not None:
        os.sched_setaffinity(0, cpus)
    if not receiver.poll(START_TIMEOUT):
        return
    job: Job | None = receiver.recv()
    if job is None:
        return

    async def go() -> float:
        await asyncio.to_thread(barrier.wait, START_TIMEOUT)
        return time.monotonic() + job.seconds

    try:
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            figures: Any = runner.run(job.run(go))
    except BaseException:
        # Without this the parent would wait out the barrier's whole timeout.
        barrier.abort()
        figures = _Failed(type(job).__name__, traceback.format_exc())
    results.put((index, figures))


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency except on Windows
        return None
    return uvloop.new_event_loop
