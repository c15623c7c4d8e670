"""The action server's shared-secret check (ACTION_SERVER_SECRET), as a rasa-sdk plugin.

rasa-sdk 3.6 has no authentication of its own; its plugin hook `attach_sanic_app_extensions`
(rasa_sdk/plugin.py) is where a middleware can be added. The Rasa server sends the secret in the
X-Action-Secret header of every call (scripts/render_endpoints.py puts it in the action
endpoint's `headers`); any other request except the health check gets 401 and runs nothing.
"""

from __future__ import annotations

import hmac
from typing import Optional

import pluggy
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from serving.settings import ACTION_SECRET_HEADER as SECRET_HEADER

OPEN_PATHS = frozenset({"/health"})
hookimpl = pluggy.HookimplMarker("rasa_sdk")


def secret_matches(sent: Optional[str], secret: str) -> bool:
    return hmac.compare_digest((sent or "").encode(), secret.encode())


class ActionServerGuard:
    """Adds the secret check to the action server's app (nothing when no secret is set)."""

    def __init__(self, secret: Optional[str]) -> None:
        self.secret = secret

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        if not self.secret:
            return
        secret = self.secret

        @app.middleware("request")
        async def require_secret(request: Request) -> Optional[HTTPResponse]:
            if request.path in OPEN_PATHS or secret_matches(request.headers.get(SECRET_HEADER), secret):
                return None
            return response.json({"error": f"missing or wrong {SECRET_HEADER}"}, status=401)
