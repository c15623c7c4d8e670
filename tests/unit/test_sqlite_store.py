"""The default store's SQLite file is private and in write-ahead-log mode before Rasa opens it."""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from pathlib import Path

from serving.sqlite_store import journal_mode, prepare_sqlite_store


def test_a_new_file_is_private_and_write_ahead_logged(tmp_path: Path) -> None:
    database = tmp_path / "var" / "conversations.db"
    prepare_sqlite_store(database)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert journal_mode(database) == "wal"


def test_an_existing_database_keeps_its_conversations(tmp_path: Path) -> None:
    database = tmp_path / "conversations.db"
    with closing(sqlite3.connect(database)) as db:
        db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, data TEXT)")
        db.execute("INSERT INTO events (data) VALUES ('a turn')")
        db.commit()
    database.chmod(0o644)
    prepare_sqlite_store(database)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert journal_mode(database) == "wal"
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("SELECT data FROM events").fetchall() == [("a turn",)]


def test_commits_stay_fully_synced(tmp_path: Path) -> None:
    database = tmp_path / "conversations.db"
    prepare_sqlite_store(database)
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
