"""Rasa's socket.io channel, served over long-polling only.

On Python 3.11, Sanic 21.12's websocket code passes coroutines to asyncio.wait (a TypeError),
so a websocket upgrade would break the connection; long-polling works with rasa-webchat.
"""

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

POLLING_ONLY = ["polling"]


class PollingSocketIOInput(SocketIOInput):
    """SocketIOInput whose engine.io server accepts the polling transport only."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_blueprint = super().blueprint(on_new_message)
        self.sio.eio.transports = POLLING_ONLY
        return socketio_blueprint
