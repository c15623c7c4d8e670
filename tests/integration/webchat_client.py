"""A socket.io client that talks to the assistant the way the chat widget does (long-polling)."""

from __future__ import annotations

import queue
from typing import Any, Optional

import socketio


class WebchatClient:
    """Connects, asks for a session like rasa-webchat, sends messages and collects the replies."""

    def __init__(self, base_url: str, auth: Optional[dict] = None) -> None:
        self.client = socketio.Client(reconnection=False)
        self.replies: queue.Queue = queue.Queue()
        self.confirmed: queue.Queue = queue.Queue()
        self.client.on("bot_uttered", self.replies.put)
        self.client.on("session_confirm", self.confirmed.put)
        self.client.connect(
            base_url, socketio_path="socket.io", transports=["polling"], auth=auth, wait_timeout=10
        )
        self.session_id: Optional[str] = None

    def request_session(self, data: Any = None) -> str:
        self.client.emit("session_request", data if data is not None else {"session_id": None})
        self.session_id = self.confirmed.get(timeout=30)
        return self.session_id

    def emit(self, event: str, data: Any) -> None:
        self.client.emit(event, data)

    def say(self, message: str, timeout: float = 60) -> list[dict]:
        self.client.emit("user_uttered", {"message": message, "session_id": self.session_id})
        return self.collect(timeout)

    def collect(self, timeout: float = 60, quiet: float = 1.5) -> list[dict]:
        """The replies of one turn: the first within `timeout`, the rest until `quiet` s pass."""
        try:
            received = [self.replies.get(timeout=timeout)]
        except queue.Empty:
            return []
        while True:
            try:
                received.append(self.replies.get(timeout=quiet))
            except queue.Empty:
                return received

    def close(self) -> None:
        self.client.disconnect()


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies if isinstance(r, dict))
