"""Rasa's Slack channel with an optional Web API base URL (SLACK_API_URL).

Rasa's SlackInput already refuses requests without a valid X-Slack-Signature (400), so only the
replies change: with `api_url` set, chat.postMessage goes there instead of https://slack.com/api/
(a proxy, or the tests' fake), and the red-flag outcome's web-only JSON is not posted.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel
from rasa.core.channels.slack import SlackBot, SlackInput
from slack_sdk.web.async_client import AsyncWebClient

WEB_ONLY_PAYLOAD = "triage"  # actions/triage.py: machine-readable outcome for web pages


class SlackBotWithApiUrl(SlackBot):
    """SlackBot with an optional Web API base URL, which skips the web-only triage payload."""

    def __init__(
        self,
        token: Text,
        slack_channel: Optional[Text] = None,
        thread_id: Optional[Text] = None,
        proxy: Optional[Text] = None,
        api_url: Optional[Text] = None,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        if api_url:
            # SlackBot builds its AsyncWebClient without a base_url.
            self.client = AsyncWebClient(token, base_url=api_url, proxy=proxy)

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        # The red-flag outcome's {"triage": ...} is for web pages; Rasa would post it as a
        # chat.postMessage with neither text nor blocks (Slack answers `no_text`).
        if WEB_ONLY_PAYLOAD not in json_message:
            await super().send_custom_json(recipient_id, json_message, **kwargs)


class SlackInputWithApiUrl(SlackInput):
    """SlackInput whose replies go through SlackBotWithApiUrl."""

    api_url: Optional[Text] = None

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        channel = super().from_credentials(credentials)
        # SlackInput.from_credentials passes a fixed list of keys; `api_url` is read here.
        channel.api_url = (credentials or {}).get("api_url")  # type: ignore[attr-defined]
        return channel

    def get_output_channel(
        self, channel: Optional[Text] = None, thread_id: Optional[Text] = None
    ) -> OutputChannel:
        channel = channel or self.slack_channel
        return SlackBotWithApiUrl(self.slack_token, channel, thread_id, self.proxy, self.api_url)
