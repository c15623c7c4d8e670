"""The real assistant (action server + Rasa server via scripts/run.sh) on loopback ports, and the
block of ports every end-to-end test uses.

All ports are inside one block, TEST_PORT_BASE to TEST_PORT_BASE + TEST_PORT_SPAN - 1 (default
5900-5949), so copies of the tests run side by side on other blocks.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "hamstring.tar.gz"
RESULTS = ROOT / ".test-results"
PORT_BASE = int(os.environ.get("TEST_PORT_BASE", "5900"))
PORT_SPAN = int(os.environ.get("TEST_PORT_SPAN", "50"))

# Each server's place in the block (its port is PORT_BASE + the number).
PORT_OFFSETS = {
    "assistant": 0,  # the default assistant (conftest): Rasa, then its action server on the next port
    "configured": 2,  # every secret set, every channel on (configured.py)
    "faulty": 4,  # its action server is slow or gone (test_faults.py, test_emergency_without_...)
    "action_stand_in": 6,  # where the faulty assistant calls its actions
    "real_stores": 7,  # on PostgreSQL and Redis (test_real_stores.py)
    "real_stores_postgres": 9,
    "real_stores_redis": 10,
    "refused": 11,  # a start that must be refused (test_security.py)
    "report_postgres": 12,  # test_operators_report.py
    "cluster_nginx": 13,  # test_scale_out.py: nginx, two Rasa servers, actions, PostgreSQL, Redis
    "cluster_rasa": 14,  # and 15
    "cluster_actions": 16,
    "cluster_postgres": 17,
    "cluster_redis": 18,
    "spare": 19,  # a second default assistant, for conversations held in the background (conftest)
    "restart": 21,  # the default assistant the restart test stops and starts (test_restart.py)
}


def port(name: str, extra: int = 0) -> int:
    offset = PORT_OFFSETS[name] + extra
    if offset >= PORT_SPAN:
        raise ValueError(f"TEST_PORT_SPAN={PORT_SPAN} is too small: {name} needs offset {offset}")
    return PORT_BASE + offset


def assistant_ports(name: str) -> tuple[int, int]:
    """(Rasa port, action server port) of the named assistant."""
    return port(name), port(name, 1)


class Assistant:
    """A running assistant, talked to through Rasa's REST channel."""

    def __init__(self, server: AssistantServer) -> None:
        self.server = server
        self.base_url = f"http://127.0.0.1:{server.rasa_port}"
        self.action_url = f"http://127.0.0.1:{server.action_port}"
        self.db_path = server.folder / "conversations.db"
        self.log_path = server.log_path  # both servers' output, at INFO level
        self.run_dir = server.folder / "run"  # the endpoints and credentials files it runs with

    def say(self, sender: str, message: str) -> list[dict]:
        reply = requests.post(
            f"{self.base_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
        )
        reply.raise_for_status()
        return reply.json()

    def conversation(self) -> Conversation:
        return Conversation(self, f"test-{uuid.uuid4().hex[:12]}")

    def stop(self, grace_seconds: float = 30) -> None:
        self.server.stop(grace_seconds)

    def start_again(self) -> None:
        """Starts both servers again, on the same conversations, ports and settings."""
        self.server.start().wait_until_answering()


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


class AssistantServer:
    """scripts/run.sh with the tests' settings: `start` launches it, `wait_until_answering` waits
    for both servers, `stop` stops both. Its conversations and run files are in `folder`."""

    def __init__(self, folder: Path, rasa_port: int, action_port: int, extra_env: dict | None = None) -> None:
        self.folder = folder
        self.rasa_port = rasa_port
        self.action_port = action_port
        self.log_path = RESULTS / f"assistant-{rasa_port}.log"
        self.env = {
            **os.environ,
            "RASA_HOST": "127.0.0.1",
            "RASA_PORT": str(rasa_port),
            "ACTION_PORT": str(action_port),
            "SQLITE_DB": str(folder / "conversations.db"),
            "RUN_DIR": str(folder / "run"),
            "DOTENV_FILE": str(folder / "no.env"),  # a developer's .env does not change the tests
            "LOG_LEVEL": "INFO",
            "EMERGENCY_NUMBER": "999",
            "URGENT_CARE": "an urgent treatment centre (or NHS 111)",
            **(extra_env or {}),
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> AssistantServer:
        if not MODEL.exists():
            pytest.fail("no trained model: run `make train` (make test does)")
        RESULTS.mkdir(exist_ok=True)
        mode = "w" if self.process is None else "a"  # a restart adds to the log of the first start
        with open(self.log_path, mode) as log:
            self.process = subprocess.Popen(
                [str(ROOT / "scripts" / "run.sh")],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def wait_until_answering(self, seconds: float = 240) -> Assistant:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"assistant exited early, see {self.log_path}")
            try:
                if (
                    requests.get(f"http://127.0.0.1:{self.rasa_port}/", timeout=2).ok
                    and requests.get(f"http://127.0.0.1:{self.action_port}/health", timeout=2).ok
                ):
                    return Assistant(self)
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"assistant did not start within {seconds:.0f} s, see {self.log_path}")

    @property
    def stopped(self) -> bool:
        return self.process is None or self.process.poll() is not None

    def request_stop(self) -> None:
        """Ctrl-C to run.sh and both servers, without waiting (`stop` waits)."""
        if not self.stopped:
            os.killpg(self.process.pid, signal.SIGINT)

    def stop(self, grace_seconds: float = 30) -> None:
        """Ctrl-C, then SIGKILL if both have not stopped within grace_seconds (on Ctrl-C, Sanic
        waits up to 15 s for open connections, such as a closed chat page's last poll)."""
        self.request_stop()
        if self.process is None:
            return
        try:
            self.process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def start_assistant(folder: Path, name: str, extra_env: dict | None = None) -> Assistant:
    """Starts the named assistant and waits until it answers."""
    rasa_port, action_port = assistant_ports(name)
    return AssistantServer(folder, rasa_port, action_port, extra_env).start().wait_until_answering()
