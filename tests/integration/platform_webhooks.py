"""Telegram, Slack, Messenger and Twilio as a test sees them: the settings that turn every channel
on against the local fakes (fake_platforms.py), real-format signed webhook requests to an
assistant, and how to find the calls the fakes captured for one user.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import time
import uuid
from dataclasses import dataclass
from typing import Callable

import requests
from twilio.request_validator import RequestValidator

from tests.integration.fake_platforms import Recorded

TELEGRAM_TOKEN = "123456789:TEST-telegram-token"
TELEGRAM_USERNAME = "hamstring_test_bot"
TELEGRAM_SECRET = "telegram-secret_token-1"
TELEGRAM_WEBHOOK_URL = "https://bot.example.org/webhooks/telegram/webhook"
SLACK_TOKEN = "xoxb-test-token"
SLACK_SIGNING_SECRET = "slack-signing-secret"
MESSENGER_VERIFY = "messenger-verify-token"
MESSENGER_APP_SECRET = "messenger-app-secret"
MESSENGER_PAGE_TOKEN = "messenger-page-token"
TWILIO_SID = "AC" + "1" * 32
TWILIO_AUTH_TOKEN = "twilio-auth-token"
TWILIO_NUMBER = "+15550000000"
# The public URL Twilio posts to and signs; the server behind a proxy is reached at another address.
TWILIO_WEBHOOK_URL = "https://bot.example.org/webhooks/twilio/webhook"


def channel_env(fake_url: str) -> dict[str, str]:
    """Every platform on, each API URL on the fake platforms' server."""
    return {
        "TELEGRAM_ACCESS_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_BOT_USERNAME": TELEGRAM_USERNAME,
        "TELEGRAM_WEBHOOK_URL": TELEGRAM_WEBHOOK_URL,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_API_URL": f"{fake_url}/telegram",
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
        "SLACK_API_URL": f"{fake_url}/slack/api/",
        "MESSENGER_VERIFY_TOKEN": MESSENGER_VERIFY,
        "MESSENGER_APP_SECRET": MESSENGER_APP_SECRET,
        "MESSENGER_PAGE_ACCESS_TOKEN": MESSENGER_PAGE_TOKEN,
        "MESSENGER_GRAPH_URL": f"{fake_url}/messenger",
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_AUTH_TOKEN,
        "TWILIO_NUMBER": TWILIO_NUMBER,
        "TWILIO_WEBHOOK_URL": TWILIO_WEBHOOK_URL,
        "TWILIO_API_URL": f"{fake_url}/twilio",
    }


# --- Telegram ---------------------------------------------------------------------------------


def telegram_update(chat_id: int, text: str) -> dict:
    user = {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": "en"}
    return {
        "update_id": random.randint(1, 10**9),
        "message": {
            "message_id": random.randint(1, 10**6),
            "from": user,
            "chat": {"id": chat_id, "first_name": "Test", "type": "private"},
            "date": int(time.time()),
            "text": text,
        },
    }


def post_telegram(base_url: str, update: dict, secret: str | None) -> requests.Response:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return requests.post(f"{base_url}/webhooks/telegram/webhook", json=update, headers=headers, timeout=60)


def telegram_sent_to(chat_id: int):
    return (
        lambda r: r.platform == "telegram"
        and r.endpoint == "sendMessage"
        and r.data()["chat_id"] == str(chat_id)
    )


# --- Slack ------------------------------------------------------------------------------------


def slack_event(user: str, channel: str, text: str) -> bytes:
    now = time.time()
    return json.dumps(
        {
            "token": "verification-token-unused",
            "team_id": "T0TEST",
            "api_app_id": "A0TEST",
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": channel,
                "user": user,
                "text": text,
                "ts": f"{now:.6f}",
                "event_ts": f"{now:.6f}",
            },
            "type": "event_callback",
            "event_id": f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(now),
            "authorizations": [{"user_id": "U0BOT", "is_bot": True}],
        }
    ).encode()


def post_slack(base_url: str, body: bytes, secret: str, timestamp: int | None = None) -> requests.Response:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": f"v0={digest}",
    }
    return requests.post(f"{base_url}/webhooks/slack/webhook", data=body, headers=headers, timeout=60)


def slack_posted_to(channel: str):
    return (
        lambda r: r.platform == "slack"
        and r.endpoint == "chat.postMessage"
        and r.data()["channel"] == channel
    )


# --- Facebook Messenger -----------------------------------------------------------------------


def messenger_event(psid: str, text: str) -> bytes:
    now = int(time.time() * 1000)
    return json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "PAGE0TEST",
                    "time": now,
                    "messaging": [
                        {
                            "sender": {"id": psid},
                            "recipient": {"id": "PAGE0TEST"},
                            "timestamp": now,
                            "message": {"mid": f"m_{uuid.uuid4().hex}", "text": text},
                        }
                    ],
                }
            ],
        }
    ).encode()


def hub_signature(body: bytes, secret: str = MESSENGER_APP_SECRET, algorithm: str = "sha1") -> str:
    return f"{algorithm}={hmac.new(secret.encode(), body, algorithm).hexdigest()}"


def post_messenger(base_url: str, body: bytes, headers: dict[str, str]) -> requests.Response:
    headers = {"Content-Type": "application/json", **headers}
    return requests.post(f"{base_url}/webhooks/facebook/webhook", data=body, headers=headers, timeout=60)


def messenger_sent_to(psid: str):
    return lambda r: (
        r.platform == "messenger" and r.data()["recipient"]["id"] == psid and "message" in r.data()
    )


# --- Twilio -----------------------------------------------------------------------------------


def twilio_form(sender: str, text: str) -> dict[str, str]:
    return {
        "ToCountry": "US",
        "SmsMessageSid": f"SM{uuid.uuid4().hex}",
        "NumMedia": "0",
        "SmsSid": f"SM{uuid.uuid4().hex}",
        "SmsStatus": "received",
        "Body": text,
        "To": TWILIO_NUMBER,
        "NumSegments": "1",
        "MessageSid": f"SM{uuid.uuid4().hex}",
        "AccountSid": TWILIO_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
    }


def twilio_signature(
    form: dict[str, str], token: str = TWILIO_AUTH_TOKEN, url: str = TWILIO_WEBHOOK_URL
) -> str:
    return RequestValidator(token).compute_signature(url, form)


def post_twilio(base_url: str, form: dict[str, str], signature: str | None) -> requests.Response:
    headers = {"X-Twilio-Signature": signature} if signature is not None else {}
    return requests.post(f"{base_url}/webhooks/twilio/webhook", data=form, headers=headers, timeout=60)


def twilio_sent_to(sender: str):
    return lambda r: r.platform == "twilio" and r.endpoint == "Messages.json" and r.data().get("To") == sender


# --- One user on each platform ----------------------------------------------------------------


@dataclass(frozen=True)
class Platform:
    """How a test writes as a new user of one platform, and finds what the assistant sent back."""

    new_user: Callable[[], str]
    post: Callable[[str, str, str], requests.Response]  # (assistant's base URL, user, text), signed
    sent_to: Callable[[str], Callable[[Recorded], bool]]  # the captured calls sent to that user
    text_of: Callable[[Recorded], str]  # the text of one captured call


def _signed_slack(base_url: str, channel: str, text: str) -> requests.Response:
    # Rasa keys a Slack conversation by the user and replies to the direct-message channel: the
    # user is given the channel's id, so that each new channel is a new conversation of that id.
    return post_slack(base_url, slack_event(channel, channel, text), SLACK_SIGNING_SECRET)


def _signed_messenger(base_url: str, psid: str, text: str) -> requests.Response:
    body = messenger_event(psid, text)
    return post_messenger(base_url, body, {"X-Hub-Signature": hub_signature(body)})


def _signed_twilio(base_url: str, sender: str, text: str) -> requests.Response:
    form = twilio_form(sender, text)
    return post_twilio(base_url, form, twilio_signature(form))


PLATFORMS = {
    "telegram": Platform(
        lambda: str(random.randint(10**6, 10**9)),
        lambda base_url, user, text: post_telegram(
            base_url, telegram_update(int(user), text), TELEGRAM_SECRET
        ),
        lambda user: telegram_sent_to(int(user)),
        lambda r: r.data()["text"],
    ),
    "slack": Platform(
        lambda: f"D{uuid.uuid4().hex[:8].upper()}",
        _signed_slack,
        slack_posted_to,
        lambda r: r.data().get("text", ""),
    ),
    "messenger": Platform(
        lambda: str(random.randint(10**15, 10**16)),
        _signed_messenger,
        messenger_sent_to,
        lambda r: r.data()["message"].get("text", ""),
    ),
    "twilio": Platform(
        lambda: f"+1555{random.randint(10**6, 10**7 - 1)}",
        _signed_twilio,
        twilio_sent_to,
        lambda r: r.data()["Body"],
    ),
}
