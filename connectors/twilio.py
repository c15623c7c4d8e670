"""Rasa's Twilio channel with X-Twilio-Signature checked and an optional API base URL.

Rasa 3.6 answers any form post to /webhooks/twilio/webhook, signed or not, and sends the reply
through api.twilio.com (billed SMS). Here a request whose X-Twilio-Signature does not match the
public webhook URL (TWILIO_WEBHOOK_URL, exactly as configured in Twilio) and the form gets 403 and
no reply. TWILIO_API_URL sends the REST calls elsewhere (a proxy or the tests' fake), and the
red-flag outcome's web-only JSON is not passed to Twilio. A turn that failed is answered 204,
not re-raised as a 500 (Rasa's `debug_mode`, on by default): the person has already been told
(rasa_addons/faults.py).
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, List, Optional, Text
from urllib.parse import urlsplit, urlunsplit

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.request_validator import RequestValidator

SIGNATURE_HEADER = "X-Twilio-Signature"
WEB_ONLY_PAYLOAD = "triage"  # actions/triage.py: machine-readable outcome for web pages


class RebasedTwilioHttpClient(TwilioHttpClient):
    """TwilioHttpClient that sends every request to another scheme, host and base path."""

    def __init__(self, api_url: Text) -> None:
        super().__init__()
        self.api_url = urlsplit(api_url)

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:  # type: ignore[override]
        # twilio's Client builds absolute https://api.twilio.com/... URLs; only the host part changes.
        parts = urlsplit(url)
        base = self.api_url
        url = urlunsplit((base.scheme, base.netloc, base.path.rstrip("/") + parts.path, parts.query, ""))
        return super().request(method, url, *args, **kwargs)


class TwilioOutputWithApiUrl(TwilioOutput):
    """TwilioOutput with an optional API base URL, which skips the web-only triage payload."""

    def __init__(
        self,
        account_sid: Optional[Text],
        auth_token: Optional[Text],
        twilio_number: Optional[Text],
        api_url: Optional[Text] = None,
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number)
        if api_url:
            self.http_client = RebasedTwilioHttpClient(api_url)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        # SMS has no buttons. Rasa's default sends one extra SMS per button showing its payload
        # ("2: Check my symptoms (/start_triage)"); one SMS listing the titles, which users can
        # type back and the NLU understands, is cheaper and readable.
        titles = " / ".join(button["title"] for button in buttons)
        await self.send_text_message(recipient_id, f"{text}\nYou can reply: {titles}")

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        # The red-flag outcome's {"triage": ...} is for web pages; Rasa would pass its keys to
        # messages.create (a TypeError, so a 500 to Twilio after the outcome text went out).
        if WEB_ONLY_PAYLOAD not in json_message:
            await super().send_custom_json(recipient_id, json_message, **kwargs)


class SecureTwilioInput(TwilioInput):
    """TwilioInput that refuses requests without a valid X-Twilio-Signature (403, no reply)."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("account_sid"),
            credentials.get("auth_token"),
            credentials.get("twilio_number"),
            webhook_url=credentials.get("webhook_url"),
            api_url=credentials.get("api_url"),
        )

    def __init__(
        self,
        account_sid: Optional[Text],
        auth_token: Optional[Text],
        twilio_number: Optional[Text],
        webhook_url: Optional[Text],
        api_url: Optional[Text] = None,
        debug_mode: bool = False,
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode)
        if not auth_token or not webhook_url:
            raise InvalidConfigException(
                "The Twilio channel needs `auth_token` and the public `webhook_url` Twilio posts to "
                "(TWILIO_AUTH_TOKEN, TWILIO_WEBHOOK_URL) to check request signatures."
            )
        self.webhook_url = webhook_url
        self.api_url = api_url
        self.validator = RequestValidator(auth_token)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        twilio_webhook = super().blueprint(on_new_message)

        # Blueprint middleware runs only for this blueprint's routes; the health route stays open.
        # Twilio signs the URL it posts to, so it is checked against the configured public URL
        # (the server may sit behind a proxy that changes scheme, host or port).
        @twilio_webhook.middleware("request")
        async def check_signature(request: Request) -> Optional[HTTPResponse]:
            if request.route and request.route.name.endswith(".health"):
                return None
            signature = request.headers.get(SIGNATURE_HEADER, "")
            if not self.validator.validate(self.webhook_url, request.form, signature):
                return response.text("invalid signature", status=403)
            return None

        return twilio_webhook

    def get_output_channel(self) -> OutputChannel:
        return TwilioOutputWithApiUrl(self.account_sid, self.auth_token, self.twilio_number, self.api_url)
