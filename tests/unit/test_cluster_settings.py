"""operations/cluster.py: ports, timeouts and the nginx config of the scale-out set."""

from pathlib import Path

import pytest

from operations.cluster import ClusterSettings, nginx_config, redis_config, store_environment

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = (ROOT / "deploy" / "nginx.conf.j2").read_text(encoding="utf-8")


def settings(**env: str) -> ClusterSettings:
    return ClusterSettings.from_env(env, ROOT)


def test_defaults_keep_everything_in_the_project_on_loopback_ports():
    default = settings()
    assert default.run_dir == ROOT / ".run" / "cluster" and default.data_dir == ROOT / "var" / "cluster"
    assert default.url == "http://127.0.0.1:5080"
    assert default.rasa_servers() == [("rasa-1", 5081), ("rasa-2", 5082)]


def test_ports_and_folders_come_from_the_environment():
    custom = settings(CLUSTER_PORT="5880", CLUSTER_RASA_PORTS="5881, 5882,5883", CLUSTER_DIR="/tmp/x")
    assert custom.nginx_port == 5880 and custom.run_dir == Path("/tmp/x")
    assert [name for name, _ in custom.rasa_servers()] == ["rasa-1", "rasa-2", "rasa-3"]
    with pytest.raises(ValueError):
        settings(CLUSTER_RASA_PORTS=" ")


def test_each_wait_outlasts_the_one_it_contains():
    # nginx waits longer than Rasa works on a turn, which is longer than a dead server's lock.
    default = settings()
    assert default.lock_lifetime == 60
    assert default.lock_lifetime < default.response_timeout < default.proxy_read_timeout
    longer = settings(TICKET_LOCK_LIFETIME="90")
    assert longer.response_timeout == 180 and "proxy_read_timeout 190s;" in nginx_config(longer, TEMPLATE)


def test_nginx_balances_every_rasa_server_and_listens_on_loopback_only():
    config = nginx_config(settings(), TEMPLATE)
    assert "listen 127.0.0.1:5080;" in config
    for port in (5081, 5082):
        assert config.count(f"server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;") == 2
    assert "least_conn;" in config and "hash $remote_addr consistent;" in config


def test_a_post_is_passed_to_the_other_server_only_when_retry_post_is_on():
    assert "proxy_next_upstream error timeout non_idempotent;" in nginx_config(settings(), TEMPLATE)
    off = nginx_config(settings(CLUSTER_RETRY_POST="0"), TEMPLATE)
    directives = [
        line.strip() for line in off.splitlines() if line.strip().startswith("proxy_next_upstream ")
    ]
    assert directives == ["proxy_next_upstream error timeout;"]


def test_the_nginx_log_holds_no_query_string_or_body():
    config = nginx_config(settings(), TEMPLATE)
    assert "$uri" in config and "$request " not in config and "$args" not in config
    assert "$request_body" not in config


def test_redis_keeps_locks_in_memory_behind_a_password():
    config = redis_config(settings(), "s3cret")
    assert "bind 127.0.0.1" in config and "requirepass s3cret" in config and 'save ""' in config


def test_the_stores_are_rasas_own_through_render_endpoints_variables():
    env = store_environment(settings(), "pg-pass", "redis-pass")
    assert env["POSTGRES_HOST"] == env["REDIS_HOST"] == "127.0.0.1"
    assert env["POSTGRES_PASSWORD"] == "pg-pass" and env["REDIS_PASSWORD"] == "redis-pass"
    assert env["ACTION_SERVER_URL"] == "http://127.0.0.1:5085/webhook"
