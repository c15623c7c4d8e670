"""Messaging channels end to end: a real-format, signed webhook in, the platform API call out.

The assistant runs with every platform's secrets set and each platform's API URL pointing at a
local fake (tests/integration/fake_platforms.py), so replies are captured on 127.0.0.1; it is the
security tests' assistant with every secret set (tests/integration/configured.py). Each test
uses its own chat/user id and looks only at the calls made for it.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable

import pytest
import requests

from tests.integration.configured import BASE_URL, REST_TOKEN
from tests.integration.fake_platforms import FakePlatforms, Recorded
from tests.integration.platform_webhooks import (
    MESSENGER_PAGE_TOKEN,
    PLATFORMS,
    SLACK_SIGNING_SECRET,
    SLACK_TOKEN,
    TELEGRAM_SECRET,
    TELEGRAM_TOKEN,
    TELEGRAM_WEBHOOK_URL,
    TWILIO_NUMBER,
    TWILIO_SID,
    hub_signature,
    messenger_event,
    messenger_sent_to,
    post_messenger,
    post_slack,
    post_telegram,
    post_twilio,
    slack_event,
    slack_posted_to,
    telegram_sent_to,
    telegram_update,
    twilio_form,
    twilio_sent_to,
    twilio_signature,
)

GREETING = "hamstring helper"
BUTTON = "Check my symptoms"
BUTTON_PAYLOAD = "/start_triage"
QUIET_SECONDS = 3.0  # how long a refused request is watched for a reply


@pytest.fixture(scope="module")
def platforms(configured) -> FakePlatforms:
    return configured.platforms


@dataclass
class Refused:
    """A request that must be refused: the status it got, and which replies would be to its user."""

    status: int
    to_its_user: Callable[[Recorded], bool]
    answered_at: float = field(default_factory=time.monotonic)


def assert_no_reply(platforms: FakePlatforms, request: Refused) -> None:
    """No reply to the request's user within QUIET_SECONDS of its answer."""
    time.sleep(max(0.0, request.answered_at + QUIET_SECONDS - time.monotonic()))
    assert platforms.received(request.to_its_user) == []


# --- Telegram ---------------------------------------------------------------------------------


def test_telegram_webhook_is_registered_with_the_secret_token(platforms):
    calls = platforms.received(
        lambda r: r.platform == "telegram" and r.endpoint not in ("getMe", "sendMessage")
    )
    assert [r.endpoint for r in calls] == ["setWebhook"]  # and no "close" or "logOut"
    assert f"/bot{TELEGRAM_TOKEN}/" in calls[0].path
    assert calls[0].data() == {"url": TELEGRAM_WEBHOOK_URL, "secret_token": TELEGRAM_SECRET}


def test_telegram_hello_gets_the_greeting_with_an_inline_keyboard(platforms):
    chat_id = random.randint(10**6, 10**9)
    assert post_telegram(BASE_URL, telegram_update(chat_id, "hello"), TELEGRAM_SECRET).status_code == 200

    sent = platforms.wait_for(telegram_sent_to(chat_id))
    assert GREETING in " ".join(r.data()["text"] for r in sent).lower()
    keyboard = [
        json.loads(r.data()["reply_markup"])["inline_keyboard"] for r in sent if "reply_markup" in r.data()
    ]
    buttons = [button for rows in keyboard for row in rows for button in row]
    assert {"text": BUTTON, "callback_data": BUTTON_PAYLOAD} in buttons


TELEGRAM_WRONG_SECRETS = [None, "wrong-secret", TELEGRAM_SECRET + "x"]


def send_telegram_without_the_secret(secret: str | None) -> Refused:
    chat_id = random.randint(10**6, 10**9)
    return Refused(
        post_telegram(BASE_URL, telegram_update(chat_id, "hello"), secret).status_code,
        telegram_sent_to(chat_id),
    )


@pytest.mark.parametrize("secret", TELEGRAM_WRONG_SECRETS)
def test_telegram_update_without_the_secret_token_is_refused(platforms, refused, secret):
    request = refused["telegram", secret]
    assert request.status == 403
    assert_no_reply(platforms, request)


# --- Slack ------------------------------------------------------------------------------------


def test_slack_hello_gets_the_greeting_with_buttons(platforms):
    user, channel = f"U{uuid.uuid4().hex[:8].upper()}", f"D{uuid.uuid4().hex[:8].upper()}"
    assert post_slack(BASE_URL, slack_event(user, channel, "hello"), SLACK_SIGNING_SECRET).status_code == 200

    posted = platforms.wait_for(slack_posted_to(channel))
    assert all(r.headers["authorization"] == f"Bearer {SLACK_TOKEN}" for r in posted)
    assert GREETING in " ".join(r.data()["text"] for r in posted).lower()
    buttons = [
        element
        for r in posted
        for block in r.data().get("blocks", [])
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    assert any(b["text"]["text"] == BUTTON and b["value"] == BUTTON_PAYLOAD for b in buttons)


SLACK_BAD_SIGNATURES = {"bad-secret": ("wrong-signing-secret", 0), "stale": (SLACK_SIGNING_SECRET, 10 * 60)}


def send_slack_with_a_bad_signature(case: str) -> Refused:
    secret, age = SLACK_BAD_SIGNATURES[case]
    channel = f"D{uuid.uuid4().hex[:8].upper()}"
    body = slack_event("U0TEST", channel, "hello")
    return Refused(
        post_slack(BASE_URL, body, secret, int(time.time()) - age).status_code, slack_posted_to(channel)
    )


@pytest.mark.parametrize("case", SLACK_BAD_SIGNATURES)
def test_slack_event_with_a_bad_signature_is_refused(platforms, refused, case):
    request = refused["slack", case]
    assert request.status == 400
    assert_no_reply(platforms, request)


# --- Facebook Messenger -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, algorithm", [("X-Hub-Signature", "sha1"), ("X-Hub-Signature-256", "sha256")]
)
def test_messenger_hello_gets_the_greeting_with_quick_replies(platforms, header, algorithm):
    psid = str(random.randint(10**15, 10**16))
    body = messenger_event(psid, "hello")
    assert (
        post_messenger(BASE_URL, body, {header: hub_signature(body, algorithm=algorithm)}).status_code == 200
    )

    sent = platforms.wait_for(messenger_sent_to(psid))
    assert all(f"access_token={MESSENGER_PAGE_TOKEN}" in r.path for r in sent)
    messages = [r.data()["message"] for r in sent]
    assert GREETING in " ".join(m.get("text", "") for m in messages).lower()
    quick_replies = [q for m in messages for q in m.get("quick_replies", [])]
    assert {"content_type": "text", "title": BUTTON, "payload": BUTTON_PAYLOAD} in quick_replies


MESSENGER_BAD_SIGNATURES = ["unsigned", "other-body", "wrong-secret", "md5"]


def send_messenger_with_a_bad_signature(case: str) -> Refused:
    psid = str(random.randint(10**15, 10**16))
    body = messenger_event(psid, "hello")
    headers = {
        "unsigned": {},
        "other-body": {"X-Hub-Signature": hub_signature(messenger_event(psid, "hi"))},
        "wrong-secret": {"X-Hub-Signature": hub_signature(body, secret="wrong-secret")},
        # A valid HMAC with a hash Meta does not use (Rasa takes the hash name from the header).
        "md5": {"X-Hub-Signature": hub_signature(body, algorithm="md5")},
    }[case]
    return Refused(
        post_messenger(BASE_URL, body, headers).status_code,
        lambda r: r.platform == "messenger" and r.data()["recipient"]["id"] == psid,
    )


@pytest.mark.parametrize("case", MESSENGER_BAD_SIGNATURES)
def test_messenger_event_with_a_bad_signature_is_refused(platforms, refused, case):
    request = refused["messenger", case]
    assert request.status == 403
    assert_no_reply(platforms, request)


# --- Twilio -----------------------------------------------------------------------------------


def test_twilio_hello_gets_the_greeting_with_the_button_titles_in_one_sms(platforms):
    sender = f"+1555{random.randint(10**6, 10**7 - 1)}"
    form = twilio_form(sender, "hello")
    assert post_twilio(BASE_URL, form, twilio_signature(form)).status_code == 204

    sent: list[Recorded] = platforms.wait_for(twilio_sent_to(sender))
    assert all(f"/Accounts/{TWILIO_SID}/" in r.path and r.data()["From"] == TWILIO_NUMBER for r in sent)
    [body] = [r.data()["Body"] for r in sent]
    assert GREETING in body.lower()
    # SMS has no buttons: one SMS lists the titles, which the user can type back.
    assert f"You can reply: What's causing my pain? / {BUTTON} /" in body
    assert BUTTON_PAYLOAD not in body


TWILIO_BAD_SIGNATURES = ["unsigned", "wrong-token", "other-url", "tampered-body"]


def send_twilio_with_a_bad_signature(case: str) -> Refused:
    sender = f"+1555{random.randint(10**6, 10**7 - 1)}"
    form = twilio_form(sender, "hello")
    signature = {
        "unsigned": None,
        "wrong-token": twilio_signature(form, token="wrong-token"),
        "other-url": twilio_signature(form, url="https://elsewhere.example.org/webhooks/twilio/webhook"),
        "tampered-body": twilio_signature({**form, "Body": "hi"}),
    }[case]
    return Refused(post_twilio(BASE_URL, form, signature).status_code, twilio_sent_to(sender))


@pytest.mark.parametrize("case", TWILIO_BAD_SIGNATURES)
def test_twilio_post_with_a_bad_signature_is_refused(platforms, refused, case):
    request = refused["twilio", case]
    assert request.status == 403
    assert_no_reply(platforms, request)


# --- Every refused request, sent before the tests above look at them --------------------------


@pytest.fixture(scope="module")
def refused(platforms) -> dict[tuple[str, object], Refused]:
    """Each request that must be refused, sent one after the other: each is still watched
    QUIET_SECONDS after its answer, but the watches run at the same time instead of in turn."""
    sent = {
        ("telegram", secret): send_telegram_without_the_secret(secret) for secret in TELEGRAM_WRONG_SECRETS
    }
    sent |= {("slack", case): send_slack_with_a_bad_signature(case) for case in SLACK_BAD_SIGNATURES}
    sent |= {
        ("messenger", case): send_messenger_with_a_bad_signature(case) for case in MESSENGER_BAD_SIGNATURES
    }
    sent |= {("twilio", case): send_twilio_with_a_bad_signature(case) for case in TWILIO_BAD_SIGNATURES}
    return sent


# --- The red-flag check on every platform ----------------------------------------------------


@pytest.mark.parametrize("name", PLATFORMS)
def test_the_red_flag_outcome_arrives_as_text_without_the_web_only_json(platforms, name):
    platform = PLATFORMS[name]
    user = platform.new_user()
    sent_to, text_of = platform.sent_to(user), platform.text_of
    assert platform.post(BASE_URL, user, "check my symptoms").status_code in (200, 204)
    assert platforms.wait_for(lambda r: sent_to(r) and "chest pain" in text_of(r))
    assert platform.post(BASE_URL, user, "/affirm").status_code in (200, 204)  # Rasa's Twilio answered 500
    assert platforms.wait_for(lambda r: sent_to(r) and "Call 999 now." in text_of(r))
    time.sleep(1)
    # {"triage": ...} is for web pages: Rasa would post it to Slack and Messenger as a message.
    assert all(b'"triage"' not in r.body for r in platforms.received(sent_to))


# --- Checks stay on their own routes ---------------------------------------------------------


def test_the_signature_checks_leave_other_routes_alone(platforms):
    """The Telegram and Twilio checks are blueprint middleware: health routes and REST (with its
    own token check) stay open."""
    for name in ("telegram", "slack", "facebook", "twilio"):
        assert requests.get(f"{BASE_URL}/webhooks/{name}/", timeout=10).json() == {"status": "ok"}
    reply = requests.post(
        f"{BASE_URL}/webhooks/rest/webhook",
        json={"sender": f"rest-{uuid.uuid4().hex[:8]}", "message": "hello"},
        headers={"Authorization": f"Bearer {REST_TOKEN}"},
        timeout=60,
    )
    assert GREETING in reply.json()[0]["text"].lower()


# --- No channel secrets -----------------------------------------------------------------------


def test_without_channel_secrets_the_assistant_runs_with_only_the_base_channels(assistant):
    """The conftest `assistant` starts with no channel secrets: it answers, no platform route exists."""
    reply = assistant.say(f"no-secrets-{uuid.uuid4().hex[:8]}", "hello")
    assert GREETING in reply[0]["text"].lower()
    for name in ("telegram", "slack", "facebook", "twilio", "botframework"):
        assert requests.get(f"{assistant.base_url}/webhooks/{name}/", timeout=10).status_code == 404
