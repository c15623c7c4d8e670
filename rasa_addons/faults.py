"""Faults of the services around the Rasa server: reported, never hidden.

- The tracker store. Rasa's Agent wraps it in FailSafeTrackerStore, which on an error carries on
  with an empty conversation kept in memory and answers as if the person had just arrived.
  `refuse_fallback` becomes its error callback (the `on_tracker_store_error` argument Rasa's Agent
  does not pass): the error is logged, without the conversation's content, and raised as
  ConversationStoreUnavailable, so the turn is not processed and the channel answers with a
  clear error (connectors/rest.py: 503).
- The action server. Rasa 3.6 waits up to 300 s for it (rasa.core.constants.
  DEFAULT_REQUEST_TIMEOUT, not configurable), five times the conversation lock's 60 s.
  TimeLimitedActionEndpoint replaces the action endpoint: each call ends after ACTION_TIMEOUT, and
  after a call that could not reach the server or timed out, calls fail at once for a while
  (serving/action_health.py). A failed call is Rasa's usual failure (the action's events are
  lost); the channel then tells the person that part of the service is down.

`agent_configurator` returns the server listener that installs both; scripts/serve.py gives it
to rasa.run (serve_application's `server_listeners`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Optional

import aiohttp
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig
from sanic import Sanic

from serving.action_health import ActionServerHealth

logger = logging.getLogger(__name__)


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


def refuse_fallback(error: Exception) -> None:
    """FailSafeTrackerStore's error callback: log, and raise instead of using an empty conversation."""
    reason = describe_store_error(error)
    logger.error("Conversation store unavailable (%s): the message is refused, not answered.", reason)
    raise ConversationStoreUnavailable(f"conversation store unavailable ({reason})") from error


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
            raise aiohttp.ClientConnectionError("the action server failed a moment ago: not called again yet")
        # RemoteAction passes timeout=300 s; the limit here replaces it.
        kwargs["timeout"] = aiohttp.ClientTimeout(total=self.time_limit)
        try:
            result = await super().request(*args, **kwargs)
        except TimeoutError as error:
            self.health.unreachable()
            # A ClientConnectionError, which RemoteAction reports as an action server failure.
            raise aiohttp.ServerTimeoutError(f"no answer within {self.time_limit:g} s") from error
        except aiohttp.ClientConnectionError:
            self.health.unreachable()
            raise
        self.health.reached()
        return result


def agent_configurator(
    action_timeout: float, action_retry_after: float
) -> Callable[[Sanic, asyncio.AbstractEventLoop], Awaitable[None]]:
    """An after_server_start listener that applies both changes to the loaded agent."""
    health = ActionServerHealth(action_retry_after)

    async def configure_agent(app: Sanic, _: asyncio.AbstractEventLoop) -> None:
        agent = app.ctx.agent
        if isinstance(agent.tracker_store, FailSafeTrackerStore):
            agent.tracker_store._on_tracker_store_error = refuse_fallback
        if agent.action_endpoint is not None:
            endpoint = TimeLimitedActionEndpoint(agent.action_endpoint, action_timeout, health)
            agent.action_endpoint = endpoint
            if agent.processor is not None:
                agent.processor.action_endpoint = endpoint

    return configure_agent
