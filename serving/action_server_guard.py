"""The action server's shared-secret check (ACTION_SERVER_SECRET) and quiet errors, as a
rasa-sdk plugin.

rasa-sdk 3.6 has no authentication of its own; its plugin hook `attach_sanic_app_extensions`
(rasa_sdk/plugin.py) is where a middleware can be added. The Rasa server sends the secret in the
X-Action-Secret header of every call (scripts/render_endpoints.py puts it in the action
endpoint's `headers`); any other request except the health check gets 401 and runs nothing.

rasa-sdk answers an action's exception with the whole request (the conversation: messages and
slots) in the error body, which Rasa then writes into its error log; here the body names only
the kind of error.
"""

from __future__ import annotations

import hmac
import logging
from typing import Optional

import pluggy
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from serving.settings import ACTION_SECRET_HEADER as SECRET_HEADER

logger = logging.getLogger(__name__)

OPEN_PATHS = frozenset({"/health"})
hookimpl = pluggy.HookimplMarker("rasa_sdk")


def secret_matches(sent: Optional[str], secret: str) -> bool:
    return hmac.compare_digest((sent or "").encode(), secret.encode())


async def answer_without_the_conversation(request: Request, error: Exception) -> HTTPResponse:
    if isinstance(error, SanicException):  # 404, 405, 413...: Sanic's own status
        return response.json({"error": str(error)}, status=error.status_code)
    logger.error("Action server error on %s: %s", request.path, type(error).__name__, exc_info=error)
    return response.json({"error": type(error).__name__}, status=500)


class ActionServerGuard:
    """Adds the secret check (when a secret is set) and the quiet error answer to the action server."""

    def __init__(self, secret: Optional[str]) -> None:
        self.secret = secret

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        # Replaces rasa-sdk's handler of the same exception class (Sanic keeps the latest).
        app.error_handler.add(Exception, answer_without_the_conversation)
        if not self.secret:
            return
        secret = self.secret

        @app.middleware("request")
        async def require_secret(request: Request) -> Optional[HTTPResponse]:
            if request.path in OPEN_PATHS or secret_matches(request.headers.get(SECRET_HEADER), secret):
                return None
            return response.json({"error": f"missing or wrong {SECRET_HEADER}"}, status=401)
