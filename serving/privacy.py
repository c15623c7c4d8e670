"""What logs may say about a conversation: a short keyed hash of the sender, never the raw id.

A sender id can be a phone number (Twilio) or a chat id that names a person; message text and
slot values are health information. Our own logs name a conversation with `conversation_ref`
and never carry either. The hash is keyed with LOG_REF_KEY (scripts/run.sh makes a random one
per start unless the deployment sets its own, to follow a conversation across restarts): an
unkeyed hash of a phone number could be reversed by trying every number.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Mapping, Optional

KEY_VARIABLE = "LOG_REF_KEY"


def conversation_ref(sender_id: Optional[str], environ: Optional[Mapping[str, str]] = None) -> str:
    """A short hash of the sender for logs: the same for one conversation while the key is the same."""
    key = (os.environ if environ is None else environ).get(KEY_VARIABLE, "")
    sender = (sender_id or "").encode("utf-8", "surrogatepass")
    return hmac.new(key.encode("utf-8"), sender, hashlib.sha256).hexdigest()[:12]
