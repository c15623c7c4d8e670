"""The default assistant (nothing configured: SQLite store, in-memory locks, its own action
server), and the start of every slow set-up the collected tests need, in the background
(tests/integration/early.py). Servers and ports: tests/integration/servers.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.integration import early
from tests.integration.configured import Configured
from tests.integration.faulty import Faulty
from tests.integration.on_real_stores import OnRealStores
from tests.integration.servers import MODEL, RESULTS, Assistant, Conversation, start_assistant

if TYPE_CHECKING:  # Rasa is imported by the set-up that loads the model, not while tests are collected
    from rasa.core.agent import Agent


@early.prepare("assistant")
def start_default_assistant() -> Assistant:
    return start_assistant(early.folder("assistant"), "assistant")


@early.prepare("spare_assistant")
def start_spare_assistant() -> Assistant:
    """A second default assistant, for the conversations held in the background (the answer
    corpus, the report's seven): they never share a server with a test that times its replies."""
    return start_assistant(early.folder("spare"), "spare")


@early.prepare("agent")
def load_agent_in_this_process() -> Agent:
    from rasa.core.agent import Agent

    return Agent.load(str(MODEL))


# Set-ups are begun in this order (early.CONCURRENT_SETUPS at a time): the servers most tests
# need first, then the long runs. Test modules run in the same order (those that need only the
# default assistant first), so each module finds what it needs ready, or nearly.
SETUP_ORDER = [
    "assistant",
    "configured",
    "faulty",
    "spare_assistant",
    "corpus_readings",
    "report_runs",
    "restart",
    "agent",
    "on_real_stores",
    "bench_run",
    "cluster",
]


def setups_needed(item: pytest.Item) -> list[str]:
    return [name for name in getattr(item, "fixturenames", ()) if early.known(name)]


def setup_rank(name: str) -> int:
    return SETUP_ORDER.index(name) if name in SETUP_ORDER else len(SETUP_ORDER)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Whole modules, in the order of the last set-up each needs (the tests are independent of order)."""
    module_rank: dict[str, int] = {}
    for item in items:
        ranks = [setup_rank(name) for name in setups_needed(item)] or [0]
        module_rank[item.module.__name__] = max(module_rank.get(item.module.__name__, 0), *ranks)
    items.sort(key=lambda item: module_rank[item.module.__name__])


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly:
        return
    needed = {name for item in session.items for name in setups_needed(item)}
    for name in sorted(needed, key=setup_rank):
        early.begin(name)


def pytest_sessionfinish(session: pytest.Session) -> None:
    early.stop_all(RESULTS / "early-setups.json")


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
def on_real_stores() -> OnRealStores:
    """Conversations in PostgreSQL, locks in Redis (tests/integration/on_real_stores.py)."""
    return early.result("on_real_stores")


@pytest.fixture(scope="session")
def agent() -> Agent:
    """The trained model, loaded in this process the way Rasa loads it (Agent.load)."""
    return early.result("agent")
