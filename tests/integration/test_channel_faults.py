"""With the action server stopped, every channel says so plainly and gives the emergency route, in
the same words; an emergency still gets the emergency message. With the conversation store
locked, every messaging platform gets the message for that, and its webhook an ordinary answer.

The assistant is the shared faulty one (tests/integration/faulty.py): every messaging platform on
against the local fakes (fake_platforms.py, on 127.0.0.1), and its actions called at a loopback
port where nothing listens during these tests, so each call is refused at once, as when the
action server is stopped.
"""

from __future__ import annotations

import uuid

import pytest
import requests

from clinical.service_messages import CONVERSATION_UNAVAILABLE, NOT_ANSWERED, service_message
from tests.integration.fake_platforms import FakePlatforms
from tests.integration.faulty import Faulty
from tests.integration.platform_webhooks import PLATFORMS
from tests.integration.servers import Assistant
from tests.integration.stores import locked_sqlite
from tests.integration.webchat_client import WebchatClient, texts

DEPLOYMENT = {"EMERGENCY_NUMBER": "999", "URGENT_CARE": "an urgent treatment centre (or NHS 111)"}
EXPECTED = service_message(NOT_ANSWERED, DEPLOYMENT)  # servers.py starts every assistant with these
EMERGENCY = "I have chest pain and my calf is swollen"


@pytest.fixture
def running(faulty: Faulty) -> tuple[FakePlatforms, Assistant]:
    """The shared faulty assistant, with nothing listening where it calls its actions."""
    faulty.actions.gone()
    return faulty.platforms, faulty.assistant


@pytest.fixture
def platforms(running) -> FakePlatforms:
    return running[0]


@pytest.fixture
def base_url(running) -> str:
    return running[1].base_url


def test_the_expected_message_gives_the_emergency_route():
    assert "part of this service isn't working right now" in EXPECTED
    assert "call 999 now" in EXPECTED and "go to an urgent treatment centre (or NHS 111) today" in EXPECTED


@pytest.mark.parametrize("name", PLATFORMS)
def test_the_check_without_its_action_server_is_said_plainly_on_each_platform(platforms, base_url, name):
    platform = PLATFORMS[name]
    user = platform.new_user()
    assert platform.post(base_url, user, "check my symptoms").status_code in (200, 204)
    sent = platforms.wait_for(platform.sent_to(user))
    # One turn, several failed calls (the form's validation, its first question): one message.
    assert [platform.text_of(r) for r in sent] == [EXPECTED]


@pytest.mark.parametrize("name", PLATFORMS)
def test_an_emergency_still_gets_the_emergency_message_on_each_platform(platforms, base_url, name):
    platform = PLATFORMS[name]
    user = platform.new_user()
    assert platform.post(base_url, user, EMERGENCY).status_code in (200, 204)
    sent = " ".join(platform.text_of(r) for r in platforms.wait_for(platform.sent_to(user)))
    assert "Call 999 now." in sent
    assert EXPECTED not in sent


def test_rest_and_the_chat_page_get_the_same_message(base_url):
    reply = requests.post(
        f"{base_url}/webhooks/rest/webhook",
        json={"sender": f"rest-{uuid.uuid4().hex[:8]}", "message": "check my symptoms"},
        timeout=60,
    )
    assert reply.status_code == 200 and [m["text"] for m in reply.json()] == [EXPECTED]

    client = WebchatClient(base_url)
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
        answer = platform.post(assistant.base_url, user, "hello")
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
