"""rasa_addons/faults.py: a store error stops the turn (no empty conversation in memory), and
action server calls end within their time limit, then fail at once for a while."""

import asyncio
import logging
import sqlite3
import time
from types import SimpleNamespace

import aiohttp
import pytest
import sqlalchemy.exc
from aiohttp import web
from rasa.core.tracker_store import FailSafeTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from rasa_addons.faults import (
    ConversationStoreUnavailable,
    TimeLimitedActionEndpoint,
    agent_configurator,
    describe_store_error,
)
from serving.action_health import ActionServerHealth

SENDER = "+15551234567"
TEXT = "my chest hurts"


def locked_database_error() -> sqlalchemy.exc.OperationalError:
    return sqlalchemy.exc.OperationalError(
        "INSERT INTO events (sender_id, data) VALUES (?, ?)",
        (SENDER, f'{{"text": "{TEXT}"}}'),
        sqlite3.OperationalError("database is locked"),
    )


class BrokenStore(TrackerStore):
    """A tracker store whose database is locked."""

    async def retrieve(self, sender_id):
        raise locked_database_error()

    async def save(self, tracker):
        raise locked_database_error()

    async def keys(self):
        raise locked_database_error()


def test_the_store_error_is_described_without_the_statement_or_its_values():
    described = describe_store_error(locked_database_error())
    assert described == "OperationalError: database is locked"
    assert describe_store_error(ConnectionRefusedError("x")) == "ConnectionRefusedError"


async def configured_agent(action_endpoint=None):
    store = FailSafeTrackerStore(BrokenStore(Domain.empty()))
    agent = SimpleNamespace(
        tracker_store=store,
        action_endpoint=action_endpoint,
        processor=SimpleNamespace(action_endpoint=action_endpoint, tracker_store=store),
    )
    await agent_configurator(5, 15)(SimpleNamespace(ctx=SimpleNamespace(agent=agent)), None)
    return agent


async def test_a_store_that_cannot_read_stops_the_turn_and_logs_it(caplog):
    agent = await configured_agent()
    with caplog.at_level(logging.INFO), pytest.raises(ConversationStoreUnavailable):
        await agent.tracker_store.get_or_create_tracker(SENDER)
    logged = caplog.text
    assert "database is locked" in logged
    assert SENDER not in logged and TEXT not in logged


async def test_a_store_that_cannot_save_does_not_fall_back_to_memory():
    agent = await configured_agent()
    with pytest.raises(ConversationStoreUnavailable):
        await agent.tracker_store.save(DialogueStateTracker(SENDER, []))
    # Rasa's fallback store is created on first use: never used here.
    assert agent.tracker_store._fallback_tracker_store is None


async def test_the_action_endpoint_is_replaced_with_the_same_address_and_headers():
    original = EndpointConfig("http://127.0.0.1:5055/webhook", headers={"X-Action-Secret": "s" * 20})
    agent = await configured_agent(original)
    assert isinstance(agent.action_endpoint, TimeLimitedActionEndpoint)
    assert agent.processor.action_endpoint is agent.action_endpoint
    assert (agent.action_endpoint.url, agent.action_endpoint.headers) == (original.url, original.headers)
    assert agent.action_endpoint.time_limit == 5


@pytest.fixture
async def action_server():
    """A local action server: /slow answers after 5 s, /webhook at once with the headers it got."""

    async def slow(_):
        await asyncio.sleep(5)
        return web.json_response({"events": [], "responses": []})

    async def webhook(request):
        secret = request.headers.get("X-Action-Secret")
        return web.json_response({"events": [], "responses": [], "secret": secret})

    app = web.Application()
    app.router.add_post("/slow", slow)
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_a_call_that_answers_in_time_gets_the_answer(action_server):
    health = ActionServerHealth(15)
    endpoint = TimeLimitedActionEndpoint(
        EndpointConfig(f"{action_server}/webhook", headers={"X-Action-Secret": "the-secret"}), 2, health
    )
    answer = await endpoint.request(json={"next_action": "action_x"}, method="post", timeout=300)
    assert answer["secret"] == "the-secret"
    assert health.may_call()


async def test_a_slow_call_ends_at_the_time_limit_as_a_connection_error(action_server):
    health = ActionServerHealth(15)
    endpoint = TimeLimitedActionEndpoint(EndpointConfig(f"{action_server}/slow"), 0.5, health)
    started = time.monotonic()
    with pytest.raises(aiohttp.ClientConnectionError):
        await endpoint.request(json={}, method="post", timeout=300)
    assert time.monotonic() - started < 2
    assert not health.may_call()


async def test_after_a_failure_calls_fail_at_once(unused_tcp_port):
    health = ActionServerHealth(15)
    address = f"http://127.0.0.1:{unused_tcp_port}/webhook"
    endpoint = TimeLimitedActionEndpoint(EndpointConfig(address), 2, health)
    with pytest.raises(aiohttp.ClientConnectionError, match="Cannot connect"):
        await endpoint.request(json={}, method="post")
    with pytest.raises(aiohttp.ClientConnectionError, match="not called again yet"):
        await endpoint.request(json={}, method="post")
