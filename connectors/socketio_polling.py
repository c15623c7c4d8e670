"""Rasa's socket.io channel for the web chat widget, with fixes for this stack and its safety.

1. Long-polling only: on Python 3.11, Sanic 21.12's websocket code passes coroutines to
   asyncio.wait (a TypeError), so a websocket upgrade would break the connection.
2. Custom payloads reach the page: Rasa 3.6's SocketIOOutput emits a custom JSON message as
   keyword arguments of `emit` (so `{"triage": ...}` raises a TypeError); here it is sent as a
   `bot_uttered` message `{"custom": {...}}`, which rasa-webchat passes to `onSocketEvent`.
3. Sessions cannot be taken over. Rasa takes the conversation id from every message's
   `session_id`, so any client could write into (and read) any conversation, a Twilio user's
   phone number included. Here the server issues the id (128 random bits) at `session_request`
   and keeps it with the connection; a returning widget may present an id only in that form
   (an id of another channel never has it), and messages go to the connection's own id.
4. Bad frames do not break it: a message that is not an object, or whose text is not a string,
   is ignored; metadata that is not an object is dropped (Rasa's json.loads of it raised).
A turn whose action server was down or too slow, or whose conversation store could not take the
message, gets a plain message with the emergency route from rasa_addons/faults.py, through this
channel's output like any reply.
Rasa's `jwt_key` check at connect is kept as it is (set by SOCKETIO_JWT_KEY).
"""

from __future__ import annotations

import logging
import re
import secrets
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from connectors.rest_request import Refusal, clean_message
from serving.privacy import conversation_ref

logger = logging.getLogger(__name__)

POLLING_ONLY = ["polling"]
SESSION_ID = re.compile(r"^[0-9a-f]{32}$")  # what new_session_id makes (and Rasa's uuid4().hex)


def new_session_id() -> str:
    return secrets.token_hex(16)


def session_id_for(requested: Any) -> str:
    """The id a connection gets: the one it presents when it has the issued form, else a new one."""
    if isinstance(requested, str) and SESSION_ID.match(requested):
        return requested
    return new_session_id()


class WebchatSocketIOOutput(SocketIOOutput):
    """SocketIOOutput that sends custom JSON as a message of its own."""

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class PollingSocketIOInput(SocketIOInput):
    """SocketIOInput over long-polling, with server-issued session ids and bad frames ignored."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def get_output_channel(self) -> Optional[OutputChannel]:
        return WebchatSocketIOOutput(self.sio, self.bot_message_evt) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_blueprint = super().blueprint(on_new_message)
        sio = self.sio
        sio.eio.transports = POLLING_ONLY

        # Both replace Rasa's handlers of the same events.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any = None, *_: Any) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = session_id_for(requested)
            await sio.save_session(sid, {"session_id": session_id}, namespace=self.namespace)
            if self.session_persistence:
                sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any = None, *_: Any) -> None:
            if not isinstance(data, dict):
                return
            try:
                text = clean_message(data.get("message"))
            except Refusal:
                return
            if self.session_persistence:
                session = await sio.get_session(sid, namespace=self.namespace)
                sender_id = session.get("session_id")
                if not sender_id:
                    return  # rasa-webchat always asks for a session first
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key)
            output = WebchatSocketIOOutput(sio, self.bot_message_evt)
            message = UserMessage(
                text,
                output,
                sender_id,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else None,
            )
            try:
                await on_new_message(message)
            except Exception as error:
                logger.error(
                    "socket.io message of conversation %s failed: %s",
                    conversation_ref(sender_id),
                    type(error).__name__,
                )
                logger.debug("socket.io message failure", exc_info=True)

        return socketio_blueprint
