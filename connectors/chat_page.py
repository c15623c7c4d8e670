"""Serves the web chat page (webchat/) on the Rasa server at /chat/, so no other server is needed.

The page loads nothing from other hosts: rasa-webchat's bundle imports the Inter font from
fonts.googleapis.com in the styles it injects, so the bundle is served without those imports
(the widget falls back to the page's sans-serif), and the page's Content-Security-Policy allows
only this server, so a visitor's address is never sent to a third party.
"""

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

PAGE_DIR = Path(__file__).resolve().parent.parent / "webchat"
WIDGET_BUNDLE = PAGE_DIR / "node_modules" / "rasa-webchat" / "lib" / "index.js"
REMOTE_CSS_IMPORT = re.compile(rb"@import url\((?:https?:)?//[^)]*\);?")
# The widget injects <style> elements, hence 'unsafe-inline' for styles only.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def without_remote_imports(bundle: bytes) -> bytes:
    """The bundle without CSS @import rules that fetch from another host."""
    return REMOTE_CSS_IMPORT.sub(b"", bundle)


@lru_cache(maxsize=1)
def widget_bundle() -> bytes:
    return without_remote_imports(WIDGET_BUNDLE.read_bytes())


class ChatPageInput(InputChannel):
    """Not a messaging channel: only serves the chat page and its scripts."""

    @classmethod
    def name(cls) -> str:
        return "chat_page"

    def url_prefix(self) -> str:
        return "/chat"  # absolute, so not under /webhooks/

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        page = Blueprint("chat_page")

        @page.route("/", methods=["GET"])
        async def index(_: Request) -> response.HTTPResponse:
            return await response.file(PAGE_DIR / "index.html", headers=PAGE_HEADERS)

        @page.route("/vendor/index.js", methods=["GET"])
        async def widget(_: Request) -> response.HTTPResponse:
            return response.raw(
                widget_bundle(),
                content_type="application/javascript; charset=utf-8",
                headers={"X-Content-Type-Options": "nosniff"},
            )

        page.static("/assets", str(PAGE_DIR / "assets"))
        return page
