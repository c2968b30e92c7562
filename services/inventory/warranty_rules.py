"""A unit's warranty: when it ends, and its status on a given day.

A warranty of ``m`` months started on ``s`` ends on ``s`` plus ``m`` calendar months
(clamped to the month's last day: 31 January + 1 month is 28 or 29 February), and the
end day is still covered. On a day ``d`` it is ``expired`` after its end,
``expiring_soon`` when it ends within ``EXPIRING_SOON_DAYS`` of ``d`` (the end day
included), ``active`` later, and ``no_warranty`` without an end. The listing's filter
asks the database the same question with :func:`expiring_soon_until` as its bound, so
the two cannot disagree.
"""

from datetime import date, timedelta
from typing import Final

from dateutil.relativedelta import relativedelta

EXPIRING_SOON_DAYS: Final = 30


def warranty_start(start: date | None, purchase_date: date | None, today: date) -> date:
    """Where a warranty given in months starts when no start is given: the purchase
    day if known, else the day the unit is registered."""
    if start is not None:
        return start
    return purchase_date if purchase_date is not None else today


def warranty_end(start: date | None, months: int | None) -> date | None:
    """The last day covered, or None when the unit has no warranty (no months)."""
    if start is None or months is None:
        return None
    end: date = start + relativedelta(months=months)
    return end


def expiring_soon_until(today: date) -> date:
    """The last end day that counts as ``expiring_soon`` on ``today``."""
    return today + timedelta(days=EXPIRING_SOON_DAYS)


def warranty_status(end: date | None, today: date) -> str:
    if end is None:
        return "no_warranty"
    if end < today:
        return "expired"
    if end <= expiring_soon_until(today):
        return "expiring_soon"
    return "active"


def days_remaining(end: date | None, today: date) -> int | None:
    """Whole days from ``today`` to the end (0 on the end day and after it); None
    without a warranty."""
    if end is None:
        return None
    return max((end - today).days, 0)
