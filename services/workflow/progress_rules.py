"""The progress dashboard's rules on plain values: the completion rate, and the days of
the completion timeline."""

from collections.abc import Mapping
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from services.tickets.analytics_rules import RevenueWindow, revenue_window

# One decimal place of a percentage: 66.7.
_ONE_DECIMAL = Decimal("0.1")

# The timeline's window is the revenue chart's (the last N UTC days, today included):
# one rule for "the last N days" on every dashboard.
DayWindow = RevenueWindow


def completion_rate(completed: int, total: int) -> float:
    """``completed`` of ``total`` as a percentage rounded half up to one decimal (2 of 3
    is 66.7); 0 when there are no tasks, rather than a division by zero. Computed in
    Decimal so the rounding is of the exact ratio, not of a binary float."""
    if total == 0:
        return 0.0
    rate = (Decimal(completed) * 100 / Decimal(total)).quantize(_ONE_DECIMAL, ROUND_HALF_UP)
    return float(rate)


def day_window(now: datetime, days: int) -> DayWindow:
    """The last ``days`` UTC days up to and including ``now``'s: from the first one's
    midnight up to the next midnight after today (not included)."""
    return revenue_window(now, days)


def filled_counts(days: list[str], counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Every day of the window with its count, 0 where nothing was completed."""
    return [(day, counts.get(day, 0)) for day in days]
