"""With the action server stopped, every channel says so plainly and gives the emergency route, in
the same words; an emergency still gets the emergency message. With the conversation store
locked, every messaging platform gets the message for that, and its webhook an ordinary answer.

The assistant runs with every messaging platform on against the local fakes (fake_platforms.py,
on 127.0.0.1) and calls an action server address where nothing listens: the port is held by a
socket that never listens, so each call is refused at once, as when the action server is stopped.
"""

from __future__ import annotations

import socket
import uuid
from typing import Iterator

import pytest
import requests

from clinical.service_messages import CONVERSATION_UNAVAILABLE, NOT_ANSWERED, service_message
from tests.integration.conftest import Assistant, assistant_ports, start_assistant, stop_assistant
from tests.integration.fake_platforms import FakePlatforms
from tests.integration.platform_webhooks import PLATFORMS, TELEGRAM_USERNAME, channel_env
from tests.integration.stores import locked_sqlite
from tests.integration.webchat_client import WebchatClient, texts

RASA_PORT, ACTION_PORT = assistant_ports(12)
BASE_URL = f"http://127.0.0.1:{RASA_PORT}"
DEPLOYMENT = {"EMERGENCY_NUMBER": "999", "URGENT_CARE": "an urgent treatment centre (or NHS 111)"}
EXPECTED = service_message(NOT_ANSWERED, DEPLOYMENT)  # conftest starts the assistant with these
EMERGENCY = "I have chest pain and my calf is swollen"


@pytest.fixture(scope="module")
def stopped_action_server() -> Iterator[str]:
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))  # bound, never listening: a connection is refused
        yield f"http://127.0.0.1:{held.getsockname()[1]}/webhook"


@pytest.fixture(scope="module")
def running(tmp_path_factory, stopped_action_server) -> Iterator[tuple[FakePlatforms, Assistant]]:
    fake = FakePlatforms(telegram_username=TELEGRAM_USERNAME).start()
    env = {**channel_env(fake.url), "ACTION_SERVER_URL": stopped_action_server}
    try:
        process, assistant = start_assistant(
            tmp_path_factory.mktemp("channel-faults"), RASA_PORT, ACTION_PORT, env
        )
        try:
            yield fake, assistant
        finally:
            stop_assistant(process)
    finally:
        fake.stop()


@pytest.fixture
def platforms(running) -> FakePlatforms:
    return running[0]


def test_the_expected_message_gives_the_emergency_route():
    assert "part of this service isn't working right now" in EXPECTED
    assert "call 999 now" in EXPECTED and "go to an urgent treatment centre (or NHS 111) today" in EXPECTED


@pytest.mark.parametrize("name", PLATFORMS)
def test_the_check_without_its_action_server_is_said_plainly_on_each_platform(platforms, name):
    platform = PLATFORMS[name]
    user = platform.new_user()
    assert platform.post(BASE_URL, user, "check my symptoms").status_code in (200, 204)
    sent = platforms.wait_for(platform.sent_to(user))
    # One turn, several failed calls (the form's validation, its first question): one message.
    assert [platform.text_of(r) for r in sent] == [EXPECTED]


@pytest.mark.parametrize("name", PLATFORMS)
def test_an_emergency_still_gets_the_emergency_message_on_each_platform(platforms, name):
    platform = PLATFORMS[name]
    user = platform.new_user()
    assert platform.post(BASE_URL, user, EMERGENCY).status_code in (200, 204)
    sent = " ".join(platform.text_of(r) for r in platforms.wait_for(platform.sent_to(user)))
    assert "Call 999 now." in sent
    assert EXPECTED not in sent


def test_rest_and_the_chat_page_get_the_same_message(platforms):
    reply = requests.post(
        f"{BASE_URL}/webhooks/rest/webhook",
        json={"sender": f"rest-{uuid.uuid4().hex[:8]}", "message": "check my symptoms"},
        timeout=60,
    )
    assert reply.status_code == 200 and [m["text"] for m in reply.json()] == [EXPECTED]

    client = WebchatClient(BASE_URL)
    try:
        client.request_session()
        assert texts(client.say("check my symptoms")) == EXPECTED
    finally:
        client.close()


@pytest.mark.parametrize("name", PLATFORMS)
def test_a_message_the_store_cannot_take_is_said_plainly_and_the_webhook_answered(running, name):
    platforms, assistant = running
    platform = PLATFORMS[name]
    user = platform.new_user()
    with locked_sqlite(assistant.db_path):
        answer = platform.post(BASE_URL, user, "hello")
        sent = platforms.wait_for(platform.sent_to(user))
    assert [platform.text_of(r) for r in sent] == [service_message(CONVERSATION_UNAVAILABLE, DEPLOYMENT)]
    # The person has been told to send it again: a 5xx would make Telegram deliver it again itself.
    assert answer.status_code in (200, 204)
    log = assistant.log_path.read_text(encoding="utf-8", errors="replace")
    assert (
        "Conversation store SQLTrackerStore (sqlite) unavailable (OperationalError: database is locked)"
        in log
    )
    assert user not in log
    assert "[SQL:" not in log and "[parameters:" not in log
