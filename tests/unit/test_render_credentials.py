"""render(): the base channels always, each messaging platform only with its secrets set."""

from pathlib import Path

import pytest
import yaml

from scripts.render_credentials import CHANNELS, incomplete, render

ROOT = Path(__file__).resolve().parents[2]

BASE = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))

PLATFORMS = {
    "connectors.telegram.SecureTelegramInput": (
        {
            "TELEGRAM_ACCESS_TOKEN": "123:abc",
            "TELEGRAM_BOT_USERNAME": "hamstring_bot",
            "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
            "TELEGRAM_SECRET_TOKEN": "s3cret",
        },
        {
            "access_token": "123:abc",
            "verify": "hamstring_bot",
            "webhook_url": "https://bot.example.org/webhooks/telegram/webhook",
            "secret_token": "s3cret",
        },
        {"TELEGRAM_API_URL": ("api_url", "http://127.0.0.1:8081")},
    ),
    "connectors.slack.SlackInputWithApiUrl": (
        {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "sign"},
        {"slack_token": "xoxb-1", "slack_signing_secret": "sign"},
        {
            "SLACK_API_URL": ("api_url", "http://127.0.0.1:8082/api/"),
            "SLACK_CHANNEL": ("slack_channel", "C1"),
        },
    ),
    "connectors.messenger.SecureMessengerInput": (
        {
            "MESSENGER_VERIFY_TOKEN": "verify",
            "MESSENGER_APP_SECRET": "app-secret",
            "MESSENGER_PAGE_ACCESS_TOKEN": "page-token",
        },
        {"verify": "verify", "secret": "app-secret", "page-access-token": "page-token"},
        {"MESSENGER_GRAPH_URL": ("graph_url", "http://127.0.0.1:8083/v2.12")},
    ),
    "connectors.twilio.SecureTwilioInput": (
        {
            "TWILIO_ACCOUNT_SID": "AC1",
            "TWILIO_AUTH_TOKEN": "auth",
            "TWILIO_NUMBER": "+15550000000",
            "TWILIO_WEBHOOK_URL": "https://bot.example.org/webhooks/twilio/webhook",
        },
        {
            "account_sid": "AC1",
            "auth_token": "auth",
            "twilio_number": "+15550000000",
            "webhook_url": "https://bot.example.org/webhooks/twilio/webhook",
        },
        {"TWILIO_API_URL": ("api_url", "http://127.0.0.1:8084")},
    ),
    "botframework": (
        {"BOTFRAMEWORK_APP_ID": "app-id", "BOTFRAMEWORK_APP_PASSWORD": "app-password"},
        {"app_id": "app-id", "app_password": "app-password"},
        {},
    ),
}


def test_without_env_only_the_base_channels_are_on():
    assert render(BASE, {}) == BASE
    assert list(render(BASE, {})) == [
        "connectors.rest.GuardedRestInput",
        "connectors.socketio_polling.PollingSocketIOInput",
        "connectors.chat_page.ChatPageInput",
    ]


def test_every_configured_channel_is_tested_here():
    assert set(CHANNELS) == set(PLATFORMS)


@pytest.mark.parametrize("channel", PLATFORMS)
def test_a_platform_is_on_with_its_required_env(channel):
    env, expected, _ = PLATFORMS[channel]
    assert render(BASE, env) == {**BASE, channel: expected}


@pytest.mark.parametrize("channel", [c for c in PLATFORMS if PLATFORMS[c][2]])
def test_optional_env_is_added_when_set(channel):
    env, expected, optional = PLATFORMS[channel]
    env = {**env, **{var: value for var, (_, value) in optional.items()}}
    assert render(BASE, env)[channel] == {**expected, **{key: value for key, value in optional.values()}}


@pytest.mark.parametrize("channel", PLATFORMS)
def test_a_platform_with_any_required_env_missing_or_empty_stays_off(channel):
    env, _, _ = PLATFORMS[channel]
    for var in env:
        for partial in ({k: v for k, v in env.items() if k != var}, {**env, var: ""}):
            assert channel not in render(BASE, partial)
            assert incomplete(partial) == {channel: [var]}


def test_all_platforms_together():
    env = {var: value for spec in PLATFORMS.values() for var, value in spec[0].items()}
    rendered = render(BASE, env)
    assert list(rendered) == list(BASE) + list(PLATFORMS)
    assert incomplete(env) == {}


def test_the_base_file_is_not_changed():
    base = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    render(base, {var: value for spec in PLATFORMS.values() for var, value in spec[0].items()})
    assert base == BASE


def test_rest_channel_off_removes_it():
    rendered = render(BASE, {"REST_CHANNEL": "off"})
    assert "connectors.rest.GuardedRestInput" not in rendered
    assert "connectors.rest.GuardedRestInput" in render(BASE, {"REST_CHANNEL": "on"})


def test_socketio_jwt_key_turns_on_rasas_jwt_check():
    rendered = render(BASE, {"SOCKETIO_JWT_KEY": "a-key-of-at-least-16-chars"})
    socketio = rendered["connectors.socketio_polling.PollingSocketIOInput"]
    assert socketio["jwt_key"] == "a-key-of-at-least-16-chars"
    assert socketio["jwt_method"] == "HS256"
    assert socketio["session_persistence"] is True
    assert "jwt_key" not in BASE["connectors.socketio_polling.PollingSocketIOInput"]
