"""Faults give a clear message, never silence, never a lost or invented turn.

The assistant here calls a fake action server that can be made slow; its conversations are in
its own SQLite file, which a test locks the way another process holding a write would.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.integration.conftest import assistant_ports, start_assistant, stop_assistant
from tests.integration.stores import locked_sqlite
from tests.integration.webchat_client import WebchatClient, texts

ACTION_TIMEOUT = 3
NOT_ANSWERED = "part of this service isn't working right now"
UNAVAILABLE = "I can't reach our conversation right now"


class SlowActionServer(BaseHTTPRequestHandler):
    """Answers every call after longer than the assistant waits."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        time.sleep(ACTION_TIMEOUT + 5)
        self.send_response(500)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def slow_actions():
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowActionServer)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/webhook"
    server.shutdown()


@pytest.fixture(scope="module")
def faulty(tmp_path_factory, slow_actions):
    env = {
        "ACTION_SERVER_URL": slow_actions,
        "ACTION_TIMEOUT": str(ACTION_TIMEOUT),
        "ACTION_RETRY_AFTER": "0",  # every call waits for its time limit (the unit tests cover the wait)
    }
    process, assistant = start_assistant(tmp_path_factory.mktemp("faults"), *assistant_ports(10), env)
    yield assistant
    stop_assistant(process)


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
