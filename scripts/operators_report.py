"""`make report` and `make export-unrecognised`: read the conversations of a period from the tracker
store and write the operators' report (HTML) or the messages it did not understand (NLU YAML).

The tracker store is the one `make run` uses: endpoints.yml with the same settings from the
environment and .env (scripts/render_endpoints.py), or the file given with --endpoints. Nothing is
sent anywhere; the file written is readable by its owner only, and its path is printed.

Usage: python scripts/operators_report.py report|export-unrecognised
         [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--days N] [--endpoints FILE] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import warnings
from pathlib import Path

import yaml
from dotenv import dotenv_values
from render_endpoints import render

from clinical.triage_engine import default_spec
from reports.export import nlu_yaml
from reports.page import render_report
from reports.period import Period, choose_period
from reports.rasa_store import check_reachable, event_lists
from reports.records import Conversation, conversations_from_events
from reports.summary import LOW_CONFIDENCE, summarise

ROOT = Path(__file__).resolve().parents[1]


def tracker_store_config(endpoints: Path | None) -> dict:
    """The `tracker_store` section: from the given file, or as `make run` renders endpoints.yml."""
    if endpoints is not None:
        if not endpoints.is_file():
            raise SystemExit(f"no endpoints file {endpoints}")
        config = (yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}).get("tracker_store")
    else:
        base = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
        # As scripts/run.sh: a variable set in the environment wins over .env.
        environment = {**dotenv_values(ROOT / ".env"), **os.environ}
        config = render(base, {k: v for k, v in environment.items() if v is not None}).get("tracker_store")
    if not config:
        raise SystemExit(f"no tracker_store section in {endpoints or 'endpoints.yml'}")
    sqlite_file = config.get("db") if (config.get("dialect") or "sqlite") == "sqlite" else None
    if sqlite_file and not Path(sqlite_file).exists():
        raise SystemExit(f"no conversations yet: the tracker store file {sqlite_file} does not exist")
    return config


async def read_conversations(config: dict, domain: Path) -> list[Conversation]:
    conversations: list[Conversation] = []
    async for events in event_lists(config, domain):
        conversations.extend(conversations_from_events(events))
    return conversations


def write_private(path: Path, text: str) -> None:
    """Health information: the file is created readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("report", "export-unrecognised"))
    parser.add_argument("--from", dest="first", help="first day, YYYY-MM-DD (UTC)")
    parser.add_argument("--to", dest="last", help="last day, YYYY-MM-DD (UTC; default today)")
    parser.add_argument("--days", type=int, help="the N days up to --to (default 30)")
    parser.add_argument("--endpoints", type=Path, help="endpoints file whose tracker_store is read")
    parser.add_argument("--domain", type=Path, default=ROOT / "domain.yml")
    parser.add_argument("--out-dir", type=Path, default=ROOT / ".test-results" / "report")
    parser.add_argument("--low-confidence", type=float, default=LOW_CONFIDENCE)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    # Rasa turns deprecation notices back on when imported; they say nothing to an operator.
    warnings.simplefilter("ignore")
    try:
        period: Period = choose_period(args.first or None, args.last or None, args.days)
    except ValueError as error:
        raise SystemExit(f"period: {error}") from error
    config = tracker_store_config(args.endpoints)
    try:
        check_reachable(config)
    except ConnectionError as error:
        raise SystemExit(str(error)) from error
    conversations = asyncio.run(read_conversations(config, args.domain))
    summary = summarise(conversations, period, args.low_confidence)
    if args.command == "report":
        path = args.out_dir / f"report-{period.label}.html"
        write_private(path, render_report(summary, default_spec()))
    else:
        path = args.out_dir / f"unrecognised-{period.label}.yml"
        write_private(
            path, nlu_yaml(summary.unrecognised + summary.low_confidence, period, args.low_confidence)
        )
    days = f"{period.first_day} to {period.last_day}"
    print(f"{summary.conversations} conversations, {summary.messages} messages, {days}")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
