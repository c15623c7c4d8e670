"""Helpers for testing rasa-sdk actions the way rasa-sdk's own tests do."""

from typing import Any, Dict, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.constants import TRIAGE_FORM


def create_tracker(
    slots: Optional[Dict[str, Any]] = None,
    text: str = "",
    intent: Optional[str] = None,
    confidence: float = 1.0,
    entities: Optional[list] = None,
    active_loop: Optional[str] = TRIAGE_FORM,
    latest_action_name: str = "action_listen",
) -> Tracker:
    # The events since the user's message, as Rasa sends them: a bot action after it means the
    # message was already handled (e.g. an interruption answered by a rule).
    events = [{"event": "user", "text": text}]
    if latest_action_name != "action_listen":
        events.append({"event": "action", "name": latest_action_name})
    return Tracker(
        sender_id="test-user",
        slots=dict(slots or {}),
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": confidence} if intent else {},
            "entities": entities or [],
        },
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name=latest_action_name,
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()
