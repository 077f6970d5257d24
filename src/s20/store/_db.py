"""The device database: settings as JSON values in one key-value table, plus typed tables.

Every change runs in one transaction (`with db.transaction() as tx:`), and the database
runs in WAL mode with `synchronous=FULL`, so a change answered with code 0 survives a
crash or power loss. The file is created with mode 0600: it holds the password verifier.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["SCHEMA_VERSION", "Database", "StoreError", "Transaction"]

DB_FILENAME = "s20.sqlite3"

# Each entry moves the schema from version i to i + 1: its statements run in one
# transaction with the version bump. Append, never edit.
_MIGRATIONS: list[tuple[str, ...]] = [
    ("CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",),
    (
        """
        CREATE TABLE joiner (
            eui64       TEXT PRIMARY KEY,
            pskd        TEXT NOT NULL,
            timeout     INTEGER NOT NULL,
            status      INTEGER NOT NULL,
            add_time    INTEGER NOT NULL,
            joined_time INTEGER NOT NULL
        ) STRICT
        """,
    ),
    # When an armed joiner entry's Timeout runs out (Unix seconds; 0 when not armed),
    # so a restart resumes the countdown instead of starting it again.
    ("ALTER TABLE joiner ADD COLUMN armed_until INTEGER NOT NULL DEFAULT 0",),
    # Saved Wi-Fi networks (at most 3, told apart by SSID and auth mode), oldest first.
    (
        """
        CREATE TABLE saved_wifi (
            ssid       TEXT NOT NULL,
            auth_mode  INTEGER NOT NULL,
            settings   TEXT NOT NULL,
            saved_at   INTEGER NOT NULL,
            PRIMARY KEY (ssid, auth_mode)
        ) STRICT
        """,
    ),
]

SCHEMA_VERSION = len(_MIGRATIONS)


class StoreError(Exception):
    """The database cannot be opened or is from a newer version of s20."""


class Transaction:
    """The operations allowed inside one transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, key: str, default: Any = None) -> Any:
        """Return the JSON value stored under `key`, or `default`."""
        row = self.conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def put(self, key: str, value: Any) -> None:
        """Store `value` (JSON-serializable) under `key`."""
        self.conn.execute(
            "INSERT INTO kv (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, separators=(",", ":"))),
        )

    def delete(self, key: str) -> None:
        """Remove `key` if present."""
        self.conn.execute("DELETE FROM kv WHERE key = ?", (key,))

    def delete_prefix(self, prefix: str) -> None:
        """Remove every key starting with `prefix`."""
        self.conn.execute("DELETE FROM kv WHERE substr(key, 1, ?) = ?", (len(prefix), prefix))

    def factory_reset(self, keep: frozenset[str]) -> None:
        """Erase every setting and every row of every table, except the `keep` keys."""
        tables = [
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'kv'"
            )
        ]
        for table in tables:
            self.conn.execute(f'DELETE FROM "{table}"')  # noqa: S608 - names from the schema
        for key in self.keys():
            if key not in keep:
                self.delete(key)

    def keys(self) -> list[str]:
        """Return every key, sorted."""
        return [r[0] for r in self.conn.execute("SELECT key FROM kv ORDER BY key")]


class Database:
    """One SQLite file in the state folder; thread-safe, one writer at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn = self._open(path)
        # Polled reads (the password record on every request) skip SQLite while the
        # database is unchanged: JSON texts by key, as of `_read_at` total changes.
        self._read: dict[str, str | None] = {}
        self._read_at = -1

    @classmethod
    def in_dir(cls, state_dir: Path) -> Database:
        """Open (creating if needed) the database in `state_dir`."""
        try:
            state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            return cls(state_dir / DB_FILENAME)
        except FileExistsError as exc:
            raise StoreError(f"cannot use state folder {state_dir}: it is a file") from exc
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise StoreError(f"cannot use state folder {state_dir}: {reason}") from exc

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        # Create the file 0600 before SQLite does, so it is never world-readable.
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
        old_umask = os.umask(0o077)  # the -wal and -shm files get 0600 too
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from exc
        finally:
            os.umask(old_umask)
        Database._migrate(conn, path)
        return conn

    @staticmethod
    def _migrate(conn: sqlite3.Connection, path: Path) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database {path} has schema version {version}; "
                f"this s20 understands up to {SCHEMA_VERSION}"
            )
        for target in range(version, SCHEMA_VERSION):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _MIGRATIONS[target]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Run a block as one transaction: committed if it returns, rolled back if it raises."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def get(self, key: str, default: Any = None) -> Any:
        """Read one value outside a transaction (from memory while nothing was written)."""
        with self._lock:
            conn = self._conn
            if conn.in_transaction:  # what it reads may yet be rolled back: never kept
                return Transaction(conn).get(key, default)
            # Every write through this connection (a rolled-back one too) moves
            # total_changes; the device's process is the database's only writer.
            if conn.total_changes != self._read_at:
                self._read.clear()
                self._read_at = conn.total_changes
            if key in self._read:
                text = self._read[key]
            else:
                row = conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
                text = self._read[key] = None if row is None else row[0]
        return default if text is None else json.loads(text)

    def put(self, key: str, value: Any) -> None:
        """Write one value in its own transaction."""
        with self.transaction() as tx:
            tx.put(key, value)

    def schema_version(self) -> int:
        """Return `PRAGMA user_version`."""
        with self._lock:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        with self._lock:
            self._conn.close()
