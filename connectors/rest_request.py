"""Reads a REST channel request: its bearer token, and a body that must be a JSON object with a
`sender` and a `message`. Anything else is refused with a 4xx status and a short reason.

Plain Python, no Rasa import (tested directly). Rasa's own RestInput answers 500 to a body that
is not a JSON object, puts a message without `sender` into one shared "default" conversation,
accepts numbers as senders and has no size limit; connectors/rest.py uses this instead.
"""

from __future__ import annotations

import hmac
import json
import re
from dataclasses import dataclass
from typing import Any, Optional

# A 100 KB message and its JSON fit; the NLU reads at most 4,000 characters of it anyway
# (rasa_addons/message_length.py), so nothing larger is worth reading.
MAX_BODY_BYTES = 256 * 1024
MAX_SENDER_LENGTH = 128
# C0 control characters other than tab, line feed and carriage return (and DEL): nothing a person
# types, and NUL breaks PostgreSQL text.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BEARER = re.compile(r"^\s*Bearer\s+(\S+)\s*$", re.IGNORECASE)


class Refusal(Exception):
    """A request the channel will not process: the HTTP status and why, for the client."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class RestRequest:
    sender: str
    message: str
    metadata: Optional[dict[str, Any]] = None


def token_matches(authorization: Optional[str], token: str) -> bool:
    """Whether an Authorization header carries `Bearer <token>` (compared in constant time)."""
    sent = BEARER.match(authorization or "")
    return bool(sent) and hmac.compare_digest(sent.group(1).encode(), token.encode())


def read_rest_request(body: bytes) -> RestRequest:
    """The sender, message and metadata of a request body; raises Refusal for a bad one."""
    if len(body) > MAX_BODY_BYTES:
        raise Refusal(413, f"the body is larger than {MAX_BODY_BYTES} bytes")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise Refusal(400, "the body is not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise Refusal(400, "the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise Refusal(400, 'the body must be a JSON object: {"sender": "...", "message": "..."}')
    return RestRequest(
        sender=_sender(data.get("sender")),
        message=clean_message(data.get("message")),
        metadata=_metadata(data.get("metadata")),
    )


def clean_message(message: Any) -> str:
    """The message text without control characters; raises Refusal when it is not text."""
    if message is None:
        raise Refusal(400, "`message` is missing")
    if not isinstance(message, str):
        raise Refusal(400, "`message` must be a string")
    if not _is_unicode(message):
        raise Refusal(400, "`message` is not valid Unicode text")
    return CONTROL_CHARACTERS.sub("", message)


def _sender(sender: Any) -> str:
    if sender is None:
        raise Refusal(400, "`sender` is missing: each conversation needs its own id")
    if not isinstance(sender, str) or not sender.strip():
        raise Refusal(400, "`sender` must be a non-empty string")
    if len(sender) > MAX_SENDER_LENGTH or not sender.isprintable() or not _is_unicode(sender):
        raise Refusal(400, f"`sender` must be printable text of at most {MAX_SENDER_LENGTH} characters")
    return sender


def _metadata(metadata: Any) -> Optional[dict[str, Any]]:
    if metadata is not None and not isinstance(metadata, dict):
        raise Refusal(400, "`metadata` must be a JSON object")
    return metadata


def _is_unicode(text: str) -> bool:
    # JSON can carry lone surrogates ("\ud800"), which no store or channel can encode.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
