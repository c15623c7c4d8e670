"""Rasa's Facebook Messenger channel: 403 on a bad signature, buttons as quick replies, Graph URL.

Four changes to Rasa 3.6's FacebookInput, all in the POST webhook and the reply client:
1. A bad X-Hub-Signature gets 403 (Rasa answers 200 "not validated"), the hash is fixed to
   Meta's (SHA-256 from X-Hub-Signature-256 when sent, else SHA-1 from X-Hub-Signature) rather
   than named by the request, and the comparison is constant-time.
2. Buttons are sent as quick replies: Rasa's button template allows 3 buttons and drops them
   all beyond that (the greeting has 4).
3. MESSENGER_GRAPH_URL replaces https://graph.facebook.com/v2.12 (fbmessenger's default) for a
   proxy or the tests' fake.
4. The red-flag outcome's web-only {"triage": ...} JSON is not sent as a message.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Text

from fbmessenger import MessengerClient
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

MAX_QUICK_REPLIES = 11  # fbmessenger's QuickReplies refuses more
WEB_ONLY_PAYLOAD = "triage"  # actions/triage.py: machine-readable outcome for web pages
SIGNATURE_HEADERS = (("X-Hub-Signature-256", hashlib.sha256), ("X-Hub-Signature", hashlib.sha1))


def is_signed(app_secret: Text, body: bytes, headers: Mapping[str, str]) -> bool:
    """Whether the body carries Meta's HMAC signature made with the app secret."""
    for header, digest in SIGNATURE_HEADERS:
        sent = headers.get(header)
        if sent:
            expected = f"{digest().name}={hmac.new(app_secret.encode(), body, digest).hexdigest()}"
            return hmac.compare_digest(sent.encode(), expected.encode())
    return False


class QuickReplyMessengerBot(MessengerBot):
    """MessengerBot that sends buttons as quick replies and skips the web-only triage payload."""

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        if len(buttons) > MAX_QUICK_REPLIES:
            return await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)
        quick_replies = [{"title": b["title"], "payload": b["payload"]} for b in buttons]
        # kwargs hold the rest of Rasa's message dict, including a `quick_replies` key: not passed on.
        await self.send_quick_replies(recipient_id, text, quick_replies)

    async def send_custom_json(self, recipient_id: Text, json_message: Any, **kwargs: Any) -> None:
        # The red-flag outcome's {"triage": ...} is for web pages; Rasa would send it as the
        # `message` of a Send API call, which is not a Messenger message.
        if not (isinstance(json_message, dict) and WEB_ONLY_PAYLOAD in json_message):
            await super().send_custom_json(recipient_id, json_message, **kwargs)


class GraphUrlMessenger(Messenger):
    """Messenger whose client and replies use the Graph URL given and QuickReplyMessengerBot."""

    def __init__(
        self,
        page_access_token: Text,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        graph_url: Optional[Text] = None,
    ) -> None:
        super().__init__(page_access_token, on_new_message)
        if graph_url:
            self.client.graph_url = graph_url

    async def _handle_user_message(
        self, text: Text, sender_id: Text, metadata: Optional[Dict[Text, Any]]
    ) -> None:
        # Rasa's, with QuickReplyMessengerBot for the MessengerBot it hard-codes.
        out_channel = QuickReplyMessengerBot(self.client)
        await out_channel.send_action(sender_id, sender_action="mark_seen")
        user_msg = UserMessage(text, out_channel, sender_id, input_channel=self.name(), metadata=metadata)
        await out_channel.send_action(sender_id, sender_action="typing_on")
        try:
            await self.on_new_message(user_msg)
        except Exception:
            logger.exception("Exception when trying to handle webhook for facebook message.")
        finally:
            await out_channel.send_action(sender_id, sender_action="typing_off")


class SecureMessengerInput(FacebookInput):
    """FacebookInput with a strict signature check (403) and quick-reply buttons."""

    graph_url: Optional[Text] = None

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        channel = super().from_credentials(credentials)
        channel.graph_url = (credentials or {}).get("graph_url")  # type: ignore[attr-defined]
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Rasa's routes, with the POST handler replaced (its Messenger class is hard-coded there).
        fb_webhook = Blueprint("fb_webhook", __name__)

        @fb_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @fb_webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            if request.args.get("hub.verify_token") == self.fb_verify:
                return response.text(request.args.get("hub.challenge"))
            return response.text("failure, invalid token", status=403)

        @fb_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not is_signed(self.fb_secret, request.body, request.headers):
                return response.text("invalid signature", status=403)
            messenger = GraphUrlMessenger(self.fb_access_token, on_new_message, self.graph_url)
            await messenger.handle(request.json, self.get_metadata(request))
            return response.text("success")

        return fb_webhook

    def get_output_channel(self) -> OutputChannel:
        client = MessengerClient(self.fb_access_token)
        if self.graph_url:
            client.graph_url = self.graph_url
        return QuickReplyMessengerBot(client)
