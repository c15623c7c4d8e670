"""Serves the web chat page (webchat/) on the Rasa server at /chat/, so no other server is needed."""

from pathlib import Path
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

PAGE_DIR = Path(__file__).resolve().parent.parent / "webchat"


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
            return await response.file(PAGE_DIR / "index.html")

        page.static("/assets", str(PAGE_DIR / "assets"))
        page.static("/vendor", str(PAGE_DIR / "node_modules" / "rasa-webchat" / "lib"))
        return page
