"""How long a conversation lock ticket must live so that its turn still gets the lock.

Rasa's ticket lock (rasa/core/lock.py) gives every ticket the same lifetime, counted from when
it is issued, and a waiting turn looks at the lock once a second. When a server dies holding a
ticket, a turn for the same conversation issued less than a second later has a ticket that
expires within the same second: the waiter then finds both expired at one look, its own ticket
gone, and waits for a lock it can never get until the response timeout ends the turn unsaved.
A new ticket therefore lives the full lifetime counted from when the last ticket ahead of it
expires. Plain Python: no Rasa import.
"""

from __future__ import annotations

from typing import Iterable


def ticket_lifetime(lifetime: float, expiries_ahead: Iterable[float], now: float) -> float:
    """Seconds from `now` for a new ticket: `lifetime` after the latest ticket ahead expires."""
    return max([now, *expiries_ahead]) - now + lifetime
