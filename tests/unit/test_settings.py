"""serving/settings.py: secure defaults, and every unsafe combination refused with its reason."""

import pytest

from serving.settings import (
    SECRET_VARIABLES,
    SettingsError,
    is_loopback,
    local_url,
    rasa_run_options,
    read_settings,
    refusals,
)

TOKEN = "a-random-token-of-32-characters!"
SECRET = "another-secret-of-enough-length"


def test_defaults_listen_on_loopback_with_no_api_and_no_cors():
    settings = read_settings({})
    assert (settings.rasa_host, settings.rasa_port) == ("127.0.0.1", 5005)
    assert (settings.action_host, settings.action_port) == ("127.0.0.1", 5055)
    assert settings.action_server_url == "http://127.0.0.1:5055/webhook"
    assert settings.rest_enabled and settings.rest_token is None
    assert refusals(settings) == []
    assert rasa_run_options(settings) == {
        "interface": "127.0.0.1",
        "port": 5005,
        "cors": None,
        "enable_api": False,
    }


def test_ports_and_hosts_come_from_the_environment():
    settings = read_settings({"RASA_HOST": "0.0.0.0", "RASA_PORT": "8000", "ACTION_PORT": "8001"})
    assert (settings.rasa_host, settings.rasa_port, settings.action_port) == ("0.0.0.0", 8000, 8001)
    assert settings.action_server_url == "http://127.0.0.1:8001/webhook"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_addresses(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10", "10.0.0.1", "bot.example.org", ""])
def test_addresses_beyond_this_machine(host):
    assert not is_loopback(host)


def test_an_open_interface_with_an_open_rest_channel_refuses_to_start():
    (problem,) = refusals(read_settings({"RASA_HOST": "0.0.0.0"}))
    assert "REST_TOKEN" in problem and "REST_CHANNEL=off" in problem


@pytest.mark.parametrize("extra", [{"REST_TOKEN": TOKEN}, {"REST_CHANNEL": "off"}])
def test_an_open_interface_starts_when_rest_needs_a_token_or_is_off(extra):
    assert refusals(read_settings({"RASA_HOST": "0.0.0.0", **extra})) == []


def test_an_open_action_server_needs_its_secret():
    assert "ACTION_SERVER_SECRET" in refusals(read_settings({"ACTION_HOST": "0.0.0.0"}))[0]
    assert refusals(read_settings({"ACTION_HOST": "0.0.0.0", "ACTION_SERVER_SECRET": SECRET})) == []


def test_an_action_server_on_another_machine_needs_the_secret():
    remote = {"ACTION_SERVER_URL": "http://actions.internal:5055/webhook"}
    assert "ACTION_SERVER_SECRET" in refusals(read_settings(remote))[0]
    assert refusals(read_settings({**remote, "ACTION_SERVER_SECRET": SECRET})) == []


@pytest.mark.parametrize("origins", ["*", "https://clinic.example.org/chat", "clinic.example.org"])
def test_cors_needs_plain_origins(origins):
    assert "CORS_ORIGINS" in refusals(read_settings({"CORS_ORIGINS": origins}))[0]


def test_cors_origins_are_passed_to_rasa():
    settings = read_settings({"CORS_ORIGINS": "https://clinic.example.org, http://localhost:8080"})
    assert refusals(settings) == []
    assert rasa_run_options(settings)["cors"] == ["https://clinic.example.org", "http://localhost:8080"]


@pytest.mark.parametrize("variable", SECRET_VARIABLES)
def test_short_secrets_are_refused(variable):
    (problem,) = refusals(read_settings({variable: "short"}))
    assert problem.startswith(variable)


def test_the_http_api_is_on_only_with_a_token_or_a_jwt_secret():
    assert rasa_run_options(read_settings({"RASA_API_TOKEN": TOKEN})) == {
        "interface": "127.0.0.1",
        "port": 5005,
        "cors": None,
        "enable_api": True,
        "auth_token": TOKEN,
    }
    jwt = rasa_run_options(read_settings({"RASA_JWT_SECRET": SECRET}))
    assert jwt["enable_api"] and jwt["jwt_secret"] == SECRET and jwt["jwt_method"] == "HS256"


def test_action_calls_of_a_turn_must_end_before_the_lock():
    assert refusals(read_settings({"ACTION_TIMEOUT": "10", "TICKET_LOCK_LIFETIME": "60"})) == []
    (problem,) = refusals(read_settings({"ACTION_TIMEOUT": "20", "TICKET_LOCK_LIFETIME": "60"}))
    assert "TICKET_LOCK_LIFETIME=60" in problem
    assert refusals(read_settings({"ACTION_TIMEOUT": "20", "TICKET_LOCK_LIFETIME": "90"})) == []
    assert refusals(read_settings({"ACTION_TIMEOUT": "0"}))


@pytest.mark.parametrize("variable", ["RASA_PORT", "ACTION_PORT", "ACTION_TIMEOUT", "TICKET_LOCK_LIFETIME"])
def test_numbers_that_are_not_numbers_are_an_error(variable):
    with pytest.raises(SettingsError, match=variable):
        read_settings({variable: "$(reboot)"})


def test_log_level_is_checked():
    assert read_settings({"LOG_LEVEL": "info"}).log_level == "INFO"
    with pytest.raises(SettingsError):
        read_settings({"LOG_LEVEL": "chatty"})


@pytest.mark.parametrize(
    "host, url",
    [
        ("0.0.0.0", "http://127.0.0.1:5005"),
        ("127.0.0.1", "http://127.0.0.1:5005"),
        ("192.0.2.10", "http://192.0.2.10:5005"),
        ("fd00::2", "http://[fd00::2]:5005"),
    ],
)
def test_local_url(host, url):
    assert local_url(host, 5005) == url
