"""Customer rules on plain values: phone keys, preferences, calendar months, growth."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from db.tables.customers import EMAIL_TYPES, CustomerRow
from schemas.customers import EMAIL_TYPES as WIRE_EMAIL_TYPES
from schemas.customers import EmailPreferences, PreferenceChanges
from services.customers_rules import (
    growth_rate,
    month_bounds,
    phone_key,
    preferences_of,
    set_preferences,
)

NOW = datetime(2026, 3, 15, 12, tzinfo=UTC)


def a_customer() -> CustomerRow:
    return CustomerRow(
        name="C", phone="5550102030", phone_key="5550102030", created_at=NOW, updated_at=NOW
    )


def test_the_email_types_are_the_contracts_everywhere() -> None:
    assert EMAIL_TYPES == WIRE_EMAIL_TYPES
    assert tuple(EmailPreferences.model_fields) == EMAIL_TYPES
    assert tuple(PreferenceChanges.model_fields) == EMAIL_TYPES


@pytest.mark.parametrize(
    "spelling",
    ["+1 (555) 010-2030", "+1 555 010 2030", "+1-555-010-2030", "+15550102030", "1 555 0102030"],
)
def test_spellings_of_one_number_share_a_key(spelling: str) -> None:
    assert phone_key(spelling) == "15550102030"


def test_a_country_code_is_part_of_the_number() -> None:
    assert phone_key("5550102030") != phone_key("+15550102030")


def test_a_new_customer_wants_every_email() -> None:
    assert preferences_of(a_customer()) == dict.fromkeys(EMAIL_TYPES, True)


def test_set_preferences_changes_only_the_given_types() -> None:
    customer = a_customer()
    set_preferences(customer, {"service_completed": False, "ticket_created": True})
    set_preferences(customer, {"request_rejected": False})

    assert preferences_of(customer) == {
        **dict.fromkeys(EMAIL_TYPES, True),
        "service_completed": False,
        "request_rejected": False,
    }


def test_set_preferences_refuses_an_unknown_type() -> None:
    with pytest.raises(ValueError, match="marketing"):
        set_preferences(a_customer(), {"marketing": False})


@pytest.mark.parametrize(
    ("now", "previous", "current", "following"),
    [
        (
            NOW,
            datetime(2026, 2, 1, tzinfo=UTC),
            datetime(2026, 3, 1, tzinfo=UTC),
            datetime(2026, 4, 1, tzinfo=UTC),
        ),
        (
            datetime(2026, 1, 1, tzinfo=UTC),
            datetime(2025, 12, 1, tzinfo=UTC),
            datetime(2026, 1, 1, tzinfo=UTC),
            datetime(2026, 2, 1, tzinfo=UTC),
        ),
        (
            datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
            datetime(2026, 11, 1, tzinfo=UTC),
            datetime(2026, 12, 1, tzinfo=UTC),
            datetime(2027, 1, 1, tzinfo=UTC),
        ),
    ],
)
def test_month_bounds_are_utc_calendar_months(
    now: datetime, previous: datetime, current: datetime, following: datetime
) -> None:
    bounds = month_bounds(now)
    assert (bounds.previous_start, bounds.current_start, bounds.next_start) == (
        previous,
        current,
        following,
    )


def test_month_bounds_read_the_instant_in_utc() -> None:
    # 1 March, 01:00 in UTC+2 is still 28 February in UTC.
    east = timezone(timedelta(hours=2))
    bounds = month_bounds(datetime(2026, 3, 1, 1, tzinfo=east))
    assert bounds.current_start == datetime(2026, 2, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("current", "previous", "rate"),
    [
        (2, 1, 100.0),
        (2, 3, -33.3),
        (4, 3, 33.3),
        (5, 3, 66.7),  # 66.666...: up
        (1, 3, -66.7),  # away from zero
        (9, 8, 12.5),
        (17, 16, 6.3),  # 6.25: a half, away from zero
        (15, 16, -6.3),
        (1999, 2000, -0.1),  # -0.05: a half
        (3, 3, 0.0),
        (0, 4, -100.0),
        (7, 0, 0.0),  # nothing to compare with
        (0, 0, 0.0),
    ],
)
def test_growth_rate_in_percent_to_one_decimal(current: int, previous: int, rate: float) -> None:
    assert growth_rate(current, previous) == rate
    assert repr(growth_rate(current, previous)) == repr(rate)
