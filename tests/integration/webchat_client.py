"""A socket.io client that talks to the assistant the way the chat widget does (long-polling)."""

from __future__ import annotations

import queue
import threading
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
        answered, refusals = threading.Event(), []
        self.client.on("connect", answered.set)
        self.client.on("connect_error", lambda *reason: (refusals.append(reason), answered.set()))
        # The server's answer is awaited here: after a refusal, python-socketio's own wait
        # (wait=True) lasts its whole wait_timeout before raising.
        self.client.connect(
            base_url, socketio_path="socket.io", transports=["polling"], auth=auth, wait=False
        )
        if not answered.wait(timeout=10) or refusals:
            self.client.disconnect()  # also ends the polling a refused connection would keep open
            raise socketio.exceptions.ConnectionError(f"refused: {refusals}" if refusals else "no answer")
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
