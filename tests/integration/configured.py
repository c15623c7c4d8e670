"""The assistant with every secret set and every messaging channel on, shared by the security
tests (what each secret locks) and the channel tests (webhooks in, platform API calls out).

Secrets: REST token, action server secret, socket.io JWT key, HTTP API token, one CORS origin.
Channels: Telegram, Slack, Messenger and Twilio, each platform's API URL pointing at a local
fake (fake_platforms.py), so replies are captured on 127.0.0.1.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from tests.integration import early
from tests.integration.fake_platforms import FakePlatforms
from tests.integration.servers import Assistant, assistant_ports, start_assistant

REST_TOKEN = "rest-token-" + uuid.uuid4().hex
ACTION_SECRET = "action-secret-" + uuid.uuid4().hex
JWT_KEY = "socketio-jwt-key-" + uuid.uuid4().hex
API_TOKEN = "api-token-" + uuid.uuid4().hex
CLINIC_ORIGIN = "https://clinic.example.org"

RASA_PORT, ACTION_PORT = assistant_ports("configured")
BASE_URL = f"http://127.0.0.1:{RASA_PORT}"
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
TWILIO_WEBHOOK_URL = f"{BASE_URL}/webhooks/twilio/webhook"


def secrets_env() -> dict[str, str]:
    return {
        "REST_TOKEN": REST_TOKEN,
        "ACTION_SERVER_SECRET": ACTION_SECRET,
        "SOCKETIO_JWT_KEY": JWT_KEY,
        "RASA_API_TOKEN": API_TOKEN,
        "CORS_ORIGINS": CLINIC_ORIGIN,
    }


def channel_env(fake_url: str) -> dict[str, str]:
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


@dataclass
class Configured:
    assistant: Assistant
    platforms: FakePlatforms

    def stop(self, grace_seconds: float = 30) -> None:
        self.assistant.stop(grace_seconds)
        self.platforms.stop()


@early.prepare("configured")
def start_configured() -> Configured:
    platforms = FakePlatforms(telegram_username=TELEGRAM_USERNAME).start()
    try:
        env = {**secrets_env(), **channel_env(platforms.url)}
        return Configured(start_assistant(early.folder("configured"), "configured", env), platforms)
    except BaseException:
        platforms.stop()
        raise
