"""render(): the endpoints file Rasa runs with, from endpoints.yml and the environment."""

from pathlib import Path

import yaml

from scripts.render_endpoints import render
from serving.tracker_store_types import SQL_STORE_SUBCLASS

ROOT = Path(__file__).resolve().parents[2]
BASE = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))


def test_without_env_the_base_file_is_used():
    assert render(BASE, {}) == BASE
    assert BASE["tracker_store"]["dialect"] == "sqlite" and "lock_store" not in BASE


def test_another_action_server_keeps_the_action_endpoint_settings():
    rendered = render(BASE, {"ACTION_SERVER_URL": "http://127.0.0.1:6000/webhook"})
    assert rendered["action_endpoint"]["url"] == "http://127.0.0.1:6000/webhook"
    assert rendered["action_endpoint"]["enable_selective_domain"] is True


def test_the_action_server_secret_is_sent_as_a_header():
    rendered = render(
        BASE,
        {"ACTION_SERVER_URL": "http://127.0.0.1:5056/webhook", "ACTION_SERVER_SECRET": "s" * 32},
    )
    assert rendered["action_endpoint"] == {
        "url": "http://127.0.0.1:5056/webhook",
        "enable_selective_domain": True,
        "headers": {"X-Action-Secret": "s" * 32},
    }
    assert "headers" not in BASE["action_endpoint"]


def test_postgres_and_redis_replace_the_embedded_stores():
    rendered = render(BASE, {"POSTGRES_HOST": "127.0.0.1", "REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6390"})
    assert rendered["tracker_store"]["dialect"] == "postgresql"
    assert rendered["tracker_store"]["type"] == BASE["tracker_store"]["type"] == SQL_STORE_SUBCLASS
    assert rendered["lock_store"] == {
        "type": "rasa_addons.lock_store.QueuedRedisLockStore",
        "url": "127.0.0.1",
        "port": 6390,
        "password": None,
        "db": 1,
    }
