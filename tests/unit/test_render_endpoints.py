"""render(): the endpoints file Rasa runs with, from endpoints.yml and the environment."""

from pathlib import Path

import yaml

from scripts.render_endpoints import render

BASE = yaml.safe_load((Path(__file__).resolve().parents[2] / "endpoints.yml").read_text(encoding="utf-8"))


def test_another_action_server_keeps_the_action_endpoint_settings():
    rendered = render(BASE, {"ACTION_SERVER_URL": "http://127.0.0.1:6000/webhook"})
    assert rendered["action_endpoint"]["url"] == "http://127.0.0.1:6000/webhook"
    assert rendered["action_endpoint"]["enable_selective_domain"] is True


def test_without_settings_the_embedded_defaults_stay():
    rendered = render(BASE, {})
    assert rendered["tracker_store"]["dialect"] == "sqlite"
    assert "lock_store" not in rendered


def test_postgres_and_redis_replace_the_embedded_stores():
    rendered = render(BASE, {"POSTGRES_HOST": "127.0.0.1", "REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6390"})
    assert rendered["tracker_store"]["dialect"] == "postgresql"
    assert rendered["lock_store"] == {
        "type": "redis",
        "url": "127.0.0.1",
        "port": 6390,
        "password": None,
        "db": 1,
    }
