"""A unit's warranty on plain dates: calendar months clamped to the month's end, the
end day still covered, ``expiring_soon`` up to 30 days ahead (the 30th included), and
the whole days remaining."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.inventory.warranty_rules import (
    EXPIRING_SOON_DAYS,
    days_remaining,
    expiring_soon_until,
    warranty_end,
    warranty_start,
    warranty_status,
)

TODAY = date(2026, 3, 15)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 1, 15), 12, date(2027, 1, 15)),
        (date(2026, 1, 15), 0, date(2026, 1, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
    ],
)
def test_the_end_is_calendar_months_later_clamped_to_the_months_last_day(
    start: date, months: int, end: date
) -> None:
    assert warranty_end(start, months) == end


def test_no_months_or_no_start_is_no_warranty() -> None:
    assert warranty_end(date(2026, 1, 1), None) is None
    assert warranty_end(None, 12) is None


def test_the_start_is_the_given_day_else_the_purchase_else_today() -> None:
    given_day, bought = date(2026, 1, 2), date(2025, 12, 30)

    assert warranty_start(given_day, bought, TODAY) == given_day
    assert warranty_start(None, bought, TODAY) == bought
    assert warranty_start(None, None, TODAY) == TODAY


@pytest.mark.parametrize(
    ("end", "status"),
    [
        (None, "no_warranty"),
        (TODAY - timedelta(days=1), "expired"),
        (TODAY, "expiring_soon"),
        (TODAY + timedelta(days=1), "expiring_soon"),
        (TODAY + timedelta(days=EXPIRING_SOON_DAYS), "expiring_soon"),
        (TODAY + timedelta(days=EXPIRING_SOON_DAYS + 1), "active"),
        (TODAY + timedelta(days=400), "active"),
    ],
    ids=["none", "day-after-end", "end-day", "tomorrow", "30th-day", "31st-day", "far"],
)
def test_the_status_on_a_day(end: date | None, status: str) -> None:
    assert warranty_status(end, TODAY) == status


@pytest.mark.parametrize(
    ("end", "remaining"),
    [
        (None, None),
        (TODAY, 0),
        (TODAY - timedelta(days=5), 0),
        (TODAY + timedelta(days=1), 1),
        (TODAY + timedelta(days=30), 30),
    ],
)
def test_the_days_remaining(end: date | None, remaining: int | None) -> None:
    assert days_remaining(end, TODAY) == remaining


@given(start=days, months=st.integers(min_value=0, max_value=240))
def test_an_end_is_in_the_month_so_many_months_on_never_past_the_start_day(
    start: date, months: int
) -> None:
    end = warranty_end(start, months)

    assert end is not None
    month_index = start.year * 12 + start.month - 1 + months
    assert end.year * 12 + end.month - 1 == month_index
    assert end.day <= start.day
    if end.day < start.day:
        # Clamped: the last day of its month.
        assert (end + timedelta(days=1)).day == 1


@given(end=days, today=days)
def test_the_status_and_days_agree_with_each_other(end: date, today: date) -> None:
    status = warranty_status(end, today)
    remaining = days_remaining(end, today)

    assert remaining is not None
    assert remaining >= 0
    if status == "expired":
        assert end < today
        assert remaining == 0
    elif status == "expiring_soon":
        assert remaining == (end - today).days <= EXPIRING_SOON_DAYS
        assert end <= expiring_soon_until(today)
    else:
        assert status == "active"
        assert remaining > EXPIRING_SOON_DAYS
