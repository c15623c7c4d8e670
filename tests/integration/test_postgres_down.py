"""PostgreSQL going down under a running assistant (Rasa's SQL tracker store on Debian's
PostgreSQL, on loopback).

A red-flag check is held to its second question; PostgreSQL is stopped; the answer sent then is
refused with a clear 503 and a log line that names the store, and is not answered from an empty
conversation. PostgreSQL is started again: the same answer now gets the check's next question,
and the stored conversation holds each user turn once, in order.

The assistant is the one on PostgreSQL and Redis that test_real_stores.py uses, started in the
background (tests/integration/on_real_stores.py); its locks stay in Redis meanwhile.
"""

from __future__ import annotations

import json

import psycopg2
import pytest
import requests

from clinical.service_messages import CONVERSATION_UNAVAILABLE, service_message
from tests.integration.on_real_stores import OnRealStores
from tests.integration.servers import Assistant
from tests.integration.stores import HOST, LoopbackPostgres

DEPLOYMENT = {"EMERGENCY_NUMBER": "999", "URGENT_CARE": "an urgent treatment centre (or NHS 111)"}

START = "check my symptoms"
FIRST_QUESTION = "chest pain, sudden shortness of breath"
SECOND_QUESTION = "cold, pale or blue"
THIRD_QUESTION = "numbness around your genitals"
# Worded to be found in the log if a line carried message text.
FIRST_ANSWER = "no, none of those today"
SECOND_ANSWER = "nope, my leg looks and feels normal"


@pytest.fixture
def postgres(on_real_stores: OnRealStores) -> LoopbackPostgres:
    return on_real_stores.postgres


@pytest.fixture
def assistant_on_postgres(on_real_stores: OnRealStores) -> Assistant:
    return on_real_stores.assistant


def user_turns(postgres: LoopbackPostgres, sender: str) -> list[str]:
    with psycopg2.connect(host=HOST, port=postgres.port, dbname=postgres.database, user=postgres.user) as db:
        with db.cursor() as cursor:
            cursor.execute(
                "select data from events where sender_id = %s and type_name = 'user' order by id", (sender,)
            )
            return [json.loads(data)["text"] for (data,) in cursor.fetchall()]


def test_a_check_survives_postgres_going_down_and_coming_back(assistant_on_postgres, postgres):
    assistant = assistant_on_postgres
    chat = assistant.conversation()
    chat.say(START)
    assert FIRST_QUESTION in chat.text
    chat.say(FIRST_ANSWER)
    assert SECOND_QUESTION in chat.text, chat.text

    postgres.stop()
    try:
        refused = requests.post(
            f"{assistant.base_url}/webhooks/rest/webhook",
            json={"sender": chat.sender, "message": SECOND_ANSWER},
            timeout=60,
        )
    finally:
        postgres.start()

    # A deliberate 503 with the message saying nothing was kept, and nothing else: no greeting, no
    # first question of a conversation started afresh in memory.
    assert refused.status_code == 503
    expected = service_message(CONVERSATION_UNAVAILABLE, DEPLOYMENT)
    assert refused.json() == [{"recipient_id": chat.sender, "text": expected}]
    log = assistant.log_path.read_text(encoding="utf-8", errors="replace")
    assert "Conversation store SQLTrackerStore (postgresql) unavailable (OperationalError: " in log
    for private in (chat.sender, START, FIRST_ANSWER, SECOND_ANSWER):
        assert private not in log

    chat.say(SECOND_ANSWER)
    assert THIRD_QUESTION in chat.text, f"the check did not go on where it was: {chat.text}"
    assert user_turns(postgres, chat.sender) == [START, FIRST_ANSWER, SECOND_ANSWER]
