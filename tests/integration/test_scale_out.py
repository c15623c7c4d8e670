"""Scale-out on real servers: `scripts/cluster.py start` (what `make cluster-up` runs) starts
PostgreSQL, Redis, one action server, two Rasa servers and nginx on loopback. 20 red-flag checks
run at once through nginx; one Rasa server is killed (SIGKILL) halfway; every check is finished
on the other, and each conversation's user turns in PostgreSQL are exactly the messages sent.
Then retention on the same PostgreSQL. Measurements: .test-results/scale_out.json.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
import pytest
import requests

from operations.cluster import ClusterSettings
from tests.integration import early
from tests.integration.servers import RESULTS, ROOT, port

PYTHON = str(ROOT / ".venv" / "bin" / "python")
PORTS = {
    "CLUSTER_PORT": str(port("cluster_nginx")),
    "CLUSTER_RASA_PORTS": f"{port('cluster_rasa')},{port('cluster_rasa', 1)}",
    "CLUSTER_ACTION_PORT": str(port("cluster_actions")),
    "CLUSTER_POSTGRES_PORT": str(port("cluster_postgres")),
    "CLUSTER_REDIS_PORT": str(port("cluster_redis")),
}
# The killed server's turns wait for its locks to expire: after 20 s here instead of Rasa's default
# 60 s, so the test waits less; what happens is the same (README, "Scaling out and retention").
LOCK_LIFETIME = "20"
CONVERSATIONS = 20
TURNS_PER_CHECK = 18  # the start, 16 answers to the end of a check with no red flag, one FAQ
KILL_AFTER_TURNS = CONVERSATIONS * TURNS_PER_CHECK // 2
FIRST_QUESTION = "chest pain, sudden shortness of breath"
FAQ = "what is pes anserine bursitis?"
DAY = 86_400.0


@dataclass
class Cluster:
    """The set started by `scripts/cluster.py start` (in the background: tests/integration/early.py)."""

    settings: ClusterSettings
    startup_seconds: float
    env: dict[str, str]
    parent: Path

    def stop(self, grace_seconds: float = 30) -> None:
        cluster_command(self.env, "stop", 120)  # scripts/cluster.py gives each server its own grace
        logs = RESULTS / "scale_out"
        shutil.rmtree(logs, ignore_errors=True)
        logs.mkdir(parents=True)
        for log in self.settings.run_dir.glob("*.log"):
            shutil.copy(log, logs / log.name)
        shutil.rmtree(self.parent, ignore_errors=True)


def cluster_command(env: dict[str, str], action: str, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "scripts/cluster.py", action],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@early.prepare("cluster")
def start_cluster() -> Cluster:
    # Outside pytest's per-user temp folder, which the postgres user cannot enter.
    parent = Path(tempfile.mkdtemp(prefix="hamstring-cluster-"))
    parent.chmod(0o755)
    env = {
        **os.environ,
        **PORTS,
        "CLUSTER_DIR": str(parent / "run"),
        "CLUSTER_DATA": str(parent / "data"),
        "TICKET_LOCK_LIFETIME": LOCK_LIFETIME,
        "EMERGENCY_NUMBER": "999",
    }
    started = time.monotonic()
    result = cluster_command(env, "start", 600)
    cluster = Cluster(ClusterSettings.from_env(env, ROOT), time.monotonic() - started, env, parent)
    if result.returncode != 0:
        cluster.stop()
        raise RuntimeError(f"cluster did not start: {result.stdout}{result.stderr}")
    return cluster


@pytest.fixture(scope="module")
def cluster():
    cluster = early.result("cluster")
    return cluster.settings, cluster.startup_seconds


@dataclass
class Tally:
    """Turns across all conversations, and the moment the server was killed."""

    condition: threading.Condition = field(default_factory=threading.Condition)
    completed: int = 0
    in_flight: int = 0
    killed_at: float | None = None
    latencies_after_kill: list[float] = field(default_factory=list)
    latencies_before_kill: list[float] = field(default_factory=list)


@dataclass
class Check:
    """One user's red-flag check: the answers given, and what was sent, in order."""

    answers: dict[str, str]
    expected_level: str
    start_message: str
    sender: str = field(default_factory=lambda: f"scale-{uuid.uuid4().hex[:12]}")
    sent: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    turns_after_kill: int = 0
    first_sent_at: float = 0.0
    finished_at: float = 0.0
    level: str | None = None


def say(url: str, check: Check, message: str, tally: Tally) -> list[dict]:
    check.sent.append(message)
    with tally.condition:
        tally.in_flight += 1
    started = time.monotonic()
    check.first_sent_at = check.first_sent_at or started
    try:
        reply = requests.post(
            f"{url}/webhooks/rest/webhook", json={"sender": check.sender, "message": message}, timeout=300
        )
    finally:
        with tally.condition:
            tally.in_flight -= 1
    seconds = time.monotonic() - started
    with tally.condition:
        tally.completed += 1
        if tally.killed_at is None:
            tally.latencies_before_kill.append(seconds)
        else:
            check.turns_after_kill += 1
            tally.latencies_after_kill.append(seconds)
        tally.condition.notify_all()
    if reply.status_code != 200:
        check.errors.append(f"{reply.status_code} on turn {len(check.sent)}")
        raise AssertionError(f"HTTP {reply.status_code} for turn {len(check.sent)} of {check.sender}")
    return reply.json()


def text_of(reply: list[dict]) -> str:
    return "\n".join(message.get("text", "") for message in reply)


def outcome_of(reply: list[dict]) -> dict | None:
    return next((m["custom"]["triage"] for m in reply if "triage" in m.get("custom", {})), None)


def run_check(url: str, check: Check, tally: Tally) -> None:
    """Start the check, answer two questions, ask a question in the middle, answer to the end."""
    reply = say(url, check, check.start_message, tally)
    assert FIRST_QUESTION in text_of(reply), text_of(reply)
    for turn in range(30):
        question = reply[-1].get("text", "")
        if turn == 2:
            reply = say(url, check, FAQ, tally)
            assert "sartorius" in text_of(reply), text_of(reply)
            assert reply[-1].get("text") == question, "the check asks the same question again"
        answer = next((a for words, a in check.answers.items() if words in question), "/deny")
        reply = say(url, check, answer, tally)
        outcome = outcome_of(reply)
        if outcome:
            check.level = outcome["level"]
            check.finished_at = time.monotonic()
            return
    raise AssertionError(f"{check.sender}: no outcome after 30 answers")


def checks() -> list[Check]:
    kinds = [
        ({}, "self_care", "check my symptoms"),
        ({"chest pain": "nope", "cold, pale or blue": "no"}, "self_care", "is this serious?"),
        ({"lasted more than a few days": "yes, it's been 3 weeks"}, "see_doctor", "should I see a doctor?"),
    ]
    return [Check(*kinds[index % len(kinds)]) for index in range(CONVERSATIONS)]


def user_turns_in_postgres(settings: ClusterSettings, sender: str) -> list[str]:
    password = settings.postgres_password_file.read_text().strip()
    connection = psycopg2.connect(
        host="127.0.0.1", port=settings.postgres_port, dbname="rasa", user="rasa", password=password
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "select data from events where sender_id = %s and type_name = 'user' order by id", (sender,)
            )
            return [json.loads(data)["text"] for (data,) in cursor.fetchall()]
    finally:
        connection.close()


def retried_requests(settings: ClusterSettings) -> list[str]:
    """nginx access-log lines of requests passed on to a second server."""
    log = (settings.run_dir / "nginx-access.log").read_text()
    return [line for line in log.splitlines() if "POST" in line and ", " in line.split("upstream=")[1]]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2) if ordered else 0.0


def test_twenty_checks_survive_one_rasa_server_killed_halfway(cluster):
    settings, startup_seconds = cluster
    victim = int(settings.pid_file("rasa-1").read_text())
    survivor = int(settings.pid_file("rasa-2").read_text())
    tally, conversations = Tally(), checks()

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        futures = [pool.submit(run_check, settings.url, check, tally) for check in conversations]
        with tally.condition:
            tally.condition.wait_for(
                lambda: tally.completed >= KILL_AFTER_TURNS or all(f.done() for f in futures), timeout=240
            )
            os.kill(victim, signal.SIGKILL)
            tally.killed_at = time.monotonic()
            in_flight_at_kill, completed_at_kill = tally.in_flight, tally.completed
        failures = [str(f.exception()) for f in futures if f.exception(timeout=400)]
    seconds = time.monotonic() - started

    recorded = {check.sender: user_turns_in_postgres(settings, check.sender) for check in conversations}
    mismatched = {
        c.sender: (c.sent, recorded[c.sender]) for c in conversations if recorded[c.sender] != c.sent
    }
    retried = retried_requests(settings)
    measurements = {
        "startup_seconds": round(startup_seconds, 1),
        "conversations": CONVERSATIONS,
        "turns": sum(len(c.sent) for c in conversations),
        "turns_before_kill": completed_at_kill,
        "in_flight_at_kill": in_flight_at_kill,
        "seconds_to_kill": round(tally.killed_at - started, 1),
        "seconds_all_conversations": round(seconds, 1),
        "latency_before_kill_p50_p95_max": [
            percentile(tally.latencies_before_kill, 0.5),
            percentile(tally.latencies_before_kill, 0.95),
            percentile(tally.latencies_before_kill, 1.0),
        ],
        "latency_after_kill_p50_p95_max": [
            percentile(tally.latencies_after_kill, 0.5),
            percentile(tally.latencies_after_kill, 0.95),
            percentile(tally.latencies_after_kill, 1.0),
        ],
        "requests_nginx_passed_to_the_other_server": len(retried),
        "nginx_retry_lines": retried,
        "client_errors": [e for c in conversations for e in c.errors],
        "conversations_whose_tracker_differs": len(mismatched),
        "differences": mismatched,
        "retry_post": settings.retry_post,
        "lock_lifetime_seconds": settings.lock_lifetime,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale_out.json").write_text(json.dumps(measurements, indent=2))

    assert failures == [], measurements
    assert measurements["client_errors"] == []
    assert completed_at_kill >= KILL_AFTER_TURNS, "the server was killed before halfway"
    assert all(c.turns_after_kill > 0 for c in conversations), "every check goes on after the kill"
    assert max(c.first_sent_at for c in conversations) < min(
        c.finished_at for c in conversations
    ), "all 20 were open at once"
    assert [c.level for c in conversations] == [c.expected_level for c in conversations]
    assert mismatched == {}, "each tracker holds exactly the user turns sent, in order"
    with pytest.raises(ProcessLookupError):
        os.kill(victim, 0)
    os.kill(survivor, 0)


def test_old_conversations_are_forgotten_from_postgres(cluster):
    from rasa.core.tracker_store import TrackerStore
    from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import read_endpoint_config

    settings, _ = cluster
    store = TrackerStore.create(read_endpoint_config(str(settings.endpoints_file), "tracker_store"))
    now, prefix = time.time(), f"retention-{uuid.uuid4().hex[:8]}"
    for age_days in (400, 90, 31, 29):
        at = now - age_days * DAY
        tracker = DialogueStateTracker.from_events(
            f"{prefix}-{age_days}",
            [
                ActionExecuted("action_session_start", timestamp=at),
                SessionStarted(timestamp=at),
                UserUttered("check my symptoms", timestamp=at),
            ],
        )
        asyncio.run(store.save(tracker))
    fresh = requests.post(
        f"{settings.url}/webhooks/rest/webhook",
        json={"sender": f"{prefix}-now", "message": "hello"},
        timeout=60,
    )
    assert fresh.ok

    def forget(*flags: str) -> str:
        command = [PYTHON, "scripts/forget_old_conversations.py", "--days", "30", "--endpoints"]
        result = subprocess.run(
            [*command, str(settings.endpoints_file), *flags],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def ours() -> list[str]:
        return sorted(s for s in asyncio.run(store.keys()) if s.startswith(prefix))

    dry = forget("--dry-run")
    assert dry.startswith("3 conversation(s), 9 event(s)") and "would be deleted" in dry, dry
    assert prefix not in dry, "no conversation id is printed"
    assert len(ours()) == 5
    assert forget().startswith("3 conversation(s), 9 event(s)")
    assert ours() == [f"{prefix}-29", f"{prefix}-now"]
