"""scripts/forget_old_conversations.py on a SQLite file written by Rasa's own SQLTrackerStore."""

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from scripts.forget_old_conversations import main
from serving.tracker_store_types import SQL_STORE_SUBCLASS

DAY = 86_400.0


def conversation(sender: str, last_seen: float) -> DialogueStateTracker:
    start = last_seen - 600
    return DialogueStateTracker.from_events(
        sender,
        [
            ActionExecuted("action_session_start", timestamp=start),
            SessionStarted(timestamp=start),
            ActionExecuted("action_listen", timestamp=start),
            UserUttered("hello", timestamp=start + 1),
            BotUttered("Hi, I'm the hamstring helper.", timestamp=start + 2),
            UserUttered("check my symptoms", timestamp=last_seen),
        ],
    )


@pytest.fixture(params=["SQL", SQL_STORE_SUBCLASS])
def store_file(tmp_path: Path, request) -> Path:
    db = tmp_path / "conversations.db"
    store = SQLTrackerStore(dialect="sqlite", db=str(db))
    now = time.time()
    for sender, age_days in [("a", 400), ("b", 31), ("c", 29), ("d", 0.01)]:
        asyncio.run(store.save(conversation(sender, now - age_days * DAY)))
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        yaml.safe_dump({"tracker_store": {"type": request.param, "dialect": "sqlite", "db": str(db)}})
    )
    return endpoints


def senders(endpoints: Path) -> list[str]:
    db = yaml.safe_load(endpoints.read_text())["tracker_store"]["db"]
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("select distinct sender_id from events order by 1")]


def test_dry_run_counts_the_old_conversations_and_deletes_nothing(store_file, capsys):
    assert main(["--days", "30", "--dry-run", "--endpoints", str(store_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 conversation(s), 12 event(s)") and "would be deleted" in out
    assert "2 conversation(s) kept" in out
    assert senders(store_file) == ["a", "b", "c", "d"]


def test_old_conversations_are_deleted_and_recent_ones_kept(store_file, capsys):
    assert main(["--days", "30", "--endpoints", str(store_file)]) == 0
    assert "deleted;" in capsys.readouterr().out
    assert senders(store_file) == ["c", "d"]
    assert main(["--days", "30", "--dry-run", "--endpoints", str(store_file)]) == 0
    assert capsys.readouterr().out.startswith("0 conversation(s)"), "a second run finds nothing"


def test_a_missing_sqlite_file_is_not_created(tmp_path, capsys):
    endpoints = tmp_path / "endpoints.yml"
    missing = tmp_path / "none.db"
    endpoints.write_text(
        yaml.safe_dump({"tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(missing)}})
    )
    assert main(["--days", "30", "--endpoints", str(endpoints)]) == 0
    assert "does not exist" in capsys.readouterr().out and not missing.exists()


def test_a_store_other_than_sql_is_refused(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump({"tracker_store": {"type": "redis"}}))
    with pytest.raises(SystemExit, match="SQL tracker store"):
        main(["--days", "30", "--endpoints", str(endpoints)])
