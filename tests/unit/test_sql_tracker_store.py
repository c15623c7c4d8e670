"""rasa_addons/sql_tracker_store.py against Rasa's own SQLTrackerStore: the same conversation saved
turn by turn through each gives identical `events` tables, and each reads back the same trackers."""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
    deserialise_events,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from rasa_addons.faults import describe_store
from rasa_addons.sql_tracker_store import TurnSQLTrackerStore, events_from_dicts
from serving.tracker_store_types import SQL_STORE_SUBCLASS, is_sql_tracker_store

ROOT = Path(__file__).resolve().parents[2]
SENDER = "person-1"


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def session_start(at: float) -> list[Event]:
    return [
        ActionExecuted("action_session_start", timestamp=at),
        SessionStarted(timestamp=at + 0.001),
        ActionExecuted("action_listen", timestamp=at + 0.002),
    ]


def user(text: str, intent: str, at: float, entities: list[dict] | None = None) -> UserUttered:
    parse_data = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.97},
        "entities": entities or [],
        "intent_ranking": [{"name": intent, "confidence": 0.97}, {"name": "greet", "confidence": 0.01}],
    }
    return UserUttered(text, parse_data["intent"], entities or [], parse_data, timestamp=at)


def turns() -> list[list[Event]]:
    """Each turn's new events: two sessions, a form with slots, a bot message with buttons."""
    return [
        session_start(1000.0)
        + [
            user("hello", "greet", 1001.0),
            ActionExecuted("utter_greet", timestamp=1001.1),
            BotUttered(
                "Hi! “Quotes” and ünïcode",
                {"buttons": [{"title": "Yes", "payload": "/affirm"}]},
                timestamp=1001.15,
            ),
            ActionExecuted("action_listen", timestamp=1001.2),
        ],
        [
            user("check my symptoms", "start_triage", 1002.0),
            ActionExecuted("triage_form", timestamp=1002.1),
            ActiveLoop("triage_form", timestamp=1002.2),
            SlotSet("requested_slot", "triage_chest_breathing", timestamp=1002.3),
            ActionExecuted("action_listen", timestamp=1002.4),
        ],
        [
            user("no", "deny", 1003.0, [{"entity": "place", "value": "back of knee", "start": 0, "end": 2}]),
            ActionExecuted("triage_form", timestamp=1003.1),
            SlotSet("triage_chest_breathing", "no", timestamp=1003.2),
            ActiveLoop(None, timestamp=1003.3),
            ActionExecuted("action_listen", timestamp=1003.4),
        ],
        session_start(5000.0)
        + [
            user("hi again", "greet", 5001.0),
            ActionExecuted("utter_greet", timestamp=5001.1),
            ActionExecuted("action_listen", timestamp=5001.2),
        ],
    ]


async def converse(store: SQLTrackerStore, domain: Domain) -> None:
    """Each turn as the processor does it: read the latest session, add the turn's events, save."""
    for new_events in turns():
        tracker = await store.retrieve(SENDER) or DialogueStateTracker(SENDER, domain.slots)
        for event in new_events:
            tracker.update(event)
        await store.save(tracker)
    await store.save(await store.retrieve(SENDER))  # nothing new: nothing written


def rows(database: Path) -> list[tuple]:
    with sqlite3.connect(database) as db:
        return db.execute("select * from events order by id").fetchall()


@pytest.fixture(name="both")
async def saved_through_both(tmp_path, domain):
    rasa_store = SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    turn_store = TurnSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "turn.db"))
    await converse(rasa_store, domain)
    await converse(turn_store, domain)
    return rasa_store, turn_store, tmp_path


async def test_the_rows_written_are_identical_to_rasas(both):
    _, _, tmp_path = both
    written = rows(tmp_path / "turn.db")
    assert written == rows(tmp_path / "rasa.db")
    assert len(written) == sum(len(turn) for turn in turns())


def same(one: DialogueStateTracker, other: DialogueStateTracker) -> bool:
    return one == other and one.current_state(EventVerbosity.ALL) == other.current_state(EventVerbosity.ALL)


async def test_the_trackers_read_back_equal_rasas(both):
    rasa_store, turn_store, _ = both
    latest = await turn_store.retrieve(SENDER)
    assert same(latest, await rasa_store.retrieve(SENDER))
    assert latest.events[0] == SessionStarted(timestamp=5000.001)  # from the latest session start on
    full = await turn_store.retrieve_full_tracker(SENDER)
    assert same(full, await rasa_store.retrieve_full_tracker(SENDER))
    assert len(full.events) == sum(len(turn) for turn in turns())
    assert await turn_store.retrieve("nobody") is None
    assert list(await turn_store.keys()) == [SENDER]


async def test_each_reads_what_the_other_wrote(both, domain):
    rasa_store, turn_store, tmp_path = both
    rasa_reading_turn = SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "turn.db"))
    turn_reading_rasa = TurnSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    assert same(await rasa_reading_turn.retrieve(SENDER), await turn_reading_rasa.retrieve(SENDER))
    assert same(
        await rasa_reading_turn.retrieve_full_tracker(SENDER),
        await turn_reading_rasa.retrieve_full_tracker(SENDER),
    )


def test_events_are_read_as_rasa_reads_them():
    dicts = [event.as_dict() for turn in turns() for event in turn]
    dicts += [{"event": "topic", "topic": "old"}, {"no_event": 1}, {"event": "slot", "name": "x", "value": 1}]
    assert events_from_dicts(dicts) == deserialise_events(dicts)
    with pytest.raises(ValueError):
        events_from_dicts([{"event": "no_such_event"}])


def test_the_store_is_named_as_rasas_sql_store_in_fault_logs(tmp_path):
    store = TurnSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "c.db"))
    assert isinstance(store, SQLTrackerStore)
    assert describe_store(store) == "SQLTrackerStore (sqlite)"


def test_both_rasas_type_and_the_subclass_count_as_the_sql_store():
    assert is_sql_tracker_store({"type": "SQL"}) and is_sql_tracker_store({"type": "sql"})
    assert is_sql_tracker_store({"type": SQL_STORE_SUBCLASS})
    assert not is_sql_tracker_store({"type": "redis"}) and not is_sql_tracker_store({})
    module, name = SQL_STORE_SUBCLASS.rsplit(".", 1)
    assert getattr(importlib.import_module(module), name) is TurnSQLTrackerStore
