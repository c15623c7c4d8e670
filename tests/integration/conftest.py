"""Starts the real assistant (action server + Rasa server via scripts/run.sh) on loopback ports."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path
from typing import Iterator

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "hamstring.tar.gz"
RESULTS = ROOT / ".test-results"
# Each test module's servers get their own ports: Rasa on BASE + k, its action server on
# BASE + SPAN + k, PostgreSQL or Redis on BASE + 0 to 4. Set TEST_PORT_BASE / TEST_PORT_SPAN
# to run beside other copies of the tests.
PORT_BASE = int(os.environ.get("TEST_PORT_BASE", "5900"))
PORT_SPAN = int(os.environ.get("TEST_PORT_SPAN", "50"))


def assistant_ports(k: int) -> tuple[int, int]:
    """(Rasa port, action server port) of the k-th assistant (5 to 14)."""
    return PORT_BASE + k, PORT_BASE + PORT_SPAN + k


def service_port(k: int) -> int:
    """The port of the k-th other server a test starts, PostgreSQL or Redis (0 to 4)."""
    assert 0 <= k < 5
    return PORT_BASE + k


class Assistant:
    """A running assistant, talked to through Rasa's REST channel."""

    def __init__(self, base_url: str, db_path: Path, log_path: Path, run_dir: Path, action_url: str) -> None:
        self.base_url = base_url
        self.db_path = db_path
        self.log_path = log_path  # both servers' output, at INFO level
        self.run_dir = run_dir  # the endpoints and credentials files it runs with
        self.action_url = action_url

    def say(self, sender: str, message: str) -> list[dict]:
        reply = requests.post(
            f"{self.base_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
        )
        reply.raise_for_status()
        return reply.json()

    def conversation(self) -> Conversation:
        return Conversation(self, f"test-{uuid.uuid4().hex[:12]}")


class Conversation:
    """One user's conversation; `say` returns the bot's messages, `text` their joined text."""

    def __init__(self, assistant: Assistant, sender: str) -> None:
        self.assistant = assistant
        self.sender = sender
        self.last: list[dict] = []

    def say(self, message: str) -> list[dict]:
        self.last = self.assistant.say(self.sender, message)
        return self.last

    @property
    def text(self) -> str:
        return "\n".join(m.get("text", "") for m in self.last)

    @property
    def buttons(self) -> list[dict]:
        return [b for m in self.last for b in m.get("buttons", [])]

    @property
    def custom(self) -> list[dict]:
        return [m["custom"] for m in self.last if "custom" in m]


def start_assistant(tmp_dir: Path, rasa_port: int, action_port: int, extra_env: dict | None = None):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does)")
    env = {
        **os.environ,
        "RASA_HOST": "127.0.0.1",
        "RASA_PORT": str(rasa_port),
        "ACTION_PORT": str(action_port),
        "SQLITE_DB": str(tmp_dir / "conversations.db"),
        "RUN_DIR": str(tmp_dir / "run"),
        "DOTENV_FILE": str(tmp_dir / "no.env"),  # a developer's .env does not change the tests
        "LOG_LEVEL": "INFO",
        "EMERGENCY_NUMBER": "999",
        "URGENT_CARE": "an urgent treatment centre (or NHS 111)",
        **(extra_env or {}),
    }
    RESULTS.mkdir(exist_ok=True)
    log = open(RESULTS / f"assistant-{rasa_port}.log", "w")
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "run.sh")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{rasa_port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"assistant exited early, see {log.name}")
        try:
            if (
                requests.get(f"{base_url}/", timeout=2).ok
                and requests.get(f"http://127.0.0.1:{action_port}/health", timeout=2).ok
            ):
                return process, Assistant(
                    base_url,
                    Path(env["SQLITE_DB"]),
                    Path(log.name),
                    Path(env["RUN_DIR"]),
                    f"http://127.0.0.1:{action_port}",
                )
        except requests.RequestException:
            pass
        time.sleep(1)
    stop_assistant(process)
    pytest.fail(f"assistant did not start within 240 s, see {log.name}")


def stop_assistant(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def assistant(tmp_path_factory) -> Iterator[Assistant]:
    process, running = start_assistant(tmp_path_factory.mktemp("assistant"), *assistant_ports(5))
    yield running
    stop_assistant(process)


@pytest.fixture
def chat(assistant: Assistant) -> Conversation:
    return assistant.conversation()
