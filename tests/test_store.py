"""The database: WAL, 0600, schema version, all-or-nothing transactions."""

import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from s20.store import SCHEMA_VERSION, Database, StoreError


def test_file_mode_wal_and_version(tmp_path: Path) -> None:
    db = Database.in_dir(tmp_path / "s")
    db.put("a", {"x": 1})
    mode = stat.S_IMODE(db.path.stat().st_mode)
    assert mode == 0o600
    for extra in db.path.parent.glob("*-wal"):
        assert stat.S_IMODE(extra.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.path.parent.stat().st_mode) == 0o700
    assert db.schema_version() == 4
    with sqlite3.connect(db.path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Per connection: the database's own must wait for the disk on every commit.
    with db.transaction() as tx:
        assert tx.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert tx.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_failed_transaction_changes_nothing(db: Database) -> None:
    db.put("a", 1)

    def change() -> None:
        with db.transaction() as tx:
            tx.put("a", 2)
            tx.put("b", 3)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        change()
    assert db.get("a") == 1
    assert db.get("b") is None


_WRITE_THEN_DIE = """
import os, signal, sys
from pathlib import Path
from s20.store import Database

db = Database.in_dir(Path(sys.argv[1]))
db.put("k", ["v"])
with db.transaction() as tx:
    tx.put("j", 2)
# No close, no clean exit: killed right after the answer would have gone out.
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_committed_change_survives_a_crash(tmp_path: Path) -> None:
    child = subprocess.run(
        [sys.executable, "-c", _WRITE_THEN_DIE, str(tmp_path)], timeout=60, check=False
    )
    assert child.returncode == -signal.SIGKILL
    assert (tmp_path / "s20.sqlite3-wal").exists()  # the changes were never checkpointed
    db = Database.in_dir(tmp_path)
    assert db.get("k") == ["v"]
    assert db.get("j") == 2
    db.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = Database.in_dir(tmp_path)
    db.close()
    with sqlite3.connect(tmp_path / "s20.sqlite3") as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="schema version"):
        Database.in_dir(tmp_path)


def test_factory_reset_keeps_only_hardware_keys(db: Database) -> None:
    db.put("identity", {"mac": "x"})
    db.put("auth", {"salt": "s"})
    db.put("thread.dataset", "00")
    with db.transaction() as tx:
        tx.factory_reset(keep=frozenset({"identity"}))
        assert tx.keys() == ["identity"]
    assert db.get("identity") == {"mac": "x"}


def test_delete_prefix(db: Database) -> None:
    with db.transaction() as tx:
        tx.put("wifi.a", 1)
        tx.put("wifi.b", 2)
        tx.put("wifix", 3)
        tx.delete_prefix("wifi.")
        assert tx.keys() == ["wifix"]


def test_migrates_a_version_2_database_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "s20.sqlite3"
    with sqlite3.connect(path) as raw:  # what s20 with schema version 2 wrote
        raw.execute("CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT")
        raw.execute(
            "CREATE TABLE joiner (eui64 TEXT PRIMARY KEY, pskd TEXT NOT NULL, timeout INTEGER "
            "NOT NULL, status INTEGER NOT NULL, add_time INTEGER NOT NULL, joined_time "
            "INTEGER NOT NULL) STRICT"
        )
        raw.execute("INSERT INTO joiner VALUES ('18b4300000000002', 'J01NME', 120, 0, 5, 0)")
        raw.execute("PRAGMA user_version = 2")
    db = Database.in_dir(tmp_path)
    assert db.schema_version() == SCHEMA_VERSION == 4
    from s20.services.thread import JoinerEntry
    from s20.services.thread._joiners import JoinerTable

    assert JoinerTable(db).all() == [JoinerEntry("18b4300000000002", "J01NME", 120, add_time=5)]
    db.close()


def test_a_read_always_sees_the_last_write_whatever_it_kept(db: Database) -> None:
    db.put("k", {"v": 1})
    assert db.get("k") == {"v": 1}
    assert db.get("k") == {"v": 1}
    db.put("k", {"v": 2})
    assert db.get("k") == {"v": 2}
    with db.transaction() as tx:
        tx.delete("k")
    assert db.get("k", "gone") == "gone"
    db.put("k", {"v": 3})
    assert db.get("k") == {"v": 3}
    # Read inside a transaction that is then rolled back: the write it saw never happened.
    seen = []

    def put_read_and_fail() -> None:
        with db.transaction() as tx:
            tx.put("k", {"v": 4})
            seen.append(db.get("k"))
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        put_read_and_fail()
    assert seen == [{"v": 4}]
    assert db.get("k") == {"v": 3}
    with db.transaction() as tx:
        tx.factory_reset(keep=frozenset())
    assert db.get("k") is None
    answer = db.get("other", {"fresh": True})
    answer["fresh"] = False  # a caller's change to what it got is not kept
    db.put("other", {"v": 5})
    assert db.get("other") == {"v": 5}
    first = db.get("other")
    first["v"] = 6
    assert db.get("other") == {"v": 5}
