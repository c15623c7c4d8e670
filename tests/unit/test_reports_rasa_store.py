"""The one Rasa adapter of the report (reports/rasa_store.py), on a SQLite store written by Rasa."""

from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from reports.rasa_store import check_reachable, event_lists
from reports.records import conversations_from_events
from serving.tracker_store_types import SQL_STORE_SUBCLASS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("store_type", ["SQL", SQL_STORE_SUBCLASS])
async def test_every_sender_comes_back_as_its_events_without_its_id(tmp_path, store_type):
    database = tmp_path / "conversations.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(database))
    for sender, text in (("+441234567890", "hello"), ("someone@example.org", "what is the hamstring")):
        tracker = DialogueStateTracker.from_events(
            sender,
            [
                ActionExecuted("action_session_start"),
                SessionStarted(),
                UserUttered(text, {"name": "greet", "confidence": 0.9}, input_channel="twilio"),
                ActionExecuted("utter_greet"),
                BotUttered("Hi", metadata={"utter_action": "utter_greet"}),
            ],
        )
        await store.save(tracker)
    config = {"type": store_type, "dialect": "sqlite", "db": str(database)}
    check_reachable(config)
    found = [events async for events in event_lists(config, ROOT / "domain.yml")]
    texts = sorted(c.turns[0].text for events in found for c in conversations_from_events(events))
    assert texts == ["hello", "what is the hamstring"]
    assert "+441234567890" not in str(found) and "someone@example.org" not in str(found)


async def test_a_store_class_rasa_cannot_load_is_an_error_not_an_empty_report(tmp_path):
    config = {"type": SQL_STORE_SUBCLASS, "dialect": "sqlite", "db": str(tmp_path / "c.db")}
    with pytest.MonkeyPatch.context() as patched:
        patched.delattr("rasa_addons.sql_tracker_store.TurnSQLTrackerStore")  # Rasa: "not found"
        with pytest.raises(ConnectionError, match="could not be loaded"):
            [events async for events in event_lists(config, ROOT / "domain.yml")]


def test_an_unreachable_database_is_said_at_once_without_its_password():
    config = {"type": "SQL", "dialect": "postgresql", "url": "127.0.0.1", "port": 1, "db": "rasa"}
    with pytest.raises(ConnectionError) as raised:
        check_reachable({**config, "username": "rasa", "password": "s3cret"})
    assert "127.0.0.1" in str(raised.value) and "s3cret" not in str(raised.value)
