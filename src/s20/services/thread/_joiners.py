"""The joiner table: what the commissioner admits, kept in the database (docs/contract.md §4)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import IntEnum

from s20.store import Database, Transaction

__all__ = ["MAX_JOINERS", "WILDCARD", "JoinerEntry", "JoinerStatus", "JoinerTable"]

MAX_JOINERS = 50
WILDCARD = "*"


class JoinerStatus(IntEnum):
    """`DeviceList[x].Status` of `/otbr/get_joiner_list`."""

    READY = 0
    JOINING = 1
    JOINED = 2
    TIMEOUT = 3


@dataclass(frozen=True)
class JoinerEntry:
    """One row of the joiner table; `eui64` is 16 lower-case hex digits or `*`."""

    eui64: str
    pskd: str
    timeout: int
    status: JoinerStatus = JoinerStatus.READY
    add_time: int = 0
    joined_time: int = 0
    armed_until: int = 0  # Unix seconds when the commissioner's Timeout runs out; 0 unarmed

    def to_api(self) -> dict[str, object]:
        """Return the entry as `/otbr/get_joiner_list` shows it."""
        return {
            "EUI64": self.eui64,
            "Status": int(self.status),
            "PSKd": self.pskd,
            "Timeout": self.timeout,
            "AddTime": self.add_time,
            "JoinedTime": self.joined_time,
        }


_SELECT = "SELECT eui64, pskd, timeout, status, add_time, joined_time, armed_until FROM joiner"
_INSERT = (
    "INSERT INTO joiner (eui64, pskd, timeout, status, add_time, joined_time, armed_until) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _entry(row: sqlite3.Row | tuple[object, ...]) -> JoinerEntry:
    eui64, pskd, timeout, status, add_time, joined_time, armed_until = row
    return JoinerEntry(
        str(eui64),
        str(pskd),
        int(str(timeout)),
        JoinerStatus(int(str(status))),
        int(str(add_time)),
        int(str(joined_time)),
        int(str(armed_until)),
    )


class JoinerTable:
    """Rows in insertion order; an EUI-64 added again replaces its row and moves to the end."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[JoinerEntry]:
        """Return every entry, oldest first."""
        with self._db.transaction() as tx:
            return self.rows(tx)

    @staticmethod
    def rows(tx: Transaction) -> list[JoinerEntry]:
        """Return every entry inside an open transaction."""
        cursor = tx.conn.execute(_SELECT + " ORDER BY rowid")
        return [_entry(r) for r in cursor]

    def get(self, eui64: str) -> JoinerEntry | None:
        """Return the entry for `eui64`, if any."""
        with self._db.transaction() as tx:
            row = tx.conn.execute(_SELECT + " WHERE eui64 = ?", (eui64,)).fetchone()
        return None if row is None else _entry(row)

    @staticmethod
    def upsert_many(tx: Transaction, entries: Iterable[JoinerEntry]) -> None:
        """Add or replace entries inside an open transaction."""
        for e in entries:
            tx.conn.execute("DELETE FROM joiner WHERE eui64 = ?", (e.eui64,))
            tx.conn.execute(
                _INSERT,
                (
                    e.eui64,
                    e.pskd,
                    e.timeout,
                    int(e.status),
                    e.add_time,
                    e.joined_time,
                    e.armed_until,
                ),
            )

    def update(self, entry: JoinerEntry) -> None:
        """Write an entry's new status and times in place (its position is kept)."""
        with self._db.transaction() as tx:
            tx.conn.execute(
                "UPDATE joiner SET pskd = ?, timeout = ?, status = ?, add_time = ?, "
                "joined_time = ?, armed_until = ? WHERE eui64 = ?",
                (
                    entry.pskd,
                    entry.timeout,
                    int(entry.status),
                    entry.add_time,
                    entry.joined_time,
                    entry.armed_until,
                    entry.eui64,
                ),
            )

    def remove(self, eui64s: Iterable[str]) -> list[str]:
        """Remove the named entries; return those that were there."""
        removed: list[str] = []
        with self._db.transaction() as tx:
            for eui64 in eui64s:
                cur = tx.conn.execute("DELETE FROM joiner WHERE eui64 = ?", (eui64,))
                if cur.rowcount:
                    removed.append(eui64)
        return removed

    @staticmethod
    def rearmed(entry: JoinerEntry, timeout: int, now: int) -> JoinerEntry:
        """Return `entry` ready to join again, as if newly added."""
        return replace(
            entry,
            timeout=timeout,
            status=JoinerStatus.READY,
            add_time=now,
            joined_time=0,
            armed_until=0,
        )
