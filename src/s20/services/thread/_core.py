"""The Thread service's state, and the radio steps that each of its parts takes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from typing import Any

from s20.clock import Clock, Timer
from s20.errors import OperationFailed
from s20.otcli import CommissionerState, DeviceRole, OtCliError, OtErrorCode, Radio, RadioError
from s20.store import Database

from ._commissioner import JoinerManager
from ._config import ThreadConfig
from ._failures import radio_errors
from ._join import JoinAttempt
from ._scan import Scanner
from ._shared import RecentRead
from ._status import StatusReader

__all__ = ["ThreadCore"]

log = logging.getLogger(__name__)

ATTACH_POLL = 1.0  # seconds between `state` polls while waiting to attach
ATTACH_PATIENCE = 300.0  # how long a started network is watched for attaching


def _nothing() -> None:
    return None


class ThreadCore:
    """The service's state and lock, and the radio steps that its parts share."""

    def __init__(self, db: Database, clock: Clock, radio: Radio, mac: str) -> None:
        self._db = db
        self._clock = clock
        self._radio = radio
        self._mac = mac
        self._lock = asyncio.Lock()
        self._scanner = Scanner(radio)
        self._reader: StatusReader | None = None
        self._summary: RecentRead[tuple[DeviceRole, CommissionerState]] = RecentRead(clock)
        self._tasks: set[asyncio.Task[None]] = set()
        self._attach_task: asyncio.Task[None] | None = None
        self._unsubscribe: Callable[[], None] = _nothing
        self.joiners = JoinerManager(db, clock, radio)
        self.join_attempt = JoinAttempt()
        self._join_watchdog: Timer | None = None
        self._stored = ThreadConfig.load(db)
        self._config = self._stored or ThreadConfig.fresh(mac, clock.time())

    def _spawn(self, coro: Awaitable[None]) -> None:
        async def run() -> None:
            try:
                await coro
            except (RadioError, OperationFailed) as exc:
                log.warning("thread background step failed: %s", exc)

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- radio steps ---------------------------------------------------------------------

    async def _thread_up(self) -> None:
        await self._radio.ifconfig_up()
        await self._radio.thread_start()
        self._watch_attach()

    async def _thread_down(self) -> None:
        if self._attach_task is not None:
            self._attach_task.cancel()
        self.joiners.commissioner_inactive()
        await self._radio.thread_stop()
        await self._radio.ifconfig_down()

    def _watch_attach(self) -> None:
        """Once attached, bring back the commissioner and BBR that the config wants."""
        if self._attach_task is not None:
            self._attach_task.cancel()
        self._attach_task = asyncio.get_running_loop().create_task(self._after_attach())

    async def _after_attach(self) -> None:
        waited = 0.0
        try:
            while await self._radio.state() < DeviceRole.CHILD:
                if waited >= ATTACH_PATIENCE:
                    log.warning("thread did not attach within %.0f s", ATTACH_PATIENCE)
                    return
                await self._clock.sleep(ATTACH_POLL)
                waited += ATTACH_POLL
            await self._adopt_network_dataset()
            if self._config.commissioner:
                await self._commissioner_start()
            if self._config.bbr:
                await self._radio.bbr_enable()
        except RadioError as exc:
            log.warning("restoring commissioner/BBR after attach failed: %s", exc)

    async def _adopt_network_dataset(self) -> None:
        """Keep what the network decided: an attached node takes its leader's dataset."""
        async with self._lock:
            current = await self._radio.active_dataset_hex()
            if not current or current == self._config.dataset:
                return
            self._store(dataset=current)
        log.info("stored the active dataset the Thread network handed over")

    async def _commissioner_start(self) -> None:
        try:
            await self._radio.commissioner_start()
        except OtCliError as exc:
            if exc.code != OtErrorCode.ALREADY:
                raise
            if await self._radio.commissioner_state() == CommissionerState.ACTIVE:
                await self.joiners.commissioner_active()

    async def _apply(self, new: ThreadConfig) -> None:
        """Put a new dataset on the radio (restarting Thread if on), then store it."""
        was_up = await self._radio.state() != DeviceRole.DISABLED
        try:
            if was_up:
                await self._thread_down()
            await self._radio.set_active_dataset(new.dataset)
            if new.enabled:
                await self._thread_up()
        except RadioError:
            await self._restore(was_up)
            raise
        new.save(self._db)
        self._config = new

    async def _restore(self, was_up: bool) -> None:
        with contextlib.suppress(RadioError):
            await self._radio.set_active_dataset(self._config.dataset)
            if was_up:
                await self._thread_up()

    @contextlib.asynccontextmanager
    async def _exclusive(self, what: str) -> AsyncIterator[None]:
        async with self._lock:
            try:
                with radio_errors(what):
                    yield
            finally:
                # A status read begun before this change must not answer after it.
                if self._reader is not None:
                    self._reader.invalidate()
                self._summary.invalidate()

    def _store(self, **changes: Any) -> None:
        new = replace(self._config, **changes)
        new.save(self._db)
        self._config = new
