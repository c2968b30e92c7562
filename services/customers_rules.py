"""Rules of customers, on plain values: no unit of work, no database, no clock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from db.tables.customers import EMAIL_TYPES, CustomerRow, preference_column


def phone_key(phone: str) -> str:
    """What makes two spellings of one number one customer: its ASCII digits, in order.

    Spaces, dashes, parentheses and the plus sign are spelling: "+1 (555) 010-2030" and
    "+1 555 010 2030" are one number. The digits are compared as they are, with no
    country-code guessing: "5550102030" and "+15550102030" are two numbers, since
    nothing says which country a number without one belongs to.
    """
    return "".join(character for character in phone if "0" <= character <= "9")


def preferences_of(customer: object) -> dict[str, bool]:
    """Every email type with whether the customer wants it, from a row or a record."""
    return {
        email_type: bool(getattr(customer, preference_column(email_type)))
        for email_type in EMAIL_TYPES
    }


def set_preferences(customer: CustomerRow, wanted: Mapping[str, bool]) -> None:
    """Switch the given email types on or off; the others stay as they are."""
    unknown = set(wanted) - set(EMAIL_TYPES)
    if unknown:
        # The schema lets only the contract's types through; anything else is a bug.
        raise ValueError(f"Unknown email types: {sorted(unknown)}")
    for email_type, enabled in wanted.items():
        setattr(customer, preference_column(email_type), enabled)


@dataclass(frozen=True)
class MonthBounds:
    """The previous UTC calendar month is [previous_start, current_start), the current
    one [current_start, next_start)."""

    previous_start: datetime
    current_start: datetime
    next_start: datetime


def month_bounds(now: datetime) -> MonthBounds:
    """The calendar months, in UTC, around the instant ``now`` (timezone-aware)."""
    utc = now.astimezone(UTC)
    current_start = datetime(utc.year, utc.month, 1, tzinfo=UTC)
    previous_start = (
        datetime(utc.year - 1, 12, 1, tzinfo=UTC)
        if utc.month == 1
        else datetime(utc.year, utc.month - 1, 1, tzinfo=UTC)
    )
    next_start = (
        datetime(utc.year + 1, 1, 1, tzinfo=UTC)
        if utc.month == 12
        else datetime(utc.year, utc.month + 1, 1, tzinfo=UTC)
    )
    return MonthBounds(previous_start, current_start, next_start)


def growth_rate(current: int, previous: int) -> float:
    """The change from ``previous`` to ``current`` in percent, to one decimal; 0 when
    there is nothing to compare with (no customer in the previous month).

    Exact integer arithmetic in tenths of a percent, rounded half away from zero
    (Decimal's ROUND_HALF_UP: 1/8 up is 12.5%, and a fall of 0.05% rounds to -0.1):
    the float is made only at the end, from the exact number of tenths, so it prints
    as that decimal (-33.3, never -33.33333333333333 or -33.300000000000004).
    """
    if previous <= 0:
        return 0.0
    numerator = (current - previous) * 1000  # tenths of a percent, times ``previous``
    tenths = (abs(numerator) * 2 + previous) // (2 * previous)
    return (tenths if numerator >= 0 else -tenths) / 10
