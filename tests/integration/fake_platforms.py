"""A local stand-in for the Telegram, Slack, Messenger and Twilio APIs, on 127.0.0.1.

One threaded HTTP server on a free port records every request and answers each platform's API,
chosen by the first path segment, with a minimal valid reply:

    /telegram/bot<token>/<method>    Telegram Bot API ({"ok": true, "result": ...})
    /slack/api/<method>              Slack Web API ({"ok": true, ...})
    /messenger/...                   Graph API Send API ({"recipient_id": ..., "message_id": ...})
    /twilio/2010-04-01/...           Twilio REST API (a Message resource, 201)
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorded:
    """One request the fake received."""

    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes

    @property
    def platform(self) -> str:
        return self.path.lstrip("/").split("/", 1)[0]

    @property
    def endpoint(self) -> str:
        """The last path segment without query: a Telegram method, a Slack method, messages, ..."""
        return urlsplit(self.path).path.rstrip("/").rsplit("/", 1)[-1]

    def data(self) -> dict[str, Any]:
        """The body as a dict: JSON, or a form with one value per field."""
        content_type = self.headers.get("content-type", "")
        if "json" in content_type:
            return json.loads(self.body or b"{}")
        return {key: values[0] for key, values in parse_qs(self.body.decode()).items()}


class FakePlatforms:
    """The fake API server; `url` is its base, `requests` what it received, oldest first."""

    def __init__(self, telegram_username: str = "hamstring_test_bot") -> None:
        self.telegram_username = telegram_username
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakePlatforms:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def received(self, predicate: Callable[[Recorded], bool] = lambda r: True) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if predicate(r)]

    def wait_for(self, predicate: Callable[[Recorded], bool], timeout: float = 30.0) -> list[Recorded]:
        """The matching requests, once there is at least one and none came for half a second."""
        deadline = time.monotonic() + timeout
        found: list[Recorded] = []
        while time.monotonic() < deadline:
            now = self.received(predicate)
            if now and len(now) == len(found):
                return now
            found = now
            time.sleep(0.5)
        return found

    def _record(self, request: Recorded) -> None:
        with self._lock:
            self.requests.append(request)

    def _answer(self, request: Recorded) -> tuple[int, Any]:
        data = request.data()
        if request.platform == "telegram":
            return 200, {"ok": True, "result": self._telegram_result(request.endpoint.lower(), data)}
        if request.platform == "slack":
            return 200, {"ok": True, "channel": data.get("channel"), "ts": f"{time.time():.6f}"}
        if request.platform == "messenger":
            return 200, {"recipient_id": data.get("recipient", {}).get("id"), "message_id": "m_fake"}
        if request.platform == "twilio" and request.endpoint == "Messages.json":
            return 201, {
                "sid": "SM" + "0" * 32,
                "account_sid": request.path.split("/Accounts/")[1].split("/")[0],
                "to": data.get("To"),
                "from": data.get("From"),
                "body": data.get("Body"),
                "status": "queued",
                "num_segments": "1",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
                "date_created": "Mon, 01 Jan 2024 00:00:00 +0000",
                "date_updated": "Mon, 01 Jan 2024 00:00:00 +0000",
                "uri": request.path,
            }
        return 404, {"error": "not faked"}

    def _telegram_result(self, method: str, data: dict[str, Any]) -> Any:
        if method == "getme":
            return {
                "id": 1,
                "is_bot": True,
                "first_name": "Hamstring helper",
                "username": self.telegram_username,
            }
        if method == "sendmessage":
            return {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": int(data.get("chat_id", 0)), "type": "private"},
                "text": data.get("text", ""),
            }
        return True  # setWebhook and anything else that returns True

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self._handle()

            def do_GET(self) -> None:
                self._handle()

            def _handle(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                request = Recorded(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
                fake._record(request)
                status, payload = fake._answer(request)
                reply = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, format: str, *args: Optional[Any]) -> None:
                pass

        return Handler
