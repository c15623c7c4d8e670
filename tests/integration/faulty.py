"""The assistant whose action server is not there or is slow, shared by test_faults.py,
test_emergency_without_action_server.py and test_channel_faults.py.

Rasa calls its actions at a loopback port where the tests put a stand-in: nothing listening (the
action server is gone), or a server that answers every call after longer than Rasa waits
(ACTION_TIMEOUT). Every call waits for its time limit (ACTION_RETRY_AFTER=0; the unit tests
cover the wait after a failure). Its conversations are in its own SQLite file. Every messaging
platform is on against the local fakes (fake_platforms.py), as a deployment with channels would
be, so that each platform's fault message is seen; it has no other secret set.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

from tests.integration import early
from tests.integration.fake_platforms import FakePlatforms
from tests.integration.platform_webhooks import TELEGRAM_USERNAME, channel_env
from tests.integration.servers import Assistant, port, start_assistant

ACTION_TIMEOUT = 3


class SlowActionServer(BaseHTTPRequestHandler):
    """Answers every call after longer than the assistant waits."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        time.sleep(ACTION_TIMEOUT + 5)
        self.send_response(500)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@dataclass
class ActionStandIn:
    """What listens where the assistant calls its actions: nothing, or a slow server."""

    port: int
    server: Optional[ThreadingHTTPServer] = field(default=None)

    def slow(self) -> None:
        if self.server is None:
            self.server = ThreadingHTTPServer(("127.0.0.1", self.port), SlowActionServer)
            self.server.daemon_threads = True
            threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def gone(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@dataclass
class Faulty:
    assistant: Assistant
    actions: ActionStandIn
    platforms: FakePlatforms

    def stop(self, grace_seconds: float = 30) -> None:
        self.assistant.stop(grace_seconds)
        self.actions.gone()
        self.platforms.stop()


@early.prepare("faulty")
def start_faulty() -> Faulty:
    actions = ActionStandIn(port("action_stand_in"))
    platforms = FakePlatforms(telegram_username=TELEGRAM_USERNAME).start()
    env = {
        **channel_env(platforms.url),
        "ACTION_SERVER_URL": f"http://127.0.0.1:{actions.port}/webhook",
        "ACTION_TIMEOUT": str(ACTION_TIMEOUT),
        "ACTION_RETRY_AFTER": "0",
    }
    try:
        return Faulty(start_assistant(early.folder("faulty"), "faulty", env), actions, platforms)
    except BaseException:
        platforms.stop()
        raise
