"""What logs may say about a conversation: a short hash of the sender, never the raw id.

A sender id can be a phone number (Twilio) or a chat id that names a person; message text and
slot values are health information. Our own logs name a conversation with `conversation_ref`
and never carry either.
"""

from __future__ import annotations

import hashlib
from typing import Optional


def conversation_ref(sender_id: Optional[str]) -> str:
    """A short, stable hash of the sender for logs (the same conversation gives the same ref)."""
    return hashlib.sha256((sender_id or "").encode("utf-8", "surrogatepass")).hexdigest()[:12]
