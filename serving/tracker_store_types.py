"""Which `tracker_store` sections of an endpoints file name Rasa's SQL tracker store.

Rasa's own `type: SQL`, or this project's subclass of it (rasa_addons/sql_tracker_store.py, the
default in endpoints.yml): both keep the same `events` table, so the report and retention read
and delete in either. Plain Python.
"""

from __future__ import annotations

from typing import Any, Mapping

SQL_STORE_SUBCLASS = "rasa_addons.sql_tracker_store.TurnSQLTrackerStore"


def is_sql_tracker_store(config: Mapping[str, Any]) -> bool:
    store_type = str(config.get("type") or "")
    return store_type.lower() == "sql" or store_type == SQL_STORE_SUBCLASS
