"""The `events` row Rasa's SQL tracker store writes for one event, from the event's dict.

The same columns and values as `SQLTrackerStore.save` in Rasa 3.6 (rasa/core/tracker_store.py):
the intent from the parse data, the action's name, the timestamp, and the whole dict as JSON.
Plain Python; rasa_addons/sql_tracker_store.py writes these rows in one statement per turn.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

INTENT_NAME_KEY = "name"  # rasa.shared.nlu.constants.INTENT_NAME_KEY


def event_row(sender_id: str, type_name: str, event: Mapping[str, Any]) -> dict[str, Any]:
    """One row of Rasa's `events` table (its `id` is left to the database, as Rasa leaves it)."""
    return {
        "sender_id": sender_id,
        "type_name": type_name,
        "timestamp": event.get("timestamp"),
        "intent_name": event.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": event.get("name"),
        "data": json.dumps(event),
    }
