"""Bad input never breaks the assistant: each gets a polite reply or a 4xx, never a 5xx, and the
server still answers a normal message afterwards. Over REST and over socket.io (the chat page).
"""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.integration.webchat_client import WebchatClient, texts

FAULT = "part of this service isn't working"


def as_json(value) -> bytes:
    return json.dumps(value).encode("utf-8")


def sender() -> str:
    return f"bad-input-{uuid.uuid4().hex[:10]}"


# (what, body) posted to /webhooks/rest/webhook; a fresh sender is put in where {sender} is.
TEXT_MESSAGES = {
    "empty message": "",
    "whitespace only": " \n\t  ",
    "emoji": "😀😀 my 🦵 hurts 🙏",
    "right-to-left": "ألم خلف الركبة منذ أسبوع",
    "mixed direction": "my knee \u202eevah I\u202c hurts",
    "html and script": '<script>alert("x")</script><img src=x onerror=alert(1)><b>hamstring</b>',
    "sql-looking": "'; DROP TABLE events; -- SELECT * FROM events WHERE 1=1",
    "100 KB message": ("my hamstring has been sore for a while " * 3000)[:100_000],
    "NUL and control characters": "hello\x00 there\x07\x1b[31m",
    "only punctuation": "?!?!...;;",
    "a very long word": "a" * 5000,
}
RAW_BODIES = {
    "empty body": b"",
    "invalid UTF-8": b'{"sender": "x", "message": "\xff\xfe caf\xe9"}',
    "binary": bytes(range(256)) * 8,
    "malformed JSON": b'{"sender": "x", "message": ',
    "JSON string empty": b'""',
    "JSON null": b"null",
    "JSON array": b"[]",
    "JSON number": b"42",
    "JSON string": b'"hi"',
    "JSON true": b"true",
    "deeply nested JSON": b"[" * 50_000 + b"]" * 50_000,
    "form-encoded": b"sender=x&message=hello",
    "missing sender": as_json({"message": "hello"}),
    "null sender": as_json({"sender": None, "message": "hello"}),
    "number sender": as_json({"sender": 12345, "message": "hello"}),
    "list sender": as_json({"sender": ["a"], "message": "hello"}),
    "object sender": as_json({"sender": {"id": 1}, "message": "hello"}),
    "empty sender": as_json({"sender": "", "message": "hello"}),
    "sender with a newline": as_json({"sender": "a\nb", "message": "hello"}),
    "sender of 10,000 characters": as_json({"sender": "s" * 10_000, "message": "hello"}),
    "missing message": as_json({"sender": "x"}),
    "null message": as_json({"sender": "x", "message": None}),
    "number message": as_json({"sender": "x", "message": 42}),
    "list message": as_json({"sender": "x", "message": ["hello"]}),
    "object message": as_json({"sender": "x", "message": {"text": "hello"}}),
    "metadata not an object": as_json({"sender": "x", "message": "hello", "metadata": "oops"}),
    "lone surrogate": b'{"sender": "x", "message": "\\ud800 hello"}',
    "body over the REST limit": as_json({"sender": "x", "message": "x" * 300_000}),
    "body over the server limit": as_json({"sender": "x", "message": "x" * 2_000_000}),
}


def post(assistant, body: bytes, **kwargs) -> requests.Response:
    return requests.post(f"{assistant.base_url}/webhooks/rest/webhook", data=body, timeout=60, **kwargs)


@pytest.mark.parametrize("what", list(TEXT_MESSAGES))
def test_any_text_gets_a_polite_reply(assistant, what):
    reply = post(assistant, as_json({"sender": sender(), "message": TEXT_MESSAGES[what]}))
    assert reply.status_code == 200
    messages = reply.json()
    assert messages and all(m.get("text") for m in messages)
    assert FAULT not in " ".join(m["text"] for m in messages)


@pytest.mark.parametrize("what", list(RAW_BODIES))
def test_bad_bodies_get_a_client_error(assistant, what):
    reply = post(assistant, RAW_BODIES[what], headers={"Content-Type": "application/json"})
    assert 400 <= reply.status_code < 500, reply.text[:200]
    assert "Traceback" not in reply.text and 'File "' not in reply.text


def test_a_missing_sender_is_not_a_shared_default_conversation(assistant):
    reply = post(assistant, as_json({"message": "hello"}))
    assert reply.status_code == 400 and "sender" in reply.json()["error"]


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_other_methods_on_the_webhook_are_refused(assistant, method):
    reply = requests.request(method, f"{assistant.base_url}/webhooks/rest/webhook", timeout=30)
    assert 400 <= reply.status_code < 500


def test_the_server_still_answers_after_all_of_it(assistant):
    reply = post(assistant, as_json({"sender": sender(), "message": "hello"}))
    assert reply.status_code == 200
    assert "hamstring helper" in reply.json()[0]["text"].lower()


# --- socket.io, the chat page's channel ---------------------------------------------------------

BAD_FRAMES = [
    "a string",
    42,
    None,
    [],
    ["hello"],
    {},
    {"message": None},
    {"message": 5},
    {"message": ["hello"]},
    {"message": {"text": "hello"}},
]
BAD_SESSION_REQUESTS = ["text", 42, [], {"session_id": 5}, {"session_id": "+15551234567"}, {"session_id": ""}]


@pytest.fixture
def webchat(assistant):
    client = WebchatClient(assistant.base_url)
    yield client
    client.close()


def test_bad_session_requests_still_get_an_issued_id(webchat):
    for data in BAD_SESSION_REQUESTS:
        issued = webchat.request_session(data)
        assert isinstance(issued, str) and len(issued) == 32 and issued != data


def test_bad_frames_are_ignored_and_the_session_still_answers(webchat):
    webchat.request_session()
    for frame in BAD_FRAMES:
        webchat.emit("user_uttered", frame)
    webchat.emit("user_uttered", {"message": "hello", "metadata": "{not json"})
    greeting = texts(webchat.collect())
    assert "hamstring helper" in greeting.lower()  # the last frame, with its bad metadata dropped
    assert webchat.collect(timeout=2) == []  # nothing answered the ignored frames


@pytest.fixture(scope="module")
def socketio_replies(assistant) -> dict[str, str]:
    """Each text sent over a socket.io session of its own, all at once: the text of each reply.
    A turn's replies are collected until none came for a while; those waits run together."""
    clients = {what: WebchatClient(assistant.base_url) for what in TEXT_MESSAGES}
    try:
        for client in clients.values():
            client.request_session()
        with ThreadPoolExecutor(len(clients)) as pool:
            replies = pool.map(lambda what: texts(clients[what].say(TEXT_MESSAGES[what])), clients)
            return dict(zip(clients, replies, strict=True))
    finally:
        for client in clients.values():
            client.close()


@pytest.mark.parametrize("what", list(TEXT_MESSAGES))
def test_any_text_over_socketio_gets_a_polite_reply(socketio_replies, what):
    reply = socketio_replies[what]
    assert reply and FAULT not in reply


def test_a_message_before_any_session_is_ignored_and_the_server_stays_up(webchat, assistant):
    webchat.emit("user_uttered", {"message": "hello", "session_id": "0" * 32})
    assert webchat.collect(timeout=3) == []
    webchat.request_session()
    assert "hamstring helper" in texts(webchat.say("hello")).lower()
    assert requests.get(f"{assistant.base_url}/", timeout=10).ok
