"""Rasa's socket.io channel for the web chat widget, with two fixes for this stack.

1. Long-polling only: on Python 3.11, Sanic 21.12's websocket code passes coroutines to
   asyncio.wait (a TypeError), so a websocket upgrade would break the connection.
2. Custom payloads reach the page: Rasa 3.6's SocketIOOutput emits a custom JSON message as
   keyword arguments of `emit` (so `{"triage": ...}` raises a TypeError); here it is sent as a
   `bot_uttered` message `{"custom": {...}}`, which rasa-webchat passes to `onSocketEvent`.
"""

import json
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

POLLING_ONLY = ["polling"]


class WebchatSocketIOOutput(SocketIOOutput):
    """SocketIOOutput that sends custom JSON as a message of its own."""

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class PollingSocketIOInput(SocketIOInput):
    """SocketIOInput over long-polling whose replies use WebchatSocketIOOutput."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def get_output_channel(self) -> Optional[OutputChannel]:
        return WebchatSocketIOOutput(self.sio, self.bot_message_evt) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_blueprint = super().blueprint(on_new_message)
        sio = self.sio
        sio.eio.transports = POLLING_ONLY

        # Replaces Rasa's handler (same logic) so that replies go through WebchatSocketIOOutput.
        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Dict) -> None:
            if self.session_persistence:
                if not data.get("session_id"):
                    return  # rasa-webchat always sends one after session_request
                sender_id = data["session_id"]
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key, {})
            if isinstance(metadata, str):
                metadata = json.loads(metadata)
            await on_new_message(
                UserMessage(
                    data.get("message", ""),
                    WebchatSocketIOOutput(sio, self.bot_message_evt),
                    sender_id,
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )

        return socketio_blueprint
