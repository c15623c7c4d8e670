"""Reads every conversation from the tracker store an endpoints file names, with Rasa's own classes.

The only module of `reports` that imports Rasa. The tracker store is created the way the Rasa
server creates it (`TrackerStore.create` from the endpoints' `tracker_store` section), so the
SQLite default and PostgreSQL both work; it is only read. Sender ids stay here: each tracker
leaves as its events alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, AsyncIterator

import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from serving.tracker_store_types import is_sql_tracker_store


def check_reachable(tracker_store_config: dict[str, Any]) -> None:
    """Raises ConnectionError when an SQL store's database cannot be reached.

    Rasa's SQL tracker store waits for its database forever (a server may start before it); a
    report should say at once that it cannot read it. The message names no password.
    """
    if not is_sql_tracker_store(tracker_store_config):
        return
    config = tracker_store_config
    url = SQLTrackerStore.get_db_url(
        config.get("dialect", "sqlite"),
        config.get("url"),
        config.get("port"),
        config.get("db", "rasa.db"),
        config.get("username"),
        config.get("password"),
        config.get("login_db"),
        config.get("query"),
    )
    engine = sqlalchemy.create_engine(url, **create_engine_kwargs(url))
    try:
        with engine.connect():
            pass
    except sqlalchemy.exc.SQLAlchemyError as error:
        where = f"{config.get('url') or 'a file'}, database {config.get('db')}"
        raise ConnectionError(f"cannot reach the tracker store ({where})") from error
    finally:
        engine.dispose()


async def event_lists(tracker_store_config: dict[str, Any], domain_path: Path) -> AsyncIterator[list[dict]]:
    """Each sender's events, all sessions, as dicts (`Event.as_dict()`), one list per sender."""
    # The domain gives the tracker its slots; without them Rasa warns on every slot event.
    domain = Domain.load(str(domain_path))
    store = TrackerStore.create(EndpointConfig.from_dict(tracker_store_config), domain=domain)
    if is_sql_tracker_store(tracker_store_config) and not isinstance(store, SQLTrackerStore):
        # Rasa falls back to an empty in-memory store when a store class cannot be loaded.
        raise ConnectionError(f"the tracker store class {tracker_store_config['type']} could not be loaded")
    for key in await store.keys():
        tracker = await store.retrieve_full_tracker(key)
        if tracker is not None:
            yield [event.as_dict() for event in tracker.events]
