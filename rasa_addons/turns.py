"""What the assistant has done since the user's latest message: shared by the safety policies."""

from __future__ import annotations

from typing import List, Optional

from rasa.shared.core.events import ActionExecuted, UserUttered
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
