"""What went wrong during one turn, and which service message the person gets for it.

Rasa's processor catches a failed action call, logs it and carries on with the action's events
lost (rasa/core/processor.py, `_run_action`): the turn's channel never hears of it, and the
person gets silence. So the parts that see a fault record it in the record of the turn they run
in: the action endpoint a failed call, the tracker store's error callback a store it could not
use (rasa_addons/faults.py). After the turn, `service_message_name` says which message from
clinical/service_messages.yml the person is sent, through the turn's own channel.

The record is held in a context variable, so turns handled at the same time each see their own.
Plain Python, tested without a server.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator, Optional

from clinical.service_messages import CONVERSATION_UNAVAILABLE, NOT_ANSWERED


@dataclass
class TurnFaults:
    """Faults seen while one user message was handled."""

    action_call_failed: bool = False  # the action server was unreachable, too slow, or failed
    store_unavailable: bool = False  # the conversation could not be read or saved

    def service_message_name(self, turn_failed: bool) -> Optional[str]:
        """The message to send after the turn (None: nothing to say). `turn_failed`: it raised."""
        if self.store_unavailable:
            return CONVERSATION_UNAVAILABLE
        if self.action_call_failed or turn_failed:
            return NOT_ANSWERED
        return None


_current_turn: ContextVar[Optional[TurnFaults]] = ContextVar("current_turn_faults", default=None)


@contextmanager
def watching_turn() -> Iterator[TurnFaults]:
    """A fresh record for the turn run inside the block."""
    faults = TurnFaults()
    token = _current_turn.set(faults)
    try:
        yield faults
    finally:
        _current_turn.reset(token)


def record_action_call_failure() -> None:
    """Marks the current turn (if any: a call outside a turn has no one to tell)."""
    faults = _current_turn.get()
    if faults is not None:
        faults.action_call_failed = True


def record_store_unavailable() -> None:
    faults = _current_turn.get()
    if faults is not None:
        faults.store_unavailable = True
