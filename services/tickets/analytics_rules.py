"""The days of the revenue chart, on plain values: the last ``days`` UTC days up to
and including today, oldest first, each with its revenue or 0."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal


@dataclass(frozen=True)
class RevenueWindow:
    # The first day's UTC midnight, and the one after the last day (not included).
    start: datetime
    end: datetime
    # Each day of the window, YYYY-MM-DD, oldest first.
    days: list[str]


def revenue_window(now: datetime, days: int) -> RevenueWindow:
    today = now.astimezone(UTC).date()
    first = today - timedelta(days=days - 1)
    dates = [(first + timedelta(days=offset)).isoformat() for offset in range(days)]
    end = _midnight(today + timedelta(days=1))
    return RevenueWindow(start=_midnight(first), end=end, days=dates)


def filled(days: list[str], revenue: Mapping[str, Decimal]) -> list[tuple[str, Decimal]]:
    """Every day of the window with its revenue, 0.00 where nothing was completed."""
    nothing = Decimal("0.00")
    return [(day, revenue.get(day, nothing)) for day in days]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)
