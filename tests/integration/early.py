"""Slow set-ups begun in the background as soon as the tests are collected, so that one runs
while other tests do, instead of each test module waiting in turn: server starts (about 12 s each),
and runs whose results tests check (the answer corpus through an assistant, the benchmark's smoke
run, the report's commands).

A module registers a set-up under the name of the fixture that uses it, with the set-ups it uses:

    @early.prepare("corpus_readings", after=["spare_assistant"])
    def read_the_corpus() -> Readings: ...  # calls early.result("spare_assistant")

    @pytest.fixture
    def corpus_readings():
        return early.result("corpus_readings")

The fixture has the set-up's name: conftest finds the set-ups the collected tests need by their
fixtures' names, begins them in its SETUP_ORDER, three at a time (much of a set-up is waiting for
its servers), and stops what they started when the session ends, all at once: what a set-up
returns may have a `stop(grace_seconds)`. A set-up that fails raises its error in every test that
needs it.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

CONCURRENT_SETUPS = 3
# At the session's end nothing needs a graceful stop: what has not stopped this long after Ctrl-C
# is killed.
END_GRACE_SECONDS = 3

_setups: dict[str, Callable[[], Any]] = {}
_after: dict[str, list[str]] = {}
_begun: dict[str, Future] = {}
_pool = ThreadPoolExecutor(CONCURRENT_SETUPS, thread_name_prefix="early-setup")
_folders: list[Path] = []
_times: dict[str, dict[str, float]] = {}  # seconds since the tests were collected: begun, ran, done
_clock_start = time.monotonic()


def prepare(name: str, after: list[str] | None = None) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Registers the decorated function as the set-up of the fixture `name`; it may wait for the
    set-ups named in `after`, which are begun before it (so that no set-up waits for one queued
    behind it)."""

    def register(function: Callable[[], Any]) -> Callable[[], Any]:
        _setups[name] = function
        _after[name] = after or []
        return function

    return register


def known(name: str) -> bool:
    return name in _setups


def needs(name: str) -> list[str]:
    """The set-up and those it waits for, those first."""
    return [need for first in _after[name] for need in needs(first)] + [name]


def begin(name: str) -> None:
    for need in needs(name):
        if need not in _begun:
            _times[need] = {"begun": _now()}
            _begun[need] = _pool.submit(_timed, need)


def _timed(name: str) -> Any:
    _times[name]["ran"] = _now()
    try:
        return _setups[name]()
    finally:
        _times[name]["done"] = _now()


def _now() -> float:
    return round(time.monotonic() - _clock_start, 1)


def result(name: str) -> Any:
    """What the set-up returned, once it is done (it is begun now if it was not yet)."""
    begin(name)
    return _begun[name].result()


def folder(prefix: str) -> Path:
    """A new folder for a set-up's files (conversations, run files), removed by stop_all."""
    made = Path(tempfile.mkdtemp(prefix=f"hamstring-{prefix}-"))
    _folders.append(made)
    return made


def stop_all(times_file: Path) -> None:
    """Stops everything the set-ups started, all at once; waits for set-ups still running. When
    each set-up was begun, ran and was done goes to `times_file`."""
    stopping = {"begun": _now()}
    _pool.shutdown(wait=True, cancel_futures=True)
    stopping["ran"] = _now()
    started = [f.result() for f in _begun.values() if not f.cancelled() and f.exception() is None]
    with ThreadPoolExecutor(max(1, len(started)), thread_name_prefix="early-stop") as stopping_pool:
        stops = [
            stopping_pool.submit(thing.stop, grace_seconds=END_GRACE_SECONDS)
            for thing in started
            if hasattr(thing, "stop")
        ]
    for failed in [stop.exception() for stop in stops if stop.exception()]:
        print(f"stopping a set-up failed: {failed!r}", file=sys.stderr)
    for made in _folders:
        shutil.rmtree(made, ignore_errors=True)
    stopping["done"] = _now()
    times_file.parent.mkdir(exist_ok=True)
    times_file.write_text(json.dumps({**_times, "(stopping them all)": stopping}, indent=1), encoding="utf-8")
