"""Rasa's Telegram channel, with Telegram's webhook secret token checked and an optional API server.

Rasa 3.6 accepts any POST (its only check compares the bot's own username, from getMe, with
`verify`) and never reads X-Telegram-Bot-Api-Secret-Token. Here the secret is sent with setWebhook
at start-up and a webhook request without it gets 403 and no reply. TELEGRAM_API_URL points the bot
at another Bot API server (self-hosted, a proxy, or the tests' fake) instead of api.telegram.org.
Also fixed: Rasa registers the webhook in a throw-away event loop and keeps its aiohttp session,
so every later call failed with "Event loop is closed". And a turn that failed is answered 200,
not re-raised as a 500 (Rasa's `debug_mode`, on by default): the person has already been told
(rasa_addons/faults.py), and Telegram delivers an update it got a 5xx for again, later.
"""

from __future__ import annotations

import asyncio
import hmac
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from aiogram.bot import api
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import InvalidConfigException, RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

SECRET_TOKEN_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class SecureTelegramOutput(TelegramOutput):
    """TelegramOutput that registers its webhook with a secret token, on any Bot API server."""

    def __init__(self, access_token: Text, secret_token: Text, api_url: Optional[Text] = None) -> None:
        super().__init__(access_token)
        self.secret_token = secret_token
        if api_url:
            # aiogram's Bot takes its server at construction and TelegramOutput passes none.
            self.server = api.TelegramAPIServer.from_base(api_url)

    async def set_webhook(self, url: Text, **kwargs: Any) -> bool:  # type: ignore[override]
        # aiogram 2.15 predates Bot API 6.1's secret_token argument, so the raw method is called.
        # Rasa only ever passes the URL.
        return await self.request(api.Methods.SET_WEBHOOK, {"url": url, "secret_token": self.secret_token})


class SecureTelegramInput(TelegramInput):
    """TelegramInput that refuses webhook requests without the secret token (403, no reply)."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            secret_token=credentials.get("secret_token"),
            api_url=credentials.get("api_url"),
        )

    def __init__(
        self,
        access_token: Optional[Text],
        verify: Optional[Text],
        webhook_url: Optional[Text],
        secret_token: Optional[Text],
        api_url: Optional[Text] = None,
        debug_mode: bool = False,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        if not secret_token:
            raise InvalidConfigException(
                "The Telegram channel needs a `secret_token` (TELEGRAM_SECRET_TOKEN)."
            )
        self.secret_token = secret_token
        self.api_url = api_url

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram_webhook = super().blueprint(on_new_message)

        # Blueprint middleware runs only for this blueprint's routes; the health route stays open.
        @telegram_webhook.middleware("request")
        async def check_secret_token(request: Request) -> Optional[HTTPResponse]:
            if request.route and request.route.name.endswith(".health"):
                return None
            sent = request.headers.get(SECRET_TOKEN_HEADER, "").encode()
            if not hmac.compare_digest(sent, self.secret_token.encode()):
                return response.text("invalid secret token", status=403)
            return None

        return telegram_webhook

    def get_output_channel(self) -> TelegramOutput:
        channel = SecureTelegramOutput(self.access_token or "", self.secret_token, self.api_url)
        try:
            asyncio.run(self._register_webhook(channel))
        except TelegramAPIError as error:
            raise RasaException(f"Failed to set channel webhook: {error}") from error
        return channel

    async def _register_webhook(self, channel: SecureTelegramOutput) -> None:
        await channel.set_webhook(url=self.webhook_url or "")
        # The aiohttp session belongs to asyncio.run's loop, which ends here: close it so that the
        # server's loop opens its own. (Not `channel.close()`: on aiogram 2's Bot that calls the
        # Bot API method "close", which shuts the bot instance down on the API server.)
        await channel.session.close()
