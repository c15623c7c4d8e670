"""Writes the credentials file Rasa runs with: credentials.yml plus each messaging platform
whose secrets are set in the environment (a platform with none set stays off), without the REST
channel when REST_CHANNEL=off, and with Rasa's socket.io `jwt_key` check when SOCKETIO_JWT_KEY
is set. The file is written readable by its owner only (it holds the platforms' secrets).

Usage: python scripts/render_credentials.py SOURCE DESTINATION
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Mapping

import yaml

from serving.private_files import write_private
from serving.settings import OFF_WORDS

REST_CHANNEL = "connectors.rest.GuardedRestInput"
SOCKETIO_CHANNEL = "connectors.socketio_polling.PollingSocketIOInput"

# Channel -> (credentials key -> environment variable); a channel is on when all required are set.
# Each *_API_URL / *_GRAPH_URL is optional: another API base URL, for a self-hosted API server, a
# proxy, or tests (default: the real platform). README.md ("Messaging channels") lists the webhook URLs.
CHANNELS: dict[str, dict[str, Any]] = {
    "connectors.telegram.SecureTelegramInput": {
        "required": {
            "access_token": "TELEGRAM_ACCESS_TOKEN",
            "verify": "TELEGRAM_BOT_USERNAME",
            "webhook_url": "TELEGRAM_WEBHOOK_URL",
            "secret_token": "TELEGRAM_SECRET_TOKEN",
        },
        "optional": {"api_url": "TELEGRAM_API_URL"},
    },
    "connectors.slack.SlackInputWithApiUrl": {
        "required": {"slack_token": "SLACK_BOT_TOKEN", "slack_signing_secret": "SLACK_SIGNING_SECRET"},
        "optional": {"slack_channel": "SLACK_CHANNEL", "api_url": "SLACK_API_URL"},
    },
    "connectors.messenger.SecureMessengerInput": {
        "required": {
            "verify": "MESSENGER_VERIFY_TOKEN",
            "secret": "MESSENGER_APP_SECRET",
            "page-access-token": "MESSENGER_PAGE_ACCESS_TOKEN",
        },
        "optional": {"graph_url": "MESSENGER_GRAPH_URL"},
    },
    "connectors.twilio.SecureTwilioInput": {
        "required": {
            "account_sid": "TWILIO_ACCOUNT_SID",
            "auth_token": "TWILIO_AUTH_TOKEN",
            "twilio_number": "TWILIO_NUMBER",
            "webhook_url": "TWILIO_WEBHOOK_URL",
        },
        "optional": {"api_url": "TWILIO_API_URL"},
    },
    # Rasa's own connector (checks the Bot Framework JWT; fetches Microsoft's keys at start-up).
    "botframework": {
        "required": {"app_id": "BOTFRAMEWORK_APP_ID", "app_password": "BOTFRAMEWORK_APP_PASSWORD"},
    },
}


def render(base: dict[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    credentials = dict(base or {})
    if env.get("REST_CHANNEL", "").strip().lower() in OFF_WORDS:
        credentials.pop(REST_CHANNEL, None)
    if env.get("SOCKETIO_JWT_KEY") and SOCKETIO_CHANNEL in credentials:
        credentials[SOCKETIO_CHANNEL] = {
            **(credentials[SOCKETIO_CHANNEL] or {}),
            "jwt_key": env["SOCKETIO_JWT_KEY"],
            "jwt_method": env.get("SOCKETIO_JWT_METHOD") or "HS256",
        }
    for channel, spec in CHANNELS.items():
        required = spec["required"]
        if all(env.get(var) for var in required.values()):
            values = {key: env[var] for key, var in required.items()}
            values.update({key: env[var] for key, var in spec.get("optional", {}).items() if env.get(var)})
            credentials[channel] = values
    return credentials


def incomplete(env: Mapping[str, str]) -> dict[str, list[str]]:
    """Channels with some but not all required variables set -> the variables still missing."""
    missing = {}
    for channel, spec in CHANNELS.items():
        unset = [var for var in spec["required"].values() if not env.get(var)]
        if 0 < len(unset) < len(spec["required"]):
            missing[channel] = unset
    return missing


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    for channel, unset in incomplete(os.environ).items():
        print(f"warning: {channel} stays off, not set: {', '.join(unset)}", file=sys.stderr)
    base = yaml.safe_load(Path(argv[1]).read_text(encoding="utf-8"))
    write_private(Path(argv[2]), yaml.safe_dump(render(base, os.environ), sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
