"""Which conversations to forget: those whose latest event is older than the retention period.

Pure: scripts/forget_old_conversations.py reads the latest event time of each conversation from
Rasa's tracker store, asks this module which to delete, and deletes them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Mapping, Optional


def cutoff_timestamp(now: datetime, days: int) -> float:
    """The Unix time before which a conversation's latest event makes it old."""
    if days < 1:
        raise ValueError("the retention period must be at least 1 day")
    return (now - timedelta(days=days)).timestamp()


def conversations_to_forget(
    latest_event_by_sender: Mapping[str, Optional[float]], cutoff: float
) -> list[str]:
    """Conversations whose latest event is before the cutoff; one with no event time is kept."""
    return sorted(
        sender for sender, latest in latest_event_by_sender.items() if latest is not None and latest < cutoff
    )


def summary(conversations: int, events: int, kept: int, days: int, cutoff: float, dry_run: bool) -> str:
    """One line for the operator: counts only, never a conversation id."""
    since = datetime.fromtimestamp(cutoff, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
    verb = "would be deleted (dry run, nothing changed)" if dry_run else "deleted"
    return (
        f"{conversations} conversation(s), {events} event(s), with no event in the last {days} day(s) "
        f"(since {since}): {verb}; {kept} conversation(s) kept."
    )
