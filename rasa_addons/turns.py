"""Where a turn stands: what the assistant has done since the user's latest message, and which
check question was open when the user wrote it. Shared by the safety policies."""

from __future__ import annotations

from typing import List, Optional

from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker


def actions_since_user(tracker: DialogueStateTracker) -> Optional[List[str]]:
    """The actions run since the latest user message, newest first; None before any message."""
    actions: List[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return actions
        if isinstance(event, ActionExecuted) and event.action_name:
            actions.append(event.action_name)
    return None


REQUESTED_SLOT = "requested_slot"


def question_asked(tracker: DialogueStateTracker) -> Optional[str]:
    """The form slot that was being asked when the user wrote the latest message, or None.

    Read from the events before that message, not from the tracker's current state: within the
    turn the form may already have taken the answer and asked the next question, and the answer
    must be read against the question it answers.
    """
    before_latest_message = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            before_latest_message = True
        elif before_latest_message and isinstance(event, ActiveLoop):
            return None  # the form ended (or had just started) before any question was open
        elif before_latest_message and isinstance(event, SlotSet) and event.key == REQUESTED_SLOT:
            return event.value
    return None
