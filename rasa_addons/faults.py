"""Faults of the services around the Rasa server: reported, never hidden.

- The tracker store. Rasa's Agent wraps it in FailSafeTrackerStore, which on an error carries on
  with an empty conversation kept in memory and answers as if the person had just arrived.
  `refusing_fallback` makes its error callback (the `on_tracker_store_error` argument Rasa's Agent
  does not pass): the error is logged, without the conversation's content, and raised as
  ConversationStoreUnavailable, so the turn is not processed and the channel answers with a
  clear error (connectors/rest.py: 503).
- The action server. Rasa 3.6 waits up to 300 s for it (rasa.core.constants.
  DEFAULT_REQUEST_TIMEOUT, not configurable), five times the conversation lock's 60 s.
  TimeLimitedActionEndpoint replaces the action endpoint: each call ends after ACTION_TIMEOUT, and
  after a call that could not reach the server or timed out, calls fail at once for a while
  (serving/action_health.py). A failed call is Rasa's usual failure (the processor logs it and
  the action's events are lost), and is recorded for the turn (serving/turn_faults.py).
- Telling the person. Every channel hands each message to Agent.handle_message
  (rasa.core.channels.channel.register), which `telling_faults` wraps: after a turn with a failed
  action call, or one that raised, the service message (clinical/service_messages.yml) goes out
  through the turn's own output channel, so Telegram, Slack, Messenger, Twilio, the chat page and
  REST all get the same words from this one place. A store error is re-raised after its message,
  so REST can answer 503 (connectors/rest.py).

`agent_configurator` returns the server listener that installs all three; scripts/serve.py
gives it to rasa.run (serve_application's `server_listeners`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Optional

import aiohttp
from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig
from sanic import Sanic

from clinical.service_messages import service_message
from serving.action_health import ActionServerHealth
from serving.privacy import conversation_ref
from serving.turn_faults import record_action_call_failure, record_store_unavailable, watching_turn

logger = logging.getLogger(__name__)

REJECTED = 400  # rasa-sdk's answer when a form's validation rejects the action: not a fault

HandleMessage = Callable[[UserMessage], Awaitable[Any]]


class ConversationStoreUnavailable(RasaException):
    """The tracker store could not read or save a conversation."""


def describe_store_error(error: Exception) -> str:
    """The error's kind and the database's own reason, never the statement or its parameters
    (SQLAlchemy's message carries the SQL and its values: message texts and the sender)."""
    cause = getattr(error, "orig", None)
    if cause is not None:
        reason = str(cause).splitlines()[0] if str(cause) else ""
        return f"{type(cause).__name__}: {reason}" if reason else type(cause).__name__
    return type(error).__name__


def describe_store(store: TrackerStore) -> str:
    """The store's class, and for Rasa's SQL store its database kind (never its URL: a password).
    The project's subclass of it (rasa_addons/sql_tracker_store.py) is named as Rasa's store."""
    if isinstance(store, SQLTrackerStore):
        return f"{SQLTrackerStore.__name__} ({store.engine.dialect.name})"
    return type(store).__name__


def refusing_fallback(store: TrackerStore) -> Callable[[Exception], None]:
    """FailSafeTrackerStore's error callback: log, and raise instead of using an empty conversation."""
    name = describe_store(store)

    def refuse_fallback(error: Exception) -> None:
        reason = describe_store_error(error)
        logger.error(
            "Conversation store %s unavailable (%s): the message is refused, not answered.", name, reason
        )
        record_store_unavailable()
        # Not chained to the store's error: a channel that logs the traceback (Messenger, Slack's
        # background task) would print SQLAlchemy's message, the statement and its values with it.
        raise ConversationStoreUnavailable(f"conversation store unavailable ({reason})") from None

    return refuse_fallback


class TimeLimitedActionEndpoint(EndpointConfig):
    """The action endpoint, with a time limit per call and no calls for a while after a failure."""

    def __init__(self, endpoint: EndpointConfig, time_limit: float, health: ActionServerHealth) -> None:
        super().__init__(
            endpoint.url,
            endpoint.params,
            endpoint.headers,
            endpoint.basic_auth,
            endpoint.token,
            endpoint.token_name,
            endpoint.cafile,
            **endpoint.kwargs,
        )
        self.type = endpoint.type
        self.time_limit = time_limit
        self.health = health

    async def request(self, *args: Any, **kwargs: Any) -> Optional[Any]:
        if not self.health.may_call():
            record_action_call_failure()
            raise aiohttp.ClientConnectionError("the action server failed a moment ago: not called again yet")
        # RemoteAction passes timeout=300 s; the limit here replaces it.
        kwargs["timeout"] = aiohttp.ClientTimeout(total=self.time_limit)
        try:
            result = await super().request(*args, **kwargs)
        except TimeoutError as error:
            self.health.unreachable()
            record_action_call_failure()
            # A ClientConnectionError, which RemoteAction reports as an action server failure.
            raise aiohttp.ServerTimeoutError(f"no answer within {self.time_limit:g} s") from error
        except aiohttp.ClientConnectionError:
            self.health.unreachable()
            record_action_call_failure()
            raise
        except aiohttp.ClientError as error:  # an error status (Rasa's ClientResponseError)
            if getattr(error, "status", None) != REJECTED:
                record_action_call_failure()
            raise
        self.health.reached()
        return result


def telling_faults(handle_message: HandleMessage) -> HandleMessage:
    """Agent.handle_message, followed by the service message on the turn's channel after a fault."""

    async def handle_message_telling_faults(message: UserMessage) -> Any:
        with watching_turn() as faults:
            try:
                result = await handle_message(message)
            except Exception:
                await _tell(message, faults.service_message_name(turn_failed=True))
                raise
        await _tell(message, faults.service_message_name(turn_failed=False))
        return result

    return handle_message_telling_faults


async def _tell(message: UserMessage, name: Optional[str]) -> None:
    if name is None:
        return
    try:
        await message.output_channel.send_text_message(message.sender_id, service_message(name))
    except Exception as error:  # the platform itself may be down: the turn's own error goes on
        logger.error(
            "Service message to conversation %s not sent: %s",
            conversation_ref(message.sender_id),
            type(error).__name__,
        )


def agent_configurator(
    action_timeout: float, action_retry_after: float
) -> Callable[[Sanic, asyncio.AbstractEventLoop], Awaitable[None]]:
    """An after_server_start listener that applies the three changes to the loaded agent."""
    health = ActionServerHealth(action_retry_after)

    async def configure_agent(app: Sanic, _: asyncio.AbstractEventLoop) -> None:
        agent = app.ctx.agent
        if isinstance(agent.tracker_store, FailSafeTrackerStore):
            agent.tracker_store._on_tracker_store_error = refusing_fallback(
                agent.tracker_store._tracker_store
            )
        if agent.action_endpoint is not None:
            endpoint = TimeLimitedActionEndpoint(agent.action_endpoint, action_timeout, health)
            agent.action_endpoint = endpoint
            if agent.processor is not None:
                agent.processor.action_endpoint = endpoint
        # Every channel calls app.ctx.agent.handle_message; this instance's method is wrapped.
        agent.handle_message = telling_faults(agent.handle_message)

    return configure_agent
