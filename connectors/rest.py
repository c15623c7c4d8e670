"""Rasa's REST channel, guarded: a bearer token when REST_TOKEN is set, and every request checked.

Same URL and same replies as Rasa's RestInput (POST /webhooks/rest/webhook, a JSON list of bot
messages), with these differences:
1. With REST_TOKEN set (required when the server listens beyond this machine, serving/settings.py)
   a request without `Authorization: Bearer <REST_TOKEN>` gets 401 and is not processed.
2. The body is read by connectors/rest_request.py: a body that is not a JSON object, a missing or
   non-string `sender` or `message`, invalid UTF-8 or one over 256 KB gets a 4xx with the reason
   (Rasa answers 500, or puts a message without sender into one shared "default" conversation).
   The client cannot choose `input_channel` (Rasa lets it claim to be another channel).
3. When the conversation store is down the answer is 503, with the message every channel gets
   for it (nothing was kept). That message, and the one for a turn whose action server was down
   or too slow, are sent by rasa_addons/faults.py through the turn's output channel, here the
   collected reply.
4. Logs name the conversation by a short hash and never carry the message (Rasa logs the text
   of a failed message).
"""

from __future__ import annotations

import logging
import os
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from connectors.rest_request import Refusal, read_rest_request, token_matches
from rasa_addons.faults import ConversationStoreUnavailable
from serving.privacy import conversation_ref

logger = logging.getLogger(__name__)

TOKEN_VARIABLE = "REST_TOKEN"


class GuardedRestInput(RestInput):
    """RestInput with a bearer token check, request validation and a 503 when the store is down."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        # The token comes from the environment only, never from a file.
        return cls(token=os.environ.get(TOKEN_VARIABLE) or None)

    def __init__(self, token: Optional[str] = None) -> None:
        self.token = token

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @rest.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.token and not token_matches(request.headers.get("Authorization"), self.token):
                return response.json(
                    {"error": "missing or wrong bearer token"},
                    status=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            try:
                parsed = read_rest_request(request.body or b"")
            except Refusal as refusal:
                return response.json({"error": refusal.reason}, status=refusal.status)
            collector = CollectingOutputChannel()
            message = UserMessage(
                parsed.message, collector, parsed.sender, input_channel=self.name(), metadata=parsed.metadata
            )
            try:
                await on_new_message(message)
            except ConversationStoreUnavailable:
                return response.json(collector.messages, status=503)
            except CancelledError:
                logger.error("REST message of conversation %s timed out", conversation_ref(parsed.sender))
            except Exception as error:
                logger.error(
                    "REST message of conversation %s failed: %s",
                    conversation_ref(parsed.sender),
                    type(error).__name__,
                )
                logger.debug("REST message failure", exc_info=True)
            return response.json(collector.messages)

        return rest
