"""The default assistant (nothing configured: SQLite store, in-memory locks, its own action
server), and the start of every slow set-up the collected tests need, in the background
(tests/integration/early.py). Servers and ports: tests/integration/servers.py."""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent

from tests.integration import early
from tests.integration.configured import Configured
from tests.integration.faulty import Faulty
from tests.integration.servers import MODEL, Assistant, Conversation, start_assistant


@early.prepare("assistant")
def start_default_assistant() -> Assistant:
    return start_assistant(early.folder("assistant"), "assistant")


@early.prepare("agent")
def load_agent_in_this_process() -> Agent:
    return Agent.load(str(MODEL))


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly:
        return
    needed: list[str] = []  # in the order the tests need them
    for item in session.items:
        for name in getattr(item, "fixturenames", ()):
            if early.known(name) and name not in needed:
                needed.append(name)
    # The default assistant first: most tests and some set-ups need it.
    for name in sorted(needed, key=lambda name: name != "assistant"):
        early.begin(name)


def pytest_sessionfinish(session: pytest.Session) -> None:
    early.stop_all()


@pytest.fixture(scope="session")
def assistant() -> Assistant:
    return early.result("assistant")


@pytest.fixture
def chat(assistant: Assistant) -> Conversation:
    return assistant.conversation()


@pytest.fixture(scope="session")
def configured() -> Configured:
    """Every secret set and every channel on (tests/integration/configured.py)."""
    return early.result("configured")


@pytest.fixture(scope="session")
def faulty() -> Faulty:
    """Its action server is slow or gone (tests/integration/faulty.py)."""
    return early.result("faulty")


@pytest.fixture(scope="session")
def agent() -> Agent:
    """The trained model, loaded in this process the way Rasa loads it (Agent.load)."""
    return early.result("agent")
