"""Reads every conversation from the tracker store an endpoints file names, with Rasa's own classes.

The only module of `reports` that imports Rasa. The tracker store is created the way the Rasa
server creates it (`TrackerStore.create` from the endpoints' `tracker_store` section), so the
SQLite default and PostgreSQL both work; it is only read. Sender ids stay here: each tracker
leaves as its events alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, AsyncIterator

from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig


async def event_lists(tracker_store_config: dict[str, Any], domain_path: Path) -> AsyncIterator[list[dict]]:
    """Each sender's events, all sessions, as dicts (`Event.as_dict()`), one list per sender."""
    # The domain gives the tracker its slots; without them Rasa warns on every slot event.
    domain = Domain.load(str(domain_path))
    store = TrackerStore.create(EndpointConfig.from_dict(tracker_store_config), domain=domain)
    for key in await store.keys():
        tracker = await store.retrieve_full_tracker(key)
        if tracker is not None:
            yield [event.as_dict() for event in tracker.events]
