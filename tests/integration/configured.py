"""The assistant with every secret set and every messaging channel on, shared by the security
tests (what each secret locks) and the channel tests (webhooks in, platform API calls out).

Secrets: REST token, action server secret, socket.io JWT key, HTTP API token, one CORS origin.
Channels: Telegram, Slack, Messenger and Twilio, each platform's API URL pointing at a local
fake (fake_platforms.py), so replies are captured on 127.0.0.1; the platforms' settings are in
platform_webhooks.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from tests.integration import early
from tests.integration.fake_platforms import FakePlatforms
from tests.integration.platform_webhooks import TELEGRAM_USERNAME, channel_env
from tests.integration.servers import Assistant, assistant_ports, start_assistant

REST_TOKEN = "rest-token-" + uuid.uuid4().hex
ACTION_SECRET = "action-secret-" + uuid.uuid4().hex
JWT_KEY = "socketio-jwt-key-" + uuid.uuid4().hex
API_TOKEN = "api-token-" + uuid.uuid4().hex
CLINIC_ORIGIN = "https://clinic.example.org"

RASA_PORT, ACTION_PORT = assistant_ports("configured")
BASE_URL = f"http://127.0.0.1:{RASA_PORT}"


def secrets_env() -> dict[str, str]:
    return {
        "REST_TOKEN": REST_TOKEN,
        "ACTION_SERVER_SECRET": ACTION_SECRET,
        "SOCKETIO_JWT_KEY": JWT_KEY,
        "RASA_API_TOKEN": API_TOKEN,
        "CORS_ORIGINS": CLINIC_ORIGIN,
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
