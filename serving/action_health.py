"""When to stop calling an action server that does not answer.

After a call that could not reach the action server or ran out of time, further calls fail at
once for `retry_after` seconds instead of each waiting for the time limit: one turn then waits
for one time limit, not one per action, and stays well inside the conversation's lock lifetime.
Plain Python with an injected clock, so it is tested without a server.
"""

from __future__ import annotations

import time
from typing import Callable


class ActionServerHealth:
    """Remembers the last time the action server could not be reached."""

    def __init__(self, retry_after: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.retry_after = retry_after
        self._clock = clock
        self._failed_at: float | None = None

    def may_call(self) -> bool:
        """False while a recent failure says the call would fail too."""
        return self._failed_at is None or self._clock() - self._failed_at >= self.retry_after

    def unreachable(self) -> None:
        self._failed_at = self._clock()

    def reached(self) -> None:
        self._failed_at = None
