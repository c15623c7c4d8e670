"""Deletes conversations whose latest event is older than N days from Rasa's SQL tracker store
(the SQLite file or PostgreSQL), the store the endpoints configure.

Usage: python scripts/forget_old_conversations.py --days N [--dry-run] [--endpoints FILE]
Without --endpoints: endpoints.yml with the environment and .env applied, as `make run` uses it.
Prints counts only, never a conversation id.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from operations.retention import conversations_to_forget, cutoff_timestamp, summary  # noqa: E402
from scripts.render_endpoints import render  # noqa: E402
from serving.tracker_store_types import is_sql_tracker_store  # noqa: E402

DELETE_BATCH = 500  # conversation ids per DELETE statement


def tracker_store_settings(endpoints_file: Path | None) -> dict[str, Any]:
    if endpoints_file is None:
        load_dotenv(ROOT / ".env", override=False)
        base = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
        endpoints = render(base, os.environ)
    else:
        endpoints = yaml.safe_load(endpoints_file.read_text(encoding="utf-8")) or {}
    store = endpoints.get("tracker_store") or {}
    if not is_sql_tracker_store(store):
        raise SystemExit("forget-old works on Rasa's SQL tracker store (SQLite or PostgreSQL) only")
    return store


def open_store(settings: dict[str, Any]):
    """Rasa's own SQLTrackerStore, after one connection check (its constructor retries forever)."""
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
    from rasa.utils.endpoints import EndpointConfig

    # Rasa 3.6 builds its database URL the SQLAlchemy 1.3 way; the warning says nothing to an operator.
    warnings.filterwarnings("ignore", category=sa.exc.SADeprecationWarning)

    options = {key: value for key, value in settings.items() if key not in ("type", "url")}
    if options.get("dialect", "sqlite") == "sqlite":
        if not Path(options.get("db", "rasa.db")).exists():
            return None
    else:
        url = SQLTrackerStore.get_db_url(
            options.get("dialect"),
            settings.get("url"),
            options.get("port"),
            options.get("db", "rasa"),
            options.get("username"),
            options.get("password"),
        )
        try:
            sa.create_engine(url).connect().close()
        except sa.exc.OperationalError as error:
            raise SystemExit(f"cannot reach the tracker store's database: {error.orig}") from None
    return TrackerStore.create(EndpointConfig.from_dict(settings))


def forget(store, days: int, dry_run: bool, now: datetime) -> str:
    import sqlalchemy as sa

    event = store.SQLEvent
    cutoff = cutoff_timestamp(now, days)
    with store.session_scope() as session:
        latest = dict(session.query(event.sender_id, sa.func.max(event.timestamp)).group_by(event.sender_id))
        old = conversations_to_forget(latest, cutoff)
        events = 0
        for start in range(0, len(old), DELETE_BATCH):
            batch = old[start : start + DELETE_BATCH]
            # A conversation that got a new event since it was read is no longer old: kept.
            recent = session.query(event.sender_id).filter(event.timestamp >= cutoff)
            selected = session.query(event).filter(event.sender_id.in_(batch), ~event.sender_id.in_(recent))
            events += selected.count() if dry_run else selected.delete(synchronize_session=False)
        if not dry_run:
            session.commit()
    return summary(len(old), events, len(latest) - len(old), days, cutoff, dry_run)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--days", type=int, required=True, help="keep conversations active in the last N days"
    )
    parser.add_argument("--dry-run", action="store_true", help="only print how many would be deleted")
    parser.add_argument(
        "--endpoints", type=Path, help="endpoints file (default: endpoints.yml + environment)"
    )
    args = parser.parse_args(argv)
    if args.days < 1:
        parser.error("--days must be at least 1")
    endpoints = args.endpoints.resolve() if args.endpoints else None
    os.chdir(ROOT)  # a SQLite path in the endpoints is relative to the project, as for `make run`
    store = open_store(tracker_store_settings(endpoints))
    if store is None:
        print("No conversations: the SQLite file does not exist yet.")
        return 0
    print(forget(store, args.days, args.dry_run, datetime.now(UTC)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
