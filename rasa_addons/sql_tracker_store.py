"""Rasa's SQL tracker store, with each turn's read and write done in fewer steps (speed).

Same tables, same rows, same semantics as Rasa 3.6's SQLTrackerStore (rasa/core/tracker_store.py),
which this class is: every event not yet stored is written at the end of each turn, a read returns
the latest session (or, with `retrieve_full_tracker`, every session), and the operators' report and
`make forget-old` read it through Rasa's own classes. What changes is only how (README, "Speed"):

- Save: the new events go in as one INSERT of many rows (serving/event_rows.py: the columns and
  values Rasa writes), not one ORM object per event flushed one by one; the count of the events
  already stored is the same query written once as a statement, not an ORM query built per turn.
- Read: only the `data` column is selected, and each event's class is looked up in a table made
  once, instead of Rasa walking every Event subclass (with `inspect.isabstract`) for each event
  of the conversation; any name not in the table is left to Rasa's own `deserialise_events`.
- SQLite: the connection is kept between turns (SQLAlchemy 1.4 opens and closes one per session
  for a file). Rollback journal as before (not WAL: a locked store must still refuse the turn).

Named in endpoints.yml (`type: rasa_addons.sql_tracker_store.TurnSQLTrackerStore`); PostgreSQL
works the same (scripts/render_endpoints.py).
"""

from __future__ import annotations

import itertools
import json
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from serving.event_rows import event_row

SENDER = "sender_id"  # the statements' one parameter


@lru_cache(maxsize=1)
def event_classes() -> Dict[Text, type]:
    """Each event name's class, the first Rasa's `Event.resolve_by_type` would find."""
    classes: Dict[Text, type] = {}
    for event_class in all_subclasses(Event):
        classes.setdefault(event_class.type_name, event_class)
    return classes


def events_from_dicts(dicts: Iterable[Dict[Text, Any]]) -> List[Event]:
    """Rasa's `deserialise_events`, with the class of each event found in `event_classes()`."""
    classes = event_classes()
    events: List[Event] = []
    for as_dict in dicts:
        event_class = classes.get(as_dict.get("event"))
        event = event_class._from_parameters(as_dict) if event_class is not None else None
        if event is not None:
            events.append(event)
        else:  # no "event", an old or unknown name, or unreadable: Rasa's own handling and warning
            events.extend(deserialise_events([as_dict]))
    return events


class TurnSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with one INSERT per turn, prepared statements and a cheaper read."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self._keep_sqlite_connection()
        self._prepare_statements()

    def _keep_sqlite_connection(self) -> None:
        # One connection per thread, kept (the default for an in-memory SQLite database); Rasa
        # uses the store from the event loop's thread.
        self.engine = sa.create_engine(self.engine.url, poolclass=sa.pool.SingletonThreadPool)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _prepare_statements(self) -> None:
        events = self.SQLEvent.__table__
        sender = sa.bindparam(SENDER)
        # Rasa's `_event_query`: the sender's events from the latest session start on, or all of
        # them when no session was started.
        session_start = (
            sa.select(sa.func.max(events.c.timestamp))
            .where(events.c.sender_id == sender, events.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        of_sender = events.c.sender_id == sender
        in_latest_session = sa.and_(
            of_sender, sa.or_(events.c.timestamp >= session_start, session_start.is_(None))
        )
        self._latest_session_count = sa.select(sa.func.count()).select_from(events).where(in_latest_session)
        self._latest_session_data = sa.select(events.c.data).where(in_latest_session).order_by(events.c.id)
        self._all_sessions_data = sa.select(events.c.data).where(of_sender).order_by(events.c.id)
        self._insert_events = events.insert()

    async def _retrieve(
        self, sender_id: Text, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        statement = self._all_sessions_data if fetch_events_from_all_sessions else self._latest_session_data
        with self.session_scope() as session:
            stored = session.execute(statement, {SENDER: sender_id}).scalars().all()
        dicts = [json.loads(data) for data in stored]
        if self.domain and len(dicts) > 0:
            return DialogueStateTracker.from_events(sender_id, events_from_dicts(dicts), self.domain.slots)
        return None

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Writes the tracker's events that are not stored yet, as Rasa does, in one statement."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            stored = session.execute(self._latest_session_count, {SENDER: tracker.sender_id}).scalar()
            rows = [
                event_row(tracker.sender_id, event.type_name, event.as_dict())
                for event in itertools.islice(tracker.events, stored, len(tracker.events))
            ]
            if rows:
                session.execute(self._insert_events, rows)
            session.commit()
