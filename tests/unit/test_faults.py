"""rasa_addons/faults.py: a store error stops the turn (no empty conversation in memory), action
server calls end within their time limit, then fail at once for a while, and after a turn with
either fault the person is told through the turn's own output channel."""

import asyncio
import logging
import sqlite3
import time
import traceback
from types import SimpleNamespace

import aiohttp
import pytest
import sqlalchemy.exc
from aiohttp import web
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from clinical.service_messages import CONVERSATION_UNAVAILABLE, NOT_ANSWERED, service_message
from rasa_addons.faults import (
    ConversationStoreUnavailable,
    TimeLimitedActionEndpoint,
    agent_configurator,
    describe_store,
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


async def configured_agent(action_endpoint=None, handle_message=None):
    store = FailSafeTrackerStore(BrokenStore(Domain.empty()))
    agent = SimpleNamespace(
        tracker_store=store,
        action_endpoint=action_endpoint,
        processor=SimpleNamespace(action_endpoint=action_endpoint, tracker_store=store),
        handle_message=handle_message,
    )
    await agent_configurator(5, 15)(SimpleNamespace(ctx=SimpleNamespace(agent=agent)), None)
    return agent


def test_the_store_is_named_by_its_kind_never_its_address(tmp_path):
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "conversations.db"))
    assert describe_store(store) == "SQLTrackerStore (sqlite)"
    assert describe_store(BrokenStore(Domain.empty())) == "BrokenStore"


async def test_a_store_that_cannot_read_stops_the_turn_and_logs_it(caplog):
    agent = await configured_agent()
    with caplog.at_level(logging.INFO), pytest.raises(ConversationStoreUnavailable) as raised:
        await agent.tracker_store.get_or_create_tracker(SENDER)
    logged = caplog.text
    assert "Conversation store BrokenStore unavailable (OperationalError: database is locked)" in logged
    assert SENDER not in logged and TEXT not in logged
    # A channel that logs the traceback prints no chained SQLAlchemy error (statement and values).
    printed = "".join(traceback.format_exception(raised.value))
    assert "database is locked" in printed
    assert SENDER not in printed and "INSERT" not in printed


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

    async def rejected(_):  # rasa-sdk's answer when a form's validation rejects the action
        return web.json_response({"error": "rejected", "action_name": "triage_form"}, status=400)

    async def failed(_):
        return web.json_response({"error": "KeyError"}, status=500)

    app = web.Application()
    app.router.add_post("/slow", slow)
    app.router.add_post("/webhook", webhook)
    app.router.add_post("/rejected", rejected)
    app.router.add_post("/failed", failed)
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


# --- Telling the person, on the turn's own channel ----------------------------------------------

REPLY = "Question 1 of the check"


async def agent_calling(endpoint_url: str, time_limit: float = 2):
    """A configured agent whose turn sends one reply and then calls the action server, as Rasa's
    processor does: a failed call is logged and the turn goes on (rasa/core/processor.py)."""

    async def handle_message(message: UserMessage):
        await message.output_channel.send_text_message(message.sender_id, REPLY)
        try:
            await agent.action_endpoint.request(json={}, method="post")
        except aiohttp.ClientError:
            pass
        return None

    agent = await configured_agent(EndpointConfig(endpoint_url, headers={}), handle_message)
    agent.action_endpoint.time_limit = time_limit
    return agent


def texts(channel: CollectingOutputChannel) -> list[str]:
    return [m["text"] for m in channel.messages]


@pytest.mark.parametrize("path", ["/slow", "/failed", "/no-such-path"])
async def test_a_turn_whose_action_call_failed_gets_the_message_after_its_replies(action_server, path):
    agent = await agent_calling(f"{action_server}{path}", time_limit=0.5)
    channel = CollectingOutputChannel()
    await agent.handle_message(UserMessage("check my symptoms", channel, SENDER))
    assert texts(channel) == [REPLY, service_message(NOT_ANSWERED)]


async def test_a_turn_whose_action_server_is_not_listening_gets_the_message(unused_tcp_port):
    agent = await agent_calling(f"http://127.0.0.1:{unused_tcp_port}/webhook")
    for _ in range(2):  # the second turn's call fails at once, without calling
        channel = CollectingOutputChannel()
        await agent.handle_message(UserMessage("check my symptoms", channel, SENDER))
        assert texts(channel) == [REPLY, service_message(NOT_ANSWERED)]


@pytest.mark.parametrize("path", ["/webhook", "/rejected"])
async def test_a_turn_whose_action_call_answered_gets_nothing_more(action_server, path):
    agent = await agent_calling(f"{action_server}{path}")
    channel = CollectingOutputChannel()
    await agent.handle_message(UserMessage("no", channel, SENDER))
    assert texts(channel) == [REPLY]


async def test_a_turn_the_store_refused_gets_its_message_and_the_error_goes_on_to_the_channel():
    async def handle_message(message: UserMessage):
        await agent.tracker_store.get_or_create_tracker(message.sender_id)

    agent = await configured_agent(handle_message=handle_message)
    channel = CollectingOutputChannel()
    with pytest.raises(ConversationStoreUnavailable):  # REST answers it with 503
        await agent.handle_message(UserMessage("hello", channel, SENDER))
    assert texts(channel) == [service_message(CONVERSATION_UNAVAILABLE)]


async def test_a_turn_that_failed_otherwise_gets_the_not_answered_message():
    async def handle_message(message: UserMessage):
        raise RuntimeError("a lock that could not be taken")

    agent = await configured_agent(handle_message=handle_message)
    channel = CollectingOutputChannel()
    with pytest.raises(RuntimeError):
        await agent.handle_message(UserMessage("hello", channel, SENDER))
    assert texts(channel) == [service_message(NOT_ANSWERED)]


class DownPlatform(OutputChannel):
    async def send_text_message(self, recipient_id, text, **kwargs):
        raise aiohttp.ClientConnectionError("the platform's API is down")


async def test_a_message_the_platform_does_not_take_is_logged_without_the_sender(caplog):
    async def handle_message(message: UserMessage):
        await agent.tracker_store.get_or_create_tracker(message.sender_id)

    agent = await configured_agent(handle_message=handle_message)
    with caplog.at_level(logging.INFO), pytest.raises(ConversationStoreUnavailable):
        await agent.handle_message(UserMessage(TEXT, DownPlatform(), SENDER))
    assert "Service message to conversation" in caplog.text and "ClientConnectionError" in caplog.text
    assert SENDER not in caplog.text and TEXT not in caplog.text
