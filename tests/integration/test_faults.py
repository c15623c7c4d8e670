"""Faults give a clear message, never silence, never a lost or invented turn.

The assistant here calls a stand-in action server that answers after its time limit
(tests/integration/faulty.py); its conversations are in its own SQLite file, which a test locks
the way another process holding a write would.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid

import pytest
import requests

from tests.integration.faulty import ACTION_TIMEOUT
from tests.integration.stores import locked_sqlite
from tests.integration.webchat_client import WebchatClient, texts

NOT_ANSWERED = "part of this service isn't working right now"
UNAVAILABLE = "I can't reach our conversation right now"


@pytest.fixture(name="faulty")
def slow_actions(faulty):
    """The shared faulty assistant (conftest), its actions answered late during the test."""
    faulty.actions.slow()
    yield faulty.assistant
    faulty.actions.gone()


def say(assistant, sender: str, message: str) -> requests.Response:
    body = {"sender": sender, "message": message}
    return requests.post(f"{assistant.base_url}/webhooks/rest/webhook", json=body, timeout=120)


def joined(reply: requests.Response) -> str:
    return " ".join(m.get("text", "") for m in reply.json())


def test_a_slow_action_server_gets_a_clear_message_in_time(faulty):
    started = time.monotonic()
    reply = say(faulty, f"slow-{uuid.uuid4().hex[:8]}", "check my symptoms")
    elapsed = time.monotonic() - started
    assert reply.status_code == 200
    assert NOT_ANSWERED in joined(reply) and "call 999 now" in joined(reply)
    # The form's validation and the outcome each wait for the limit, far from the 60 s lock.
    assert elapsed < 4 * ACTION_TIMEOUT


def test_an_emergency_is_answered_at_once_while_the_action_server_is_slow(faulty):
    started = time.monotonic()
    reply = say(faulty, f"slow-{uuid.uuid4().hex[:8]}", "I have chest pain and my calf is swollen")
    assert "call 999 now" in joined(reply).lower()
    assert NOT_ANSWERED not in joined(reply)
    assert time.monotonic() - started < ACTION_TIMEOUT


def user_turns(database, sender: str) -> list[str]:
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "select data from events where sender_id = ? and type_name = 'user' order by id", (sender,)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_a_locked_store_refuses_the_message_clearly_and_loses_nothing(faulty):
    sender = f"store-{uuid.uuid4().hex[:8]}"
    assert say(faulty, sender, "hello").status_code == 200
    with locked_sqlite(faulty.db_path):
        refused = say(faulty, sender, "what muscles make up the hamstring?")
    assert refused.status_code == 503
    assert UNAVAILABLE in joined(refused) and "call 999 now" in joined(refused)
    log = faulty.log_path.read_text(encoding="utf-8", errors="replace")
    assert (
        "Conversation store SQLTrackerStore (sqlite) unavailable (OperationalError: database is locked)"
        in log
    )
    # The conversation goes on where it was: the refused message is not in it, nothing restarted.
    again = say(faulty, sender, "what muscles make up the hamstring?")
    assert again.status_code == 200 and "semitendinosus" in joined(again).lower()
    assert user_turns(faulty.db_path, sender) == ["hello", "what muscles make up the hamstring?"]


def test_a_locked_store_is_said_plainly_on_the_chat_page_too(faulty):
    client = WebchatClient(faulty.base_url)
    try:
        client.request_session()
        with locked_sqlite(faulty.db_path):
            client.emit("user_uttered", {"message": "hello", "session_id": client.session_id})
            reply = texts(client.collect(timeout=30))
        assert UNAVAILABLE in reply
        assert "hamstring helper" in texts(client.say("hello")).lower()
    finally:
        client.close()
