"""The report's period (reports/period.py)."""

from datetime import UTC, date, datetime

import pytest

from reports.period import Period, choose_period

TODAY = date(2026, 3, 31)


def test_default_is_the_last_30_days_including_today():
    period = choose_period(today=TODAY)
    assert (period.first_day, period.last_day) == (date(2026, 3, 2), TODAY)
    assert len(list(period.days())) == 30


def test_days_up_to_a_given_last_day_and_an_explicit_range():
    assert choose_period(last="2026-02-10", days=7, today=TODAY) == Period(
        date(2026, 2, 4), date(2026, 2, 10)
    )
    assert choose_period("2026-01-01", "2026-01-31", today=TODAY) == Period(
        date(2026, 1, 1), date(2026, 1, 31)
    )


def test_both_ends_are_whole_utc_days():
    period = Period(date(2026, 1, 1), date(2026, 1, 1))
    assert period.contains(datetime(2026, 1, 1, 0, 0, tzinfo=UTC).timestamp())
    assert period.contains(datetime(2026, 1, 1, 23, 59, tzinfo=UTC).timestamp())
    assert not period.contains(datetime(2026, 1, 2, 0, 0, tzinfo=UTC).timestamp())


@pytest.mark.parametrize(
    "first, last, days",
    [
        ("2026-02-01", "2026-01-01", None),
        ("2026-01-01", None, 5),
        (None, None, 0),
        ("2026-13-01", None, None),
    ],
)
def test_impossible_periods_are_refused(first, last, days):
    with pytest.raises(ValueError):
        choose_period(first, last, days, today=TODAY)
