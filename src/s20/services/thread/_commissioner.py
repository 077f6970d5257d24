"""The joiner table's life: arming entries on the commissioner and following its events."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Iterable
from dataclasses import replace

from s20.clock import Clock, Timer
from s20.errors import InvalidParams, InvalidState
from s20.otcli import (
    CommissionerJoinerEvent,
    JoinerEventKind,
    OtCliError,
    OtErrorCode,
    Radio,
    RadioError,
)
from s20.store import Database
from s20.thread import check_eui64, check_pskd, joiner_id

from ._config import checked
from ._joiners import MAX_JOINERS, WILDCARD, JoinerEntry, JoinerStatus, JoinerTable

__all__ = [
    "EXPORT_VERSION",
    "REJOIN_TYPES",
    "TIMEOUT_MAX",
    "TIMEOUT_MIN",
    "JoinerManager",
    "check_timeout",
]

log = logging.getLogger(__name__)

EXPORT_VERSION = "1"
TIMEOUT_MIN, TIMEOUT_MAX = 1, 65535
_STAGE_KEY = "thread.staged_joiners"
# rejoin_all's `Type`: which entries it re-arms.
REJOIN_TYPES = {1: {JoinerStatus.TIMEOUT}, 2: {JoinerStatus.JOINED}, 3: set(JoinerStatus)}


def check_timeout(field: str, value: int) -> int:
    """Apply the joiner `Timeout` rule (seconds, 1-65535)."""
    if isinstance(value, bool) or not TIMEOUT_MIN <= value <= TIMEOUT_MAX:
        raise InvalidParams(f"{field} must be an integer from {TIMEOUT_MIN} to {TIMEOUT_MAX}")
    return value


def _check_eui64(field: str, value: str) -> str:
    if value == WILDCARD:
        return value
    try:
        return check_eui64(value).hex()
    except ValueError:
        raise InvalidParams(f'{field} must be 16 hex digits or "*"') from None


class JoinerManager:
    """Keeps the joiner table and hands its entries to the commissioner.

    An entry is recorded at once (status 0). While the commissioner is active each
    armed entry is also on the radio, and its `Timeout` runs from the moment it was
    armed, on the device clock. `Commissioner: Joiner ...` events move it to 1 (seen),
    2 (finalized) or, when the time runs out first, 3.

    The radio's commissioner holds only a few entries (OpenThread's POSIX build: 4) while
    the table holds 50: entries the radio has no room for (`NoBufs`) wait, still status 0,
    and are armed in table order as entries leave the radio (joined, timed out, removed).
    """

    def __init__(self, db: Database, clock: Clock, radio: Radio) -> None:
        self._db = db
        self._clock = clock
        self._radio = radio
        self._table = JoinerTable(db)
        self._timers: dict[str, Timer] = {}
        self._waiting: dict[str, None] = {}  # an ordered set of EUI-64s
        self._tasks: set[asyncio.Task[None]] = set()
        self._active = False

    # -- reading ----------------------------------------------------------------------

    def entries(self) -> list[dict[str, object]]:
        """Return the table as `/otbr/get_joiner_list` shows it."""
        return [e.to_api() for e in self._table.all()]

    def export(self) -> dict[str, object]:
        """Return the table as `/otbr/export_joiner_list` shows it."""
        devices = [{"EUI64": e.eui64, "PSKd": e.pskd} for e in self._table.all()]
        return {"joiner_list_version": EXPORT_VERSION, "DeviceList": devices}

    # -- changing ---------------------------------------------------------------------

    async def add(self, eui64: str, pskd: str, lifetime: int) -> None:
        """Record (or replace) one entry, and arm it if the commissioner is active."""
        entry = JoinerEntry(
            eui64=_check_eui64("EUI64", eui64),
            pskd=checked("PSKd", check_pskd, pskd),
            timeout=check_timeout("Timeout", lifetime),
            add_time=int(self._clock.time()),
        )
        await self._merge([entry])

    async def _merge(self, entries: list[JoinerEntry]) -> None:
        with self._db.transaction() as tx:
            existing = {e.eui64 for e in JoinerTable.rows(tx)}
            total = len(existing | {e.eui64 for e in entries})
            if total > MAX_JOINERS:
                raise InvalidState(
                    f"the joiner table holds at most {MAX_JOINERS} entries "
                    f"({total} requested); remove some first"
                )
            JoinerTable.upsert_many(tx, entries)
        for entry in entries:
            await self._arm(entry)

    async def rejoin_all(self, kind: int, lifetime: int) -> None:
        """Re-arm timed-out (1), joined (2) or all (3) entries, as if newly added."""
        chosen = REJOIN_TYPES.get(kind) if not isinstance(kind, bool) else None
        if chosen is None:
            raise InvalidParams("Type must be 1 (timed out), 2 (joined) or 3 (all)")
        check_timeout("Timeout", lifetime)
        now = int(self._clock.time())
        entries = [
            JoinerTable.rearmed(e, lifetime, now) for e in self._table.all() if e.status in chosen
        ]
        for entry in entries:
            self._table.update(entry)
            await self._arm(entry)

    async def remove(self, eui64s: Iterable[str]) -> None:
        """Remove the named entries from the table and the commissioner."""
        names = [_check_eui64(f"DeviceList[{i}]", v) for i, v in enumerate(eui64s)]
        for eui64 in self._table.remove(names):
            armed = eui64 in self._timers
            self._disarm(eui64)
            if self._active and armed:
                await self._radio_remove(eui64)
        await self._arm_waiting()

    def stage(self, version: str, devices: list[tuple[str, str]]) -> None:
        """Validate an exported list whole and stage it for `commit`."""
        if version != EXPORT_VERSION:
            raise InvalidParams(f'joiner_list_version must be "{EXPORT_VERSION}"')
        if len(devices) > MAX_JOINERS:
            raise InvalidParams(f"DeviceList holds at most {MAX_JOINERS} entries")
        staged: dict[str, str] = {}
        for i, (eui64, pskd) in enumerate(devices):
            key = _check_eui64(f"DeviceList[{i}].EUI64", eui64)
            if key in staged:
                raise InvalidParams(f"DeviceList[{i}].EUI64 {eui64} appears twice")
            staged[key] = checked(f"DeviceList[{i}].PSKd", check_pskd, pskd)
        self._db.put(_STAGE_KEY, [[k, v] for k, v in staged.items()])

    async def commit(self, lifetime: int) -> None:
        """Merge the staged list into the table (all or nothing) and clear the stage."""
        check_timeout("Timeout", lifetime)
        staged = self._db.get(_STAGE_KEY)
        if not staged:
            raise InvalidState("nothing is staged: call /otbr/import_joiner_list first")
        now = int(self._clock.time())
        entries = [JoinerEntry(eui64, pskd, lifetime, add_time=now) for eui64, pskd in staged]
        await self._merge(entries)
        with self._db.transaction() as tx:
            tx.delete(_STAGE_KEY)

    # -- the commissioner ------------------------------------------------------------------

    async def commissioner_active(self) -> None:
        """Arm every entry that is still waiting (status 0 or 1), resuming its countdown."""
        self._active = True
        now = int(self._clock.time())
        for entry in self._table.all():
            if entry.status not in (JoinerStatus.READY, JoinerStatus.JOINING):
                continue
            if entry.armed_until and entry.armed_until <= now:
                # Its time ran out while nobody was watching (s20d was restarting).
                self._table.update(replace(entry, status=JoinerStatus.TIMEOUT, armed_until=0))
                continue
            await self._arm(replace(entry, status=JoinerStatus.READY))

    def commissioner_inactive(self, *, forget: bool = True) -> None:
        """Stop every timer: nothing is armed without a commissioner.

        With `forget` (the user turned the commissioner or Thread off) the countdowns start
        afresh when the commissioner is back; without it (a restart, a reconnect) they
        resume where they were.
        """
        self._active = False
        self._waiting.clear()
        for eui64 in list(self._timers):
            self._disarm(eui64)
        if forget:
            for entry in self._table.all():
                if entry.armed_until:
                    self._table.update(replace(entry, armed_until=0))

    async def _arm(self, entry: JoinerEntry) -> None:
        if not self._active:
            return
        self._disarm(entry.eui64)
        now = int(self._clock.time())
        # A countdown already under way resumes; otherwise the Timeout starts now.
        lifetime = entry.armed_until - now if entry.armed_until > now else entry.timeout
        try:
            await self._radio.commissioner_joiner_add(entry.eui64, entry.pskd, lifetime)
        except OtCliError as exc:
            if exc.code == OtErrorCode.NO_BUFS:
                self._waiting[entry.eui64] = None
                log.info("joiner %s waits: the commissioner has no room", entry.eui64)
            else:
                log.warning("cannot arm joiner %s on the commissioner: %s", entry.eui64, exc)
            return
        except RadioError as exc:
            log.warning("cannot arm joiner %s on the commissioner: %s", entry.eui64, exc)
            return
        self._table.update(replace(entry, status=JoinerStatus.READY, armed_until=now + lifetime))
        self._timers[entry.eui64] = self._clock.call_later(
            lifetime, lambda: self._expire(entry.eui64)
        )

    async def _arm_waiting(self) -> None:
        """Arm waiting entries, in table order, while the radio has room."""
        for eui64 in list(self._waiting):
            self._waiting.pop(eui64, None)
            entry = self._table.get(eui64)
            if entry is None or entry.status not in (JoinerStatus.READY, JoinerStatus.JOINING):
                continue
            await self._arm(entry)
            if eui64 in self._waiting:
                break  # still full

    def _spawn(self, coro: Coroutine[None, None, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _disarm(self, eui64: str) -> None:
        self._waiting.pop(eui64, None)
        timer = self._timers.pop(eui64, None)
        if timer is not None:
            timer.cancel()

    def _expire(self, eui64: str) -> None:
        self._timers.pop(eui64, None)
        entry = self._table.get(eui64)
        if entry is not None:
            status = entry.status if entry.status == JoinerStatus.JOINED else JoinerStatus.TIMEOUT
            self._table.update(replace(entry, status=status, armed_until=0))
            if status == JoinerStatus.TIMEOUT:
                log.info("joiner %s timed out", eui64)
        if self._active:
            # The radio drops the entry itself at the same moment; this makes sure, and
            # gives its place to a waiting entry.
            self._spawn(self._free(eui64))

    async def _free(self, eui64: str) -> None:
        await self._radio_remove(eui64)
        await self._arm_waiting()

    async def _radio_remove(self, eui64: str) -> None:
        try:
            await self._radio.commissioner_joiner_remove(eui64)
        except RadioError as exc:
            log.debug("commissioner joiner remove %s: %s", eui64, exc)

    def _entry_for(self, joiner: str | None) -> JoinerEntry | None:
        entries = self._table.all()
        if joiner is not None:
            for e in entries:
                if e.eui64 != WILDCARD and joiner_id(bytes.fromhex(e.eui64)).hex() == joiner:
                    return e
        return next((e for e in entries if e.eui64 == WILDCARD), None)

    def on_event(self, event: CommissionerJoinerEvent) -> None:
        """Follow one `Commissioner: Joiner <kind> <id>` line."""
        if event.kind == JoinerEventKind.REMOVE and self._waiting:
            self._spawn(self._arm_waiting())  # the radio has room again
        entry = self._entry_for(event.joiner_id)
        if entry is None or entry.eui64 not in self._timers:
            return
        now = int(self._clock.time())
        if event.kind in (JoinerEventKind.START, JoinerEventKind.CONNECT):
            if entry.status != JoinerStatus.JOINED:
                self._table.update(replace(entry, status=JoinerStatus.JOINING))
        elif event.kind == JoinerEventKind.FINALIZE:
            done = entry.eui64 != WILDCARD  # the wildcard stays armed for others
            self._table.update(
                replace(
                    entry,
                    status=JoinerStatus.JOINED,
                    joined_time=now,
                    armed_until=0 if done else entry.armed_until,
                )
            )
            if done:
                self._disarm(entry.eui64)
        elif event.kind == JoinerEventKind.END:
            # An attempt that ends without finalize failed (wrong PSKd): still armed.
            if entry.status == JoinerStatus.JOINING:
                self._table.update(replace(entry, status=JoinerStatus.READY))
        elif event.kind == JoinerEventKind.REMOVE and (event.joiner_id is None) == (
            entry.eui64 == WILDCARD
        ):
            self._disarm(entry.eui64)
            status = entry.status if entry.status == JoinerStatus.JOINED else JoinerStatus.TIMEOUT
            self._table.update(replace(entry, status=status, armed_until=0))
