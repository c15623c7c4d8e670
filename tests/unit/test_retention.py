"""operations/retention.py: a conversation is old when its latest event is before the cutoff."""

from datetime import UTC, datetime

import pytest

from operations.retention import conversations_to_forget, cutoff_timestamp, summary

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
DAY = 86_400.0


def test_cutoff_is_n_days_before_now():
    assert cutoff_timestamp(NOW, 30) == NOW.timestamp() - 30 * DAY


@pytest.mark.parametrize("days", [0, -1])
def test_a_retention_period_under_one_day_is_refused(days):
    with pytest.raises(ValueError):
        cutoff_timestamp(NOW, days)


def test_only_conversations_whose_latest_event_is_before_the_cutoff_are_forgotten():
    cutoff = cutoff_timestamp(NOW, 30)
    latest = {
        "old": cutoff - 1,
        "older": cutoff - 400 * DAY,
        "at-the-cutoff": cutoff,
        "recent": NOW.timestamp(),
        "no-time": None,
    }
    assert conversations_to_forget(latest, cutoff) == ["old", "older"]


def test_summary_gives_counts_and_says_whether_anything_changed():
    cutoff = cutoff_timestamp(NOW, 30)
    dry = summary(2, 17, 5, 30, cutoff, dry_run=True)
    assert dry.startswith("2 conversation(s), 17 event(s)") and "would be deleted" in dry
    assert "since 2026-11-03 12:00 UTC" in dry and "5 conversation(s) kept" in dry
    assert "deleted;" in summary(2, 17, 5, 30, cutoff, dry_run=False)
