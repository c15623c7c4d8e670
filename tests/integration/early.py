"""Slow set-ups (a server start takes about 20 s) begun in the background as soon as the tests are
collected, so that one loads while other tests run, instead of each test module waiting in turn.

A module registers a set-up under the name of the fixture that uses it:

    @early.prepare("cluster")
    def start_cluster() -> Cluster: ...

    @pytest.fixture(scope="module")
    def cluster():
        return early.result("cluster")

conftest begins the set-ups the collected tests need, in the order the tests need them, two at a
time (the machine may have 2 cores), and stops what they started when the session ends. A set-up
that fails raises its error in every test that needs it. What a set-up returns may have a
`request_stop()` (called for all of them first, so they stop at once) and a `stop()`.
"""

from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

CONCURRENT_SETUPS = 2

_setups: dict[str, Callable[[], Any]] = {}
_begun: dict[str, Future] = {}
_pool = ThreadPoolExecutor(CONCURRENT_SETUPS, thread_name_prefix="early-setup")
_folders: list[Path] = []


def prepare(name: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Registers the decorated function as the set-up of the fixture `name`."""

    def register(function: Callable[[], Any]) -> Callable[[], Any]:
        _setups[name] = function
        return function

    return register


def known(name: str) -> bool:
    return name in _setups


def begin(name: str) -> None:
    if name not in _begun:
        _begun[name] = _pool.submit(_setups[name])


def result(name: str) -> Any:
    """What the set-up returned, once it is done (it is begun now if it was not yet)."""
    begin(name)
    return _begun[name].result()


def folder(prefix: str) -> Path:
    """A new folder for a set-up's files (conversations, run files), removed by stop_all."""
    made = Path(tempfile.mkdtemp(prefix=f"hamstring-{prefix}-"))
    _folders.append(made)
    return made


def stop_all() -> None:
    """Stops everything the set-ups started, all at once; waits for set-ups still running."""
    _pool.shutdown(wait=True, cancel_futures=True)
    started = [f.result() for f in _begun.values() if not f.cancelled() and f.exception() is None]
    for thing in started:
        if hasattr(thing, "request_stop"):
            thing.request_stop()
    for thing in started:
        if hasattr(thing, "stop"):
            thing.stop()
    for made in _folders:
        shutil.rmtree(made, ignore_errors=True)
