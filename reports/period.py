"""The period a report covers: whole days, in UTC, both ends included."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Iterator, Optional

DEFAULT_DAYS = 30


@dataclass(frozen=True)
class Period:
    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.first_day > self.last_day:
            raise ValueError(f"the period starts ({self.first_day}) after it ends ({self.last_day})")

    def contains(self, timestamp: float) -> bool:
        return self.first_day <= day_of(timestamp) <= self.last_day

    def days(self) -> Iterator[date]:
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.first_day.isoformat()}_{self.last_day.isoformat()}"


def day_of(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, tz=UTC).date()


def choose_period(
    first: Optional[str] = None,
    last: Optional[str] = None,
    days: Optional[int] = None,
    today: Optional[date] = None,
) -> Period:
    """FROM and TO (YYYY-MM-DD), or the DAYS days up to TO (default: the last 30 days to today)."""
    if days is not None and days < 1:
        raise ValueError("DAYS must be 1 or more")
    last_day = date.fromisoformat(last) if last else (today or datetime.now(UTC).date())
    if first:
        if days is not None:
            raise ValueError("give FROM or DAYS, not both")
        return Period(date.fromisoformat(first), last_day)
    return Period(last_day - timedelta(days=(days or DEFAULT_DAYS) - 1), last_day)
