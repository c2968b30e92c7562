"""The days of a dashboard's chart, on plain values: the last ``days`` UTC days up to
and including today, oldest first, and each day's figure or the empty one. One rule
for "the last N days" on every dashboard (the tickets' revenue, the tasks' timeline)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

FigureT = TypeVar("FigureT")


@dataclass(frozen=True)
class DayWindow:
    # The first day's UTC midnight, and the one after the last day (not included).
    start: datetime
    end: datetime
    # Each day of the window, YYYY-MM-DD, oldest first.
    days: list[str]


def day_window(now: datetime, days: int) -> DayWindow:
    today = now.astimezone(UTC).date()
    first = today - timedelta(days=days - 1)
    dates = [(first + timedelta(days=offset)).isoformat() for offset in range(days)]
    end = _midnight(today + timedelta(days=1))
    return DayWindow(start=_midnight(first), end=end, days=dates)


def filled(
    days: list[str], figures: Mapping[str, FigureT], empty: FigureT
) -> list[tuple[str, FigureT]]:
    """Every day of the window with its figure, ``empty`` on the days without one."""
    return [(day, figures.get(day, empty)) for day in days]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)
