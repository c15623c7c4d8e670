"""scripts/render_endpoints.py: the action endpoint carries the shared secret when one is set."""

from pathlib import Path

import yaml

from scripts.render_endpoints import render

ROOT = Path(__file__).resolve().parents[2]
BASE = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))


def test_without_env_the_base_file_is_used():
    assert render(BASE, {}) == BASE


def test_the_action_server_secret_is_sent_as_a_header():
    rendered = render(
        BASE,
        {"ACTION_SERVER_URL": "http://127.0.0.1:5056/webhook", "ACTION_SERVER_SECRET": "s" * 32},
    )
    assert rendered["action_endpoint"] == {
        "url": "http://127.0.0.1:5056/webhook",
        "headers": {"X-Action-Secret": "s" * 32},
    }
    assert "headers" not in BASE["action_endpoint"]
