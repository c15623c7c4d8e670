"""Secure by default, and safe when opened: what listens where, what is refused, what is logged.

The default assistant (conftest) is the deployment nobody configured; `secured` sets every
secret: REST token, action server secret, socket.io JWT key, HTTP API token, one CORS origin
(tests/integration/configured.py; the channel tests share it, with every channel on).
"""

from __future__ import annotations

import os
import random
import re
import socket
import sqlite3
import stat
import subprocess
import time
import uuid

import jwt
import pytest
import requests
import socketio

from serving.privacy import conversation_ref
from tests.integration.configured import API_TOKEN, CLINIC_ORIGIN, JWT_KEY, REST_TOKEN
from tests.integration.servers import ROOT, port
from tests.integration.webchat_client import WebchatClient, texts

FIRST_QUESTION = "chest pain, sudden shortness of breath"


def this_machines_address() -> str | None:
    """An address of this machine other than loopback (a UDP connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def refuses_connections(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=3).close()
    except ConnectionRefusedError:
        return True
    return False


def run_script(env_changes: dict[str, str], timeout: int = 60) -> subprocess.CompletedProcess:
    """scripts/run.sh with the test environment changed; it must stop on its own."""
    env = {k: v for k, v in os.environ.items() if k not in {"RASA_HOST", "ACTION_HOST", "REST_TOKEN"}}
    env.update(env_changes)
    return subprocess.run(
        [str(ROOT / "scripts" / "run.sh")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


# --- nothing configured -------------------------------------------------------------------------


def test_both_servers_listen_on_loopback_only(assistant):
    address = this_machines_address()
    if address is None:
        pytest.skip("this machine has no address other than loopback to try")
    assert refuses_connections(address, assistant.server.rasa_port)
    assert refuses_connections(address, assistant.server.action_port)
    assert requests.get(f"{assistant.action_url}/health", timeout=10).ok  # on loopback it is there


def test_conversations_and_run_files_are_private(assistant, chat):
    chat.say("hello")
    run_files = [assistant.run_dir / "credentials.yml", assistant.run_dir / "endpoints.yml"]
    for path in [assistant.db_path, *run_files]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_the_http_api_is_off(assistant):
    for path in ("/status", "/version", "/conversations/someone/tracker", "/model/parse"):
        assert requests.get(f"{assistant.base_url}{path}", timeout=10).status_code == 404, path


def test_cors_allows_no_other_origin(assistant):
    preflight = requests.options(
        f"{assistant.base_url}/webhooks/rest/webhook",
        headers={"Origin": "https://evil.example.org", "Access-Control-Request-Method": "POST"},
        timeout=10,
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers
    handshake = requests.get(
        f"{assistant.base_url}/socket.io/?EIO=4&transport=polling",
        headers={"Origin": "https://evil.example.org"},
        timeout=10,
    )
    assert "Access-Control-Allow-Origin" not in handshake.headers


def test_a_socketio_client_cannot_take_over_another_conversation(assistant):
    owner, intruder = WebchatClient(assistant.base_url), WebchatClient(assistant.base_url)
    try:
        owner_id = owner.request_session()
        owner.say("hello")
        # Asking for the owner's id, or another channel's (a phone number), gets a new conversation...
        assert intruder.request_session({"session_id": "+15551234567"}) != "+15551234567"
        intruder_id = intruder.request_session()
        assert intruder_id != owner_id
        # ...and a message naming the owner's id goes to the intruder's own conversation.
        intruder.emit("user_uttered", {"message": "are you a bot?", "session_id": owner_id})
        assert intruder.collect()
        assert owner.collect(timeout=3) == []
    finally:
        owner.close()
        intruder.close()
    with sqlite3.connect(assistant.db_path) as db:
        owner_turns = db.execute(
            "select count(*) from events where sender_id = ? and type_name = 'user'", (owner_id,)
        ).fetchone()[0]
    assert owner_turns == 1


def test_the_info_log_of_a_whole_conversation_has_no_text_and_no_sender(assistant):
    phone = f"+1555{random.randint(1_000_000, 9_999_999)}"
    assistant.say(phone, "hello, my name is Quentin Zabrowski")
    assistant.say(phone, "check my symptoms")
    for _ in range(20):  # "no" to every question, up to the outcome
        if any("triage" in m.get("custom", {}) for m in assistant.say(phone, "no")):
            break
    else:
        pytest.fail("the check did not reach its outcome")
    time.sleep(1)
    log = assistant.log_path.read_text(encoding="utf-8", errors="replace")
    outcome_lines = [line for line in log.splitlines() if " INFO " in line and "triage outcome" in line]
    assert outcome_lines, "the action server's INFO log is not on"
    assert all(re.search(r"for conversation [0-9a-f]{12}$", line) for line in outcome_lines)
    for secret in (phone, phone[1:], "Quentin", "Zabrowski", "my name is", "check my symptoms"):
        assert secret not in log
    # The ref is keyed (LOG_REF_KEY, random per start): not the plain hash anyone could compute.
    assert conversation_ref(phone, {}) not in log


def test_an_action_error_is_answered_without_the_conversation(assistant):
    call = {"next_action": "action_submit_triage", "tracker": {}, "note": "my chest hurts Quentin"}
    reply = requests.post(f"{assistant.action_url}/webhook", json=call, timeout=10)
    assert reply.status_code == 500
    assert reply.json() == {"error": "KeyError"}  # rasa-sdk's own answer echoed the whole call
    assert requests.get(f"{assistant.action_url}/no-such-page", timeout=10).status_code == 404


# --- refused before anything starts -------------------------------------------------------------


def test_an_open_interface_with_open_rest_refuses_to_start():
    refused_port = port("refused")
    started = time.monotonic()
    result = run_script({"RASA_HOST": "0.0.0.0", "RASA_PORT": str(refused_port)})
    assert result.returncode != 0
    assert "REST_TOKEN" in result.stderr and "refusing to start" in result.stderr
    assert time.monotonic() - started < 60
    assert refuses_connections("127.0.0.1", refused_port)


def test_an_open_action_server_without_its_secret_refuses_to_start():
    result = run_script({"ACTION_HOST": "0.0.0.0"})
    assert result.returncode != 0 and "ACTION_SERVER_SECRET" in result.stderr


def test_settings_in_dotenv_are_read_literally(tmp_path):
    marker = tmp_path / "ran"
    dotenv = tmp_path / ".env"
    dotenv.write_text(f"RASA_HOST=0.0.0.0\nEMERGENCY_NUMBER=$(touch {marker})\n")
    result = run_script({"DOTENV_FILE": str(dotenv)})
    # .env's RASA_HOST was read (the open interface is refused), its command was not run.
    assert result.returncode != 0 and "RASA_HOST=0.0.0.0" in result.stderr
    assert not marker.exists()


# --- every secret set ---------------------------------------------------------------------------


@pytest.fixture
def secured(configured):
    return configured.assistant


def post_rest(assistant, message: str, authorization: str | None, sender: str = "secured-user"):
    headers = {"Authorization": authorization} if authorization is not None else {}
    return requests.post(
        f"{assistant.base_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        headers=headers,
        timeout=60,
    )


@pytest.mark.parametrize("authorization", [None, "", "Bearer wrong-token", REST_TOKEN, f"Basic {REST_TOKEN}"])
def test_rest_refuses_a_missing_or_wrong_token(secured, authorization):
    reply = post_rest(secured, "hello", authorization)
    assert reply.status_code == 401 and reply.json() == {"error": "missing or wrong bearer token"}


def test_rest_with_the_token_runs_the_check_through_the_secured_action_server(secured):
    sender = f"secured-{uuid.uuid4().hex[:8]}"
    assert "hamstring helper" in post_rest(secured, "hello", f"Bearer {REST_TOKEN}", sender).text.lower()
    reply = post_rest(secured, "check my symptoms", f"Bearer {REST_TOKEN}", sender)
    assert reply.status_code == 200 and FIRST_QUESTION in reply.text


def test_the_action_server_refuses_calls_without_the_secret(secured):
    call = {"next_action": "action_submit_triage", "sender_id": "x", "tracker": {}, "domain": {}}
    url = f"{secured.action_url}/webhook"
    assert requests.post(url, json=call, timeout=10).status_code == 401
    assert requests.post(url, json=call, headers={"X-Action-Secret": "wrong"}, timeout=10).status_code == 401
    assert requests.get(f"{secured.action_url}/actions", timeout=10).status_code == 401
    assert requests.get(f"{secured.action_url}/health", timeout=10).ok


def test_the_http_api_needs_its_token(secured):
    assert requests.get(f"{secured.base_url}/status", timeout=10).status_code in (401, 403)
    assert requests.get(f"{secured.base_url}/status", params={"token": "wrong"}, timeout=10).status_code in (
        401,
        403,
    )
    assert requests.get(f"{secured.base_url}/status", params={"token": API_TOKEN}, timeout=10).ok


def test_socketio_needs_a_token_signed_with_the_jwt_key(secured):
    signed_elsewhere = jwt.encode({"user": "x"}, "another-key-that-is-not-the-servers", "HS256")
    for auth in (None, {"token": "not-a-jwt"}, {"token": signed_elsewhere}):
        with pytest.raises(socketio.exceptions.ConnectionError):
            WebchatClient(secured.base_url, auth=auth)
    client = WebchatClient(secured.base_url, auth={"token": jwt.encode({"user": "x"}, JWT_KEY, "HS256")})
    try:
        client.request_session()
        assert "hamstring helper" in texts(client.say("hello")).lower()
    finally:
        client.close()


def test_cors_allows_the_configured_origin_only(secured):
    def preflight(origin):
        return requests.options(
            f"{secured.base_url}/webhooks/rest/webhook",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
            timeout=10,
        ).headers.get("Access-Control-Allow-Origin")

    assert preflight(CLINIC_ORIGIN) == CLINIC_ORIGIN
    assert preflight("https://evil.example.org") is None
