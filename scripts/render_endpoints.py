"""Writes the endpoints file Rasa runs with: endpoints.yml, plus what the environment configures.

- POSTGRES_HOST (and POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD): the same SQL
  tracker store class on PostgreSQL instead of the SQLite file.
- REDIS_HOST (and REDIS_PORT, REDIS_PASSWORD, REDIS_DB): Rasa's Redis lock store, needed when
  several Rasa processes serve the same conversations (rasa_addons/lock_store.py: a turn queued
  behind a dead server's ticket still gets the lock).
- ACTION_SERVER_URL: where the action server listens; ACTION_SERVER_SECRET: sent to it in the
  X-Action-Secret header of every call (serving/action_server_guard.py checks it).
- SQLITE_DB: another SQLite file for the default tracker store (the tests use their own).

The file is written readable by its owner only (it may hold passwords and the action secret).

Usage: python scripts/render_endpoints.py SOURCE DESTINATION
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Mapping

import yaml

from serving.private_files import write_private
from serving.settings import ACTION_SECRET_HEADER


def render(base: dict[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    endpoints = dict(base)
    if env.get("ACTION_SERVER_URL"):
        endpoints["action_endpoint"] = {
            **(endpoints.get("action_endpoint") or {}),
            "url": env["ACTION_SERVER_URL"],
        }
    if env.get("ACTION_SERVER_SECRET"):
        endpoints["action_endpoint"] = {
            **endpoints["action_endpoint"],
            "headers": {ACTION_SECRET_HEADER: env["ACTION_SERVER_SECRET"]},
        }
    if env.get("SQLITE_DB") and not env.get("POSTGRES_HOST"):
        endpoints["tracker_store"] = {**endpoints["tracker_store"], "db": env["SQLITE_DB"]}
    if env.get("POSTGRES_HOST"):
        endpoints["tracker_store"] = {
            # The base file's SQL store class (Rasa's SQLTrackerStore or its subclass), on PostgreSQL.
            "type": (endpoints.get("tracker_store") or {}).get("type", "SQL"),
            "dialect": "postgresql",
            "url": env["POSTGRES_HOST"],
            "port": int(env.get("POSTGRES_PORT", "5432")),
            "db": env.get("POSTGRES_DB", "rasa"),
            "username": env.get("POSTGRES_USER", "rasa"),
            "password": env.get("POSTGRES_PASSWORD", ""),
        }
    if env.get("REDIS_HOST"):
        endpoints["lock_store"] = {
            "type": "rasa_addons.lock_store.QueuedRedisLockStore",
            "url": env["REDIS_HOST"],
            "port": int(env.get("REDIS_PORT", "6379")),
            "password": env.get("REDIS_PASSWORD") or None,
            "db": int(env.get("REDIS_DB", "1")),
        }
    return endpoints


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    base = yaml.safe_load(Path(argv[1]).read_text(encoding="utf-8"))
    write_private(Path(argv[2]), yaml.safe_dump(render(base, os.environ), sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
