"""The comments' wording and what a status sets, on plain values."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.errors import BadRequest, Conflict
from services.tickets.lifecycle_rules import (
    assignment_text,
    change_text,
    delivery_text,
    refuse_undeliverable,
    started_at_after,
    status_text,
)

NOW = datetime(2026, 11, 20, 9, tzinfo=UTC)
EARLIER = datetime(2026, 11, 19, 9, tzinfo=UTC)


def test_a_change_names_the_field_with_its_old_and_new_value() -> None:
    assert change_text("priority_level", "normal", "urgent") == "Priority: normal → urgent"
    assert change_text("warranty_type", "paid", "goodwill") == "Warranty: paid → goodwill"
    assert change_text("service_fee", Decimal("50"), Decimal("60.5")) == (
        "Service fee: 50.00 → 60.50"
    )
    assert change_text("diagnosis_fee", Decimal(0), Decimal(15)) == "Diagnosis fee: 0.00 → 15.00"
    assert change_text("discount_amount", Decimal(1), Decimal(0)) == "Discount: 1.00 → 0.00"
    assert status_text("pending", "in_progress") == "Status: pending → in_progress"


@pytest.mark.parametrize(
    ("old", "new", "text"),
    [
        (None, "Tara T", "Assigned to Tara T"),
        ("Tara T", "Tom T", "Reassigned from Tara T to Tom T"),
        ("Tara T", None, "Unassigned (was Tara T)"),
    ],
)
def test_assignment_names_who_from_and_to(old: str | None, new: str | None, text: str) -> None:
    assert assignment_text(old, new) == text


@pytest.mark.parametrize(
    ("started", "status", "after"),
    [
        (None, "in_progress", NOW),
        (EARLIER, "in_progress", EARLIER),
        (None, "pending", None),
        (EARLIER, "completed", EARLIER),
        (None, "cancelled", None),
    ],
)
def test_started_at_is_set_the_first_time_work_starts(
    started: datetime | None, status: str, after: datetime | None
) -> None:
    assert started_at_after(started, status, NOW) == after


@pytest.mark.parametrize("status", ["pending", "in_progress", "cancelled"])
def test_only_a_completed_ticket_is_delivered(status: str) -> None:
    with pytest.raises(BadRequest, match=f"SV-1 is {status}: only a completed ticket"):
        refuse_undeliverable("SV-1", status, None)


def test_a_ticket_is_delivered_once() -> None:
    refuse_undeliverable("SV-1", "completed", None)
    with pytest.raises(Conflict, match="SV-1 was already delivered on 2026-11-19"):
        refuse_undeliverable("SV-1", "completed", EARLIER)


def test_the_delivery_comment_carries_the_notes() -> None:
    assert delivery_text(None) == "Delivered to the customer, signature received"
    assert delivery_text("Box damaged") == (
        "Delivered to the customer, signature received. Notes: Box damaged"
    )
