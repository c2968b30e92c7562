"""Confirming delivery, and the completed tickets waiting for it, on the fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.tables.auth import UserRow
from services.errors import BadRequest, Conflict, NotFound
from services.tickets import delivery as delivery_service
from tests.factories.auth import caller
from tests.fakes import FakeClock, FakeUnitOfWork
from tests.unit.tickets.test_lifecycle_service import (
    SETUP,
    T0,
    actor,
    clock,
    comments,
    emails,
    ticket,
    uow,
)

__all__ = ["actor", "clock", "uow"]  # the fixtures, shared with the lifecycle's tests
SIGNATURE = "https://files.example/signatures/1.png"


def confirm(
    uow: FakeUnitOfWork, actor: UserRow, ticket_id: str, clock: FakeClock, notes: str | None = None
) -> None:
    delivery_service.confirm_delivery(
        uow,
        caller(actor),
        ticket_id,
        signature_url=SIGNATURE,
        notes=notes,
        setup=SETUP,
        clock=clock,
    )


def test_confirming_sets_the_four_fields_comments_and_emails(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow, status="completed")

    confirm(uow, actor, row.id, clock, notes="Partner collected")

    assert (
        row.delivery_confirmed_at,
        row.delivery_confirmed_by_id,
        row.delivery_signature_url,
        row.delivery_notes,
    ) == (clock.now, actor.id, SIGNATURE, "Partner collected")
    assert comments(uow) == [
        ("system", "Delivered to the customer, signature received. Notes: Partner collected")
    ]
    assert emails(uow) == [("delivery_confirmed", row.id)]
    assert uow.commits == 1


def test_no_email_for_a_customer_without_one(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow, status="completed", email=None)

    confirm(uow, actor, row.id, clock)

    assert row.delivery_confirmed_at == clock.now
    assert emails(uow) == []


@pytest.mark.parametrize("status", ["pending", "in_progress", "cancelled"])
def test_a_ticket_not_completed_is_bad_request(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock, status: str
) -> None:
    row = ticket(uow, status=status)

    with pytest.raises(BadRequest, match=f"is {status}"):
        confirm(uow, actor, row.id, clock)

    assert row.delivery_confirmed_at is None
    assert comments(uow) == []


def test_a_second_confirmation_is_a_conflict(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow, status="completed")
    confirm(uow, actor, row.id, clock)
    first = row.delivery_confirmed_at

    clock.advance(timedelta(hours=1))
    with pytest.raises(Conflict, match="already delivered"):
        confirm(uow, actor, row.id, clock)

    assert row.delivery_confirmed_at == first


def test_a_missing_ticket_is_not_found(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    with pytest.raises(NotFound):
        confirm(uow, actor, "missing", clock)


def test_pending_deliveries_are_the_completed_undelivered_oldest_first(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    late, early, delivered = (ticket(uow, status="completed") for _ in range(3))
    ticket(uow, status="in_progress")
    late.completed_at = T0 + timedelta(days=2)
    early.completed_at = T0 + timedelta(days=1)
    delivered.completed_at = T0
    confirm(uow, actor, delivered.id, clock)

    page = delivery_service.pending_deliveries(uow, limit=50, offset=0)
    second = delivery_service.pending_deliveries(uow, limit=1, offset=1)

    assert [view.id for view in page.tickets] == [early.id, late.id]
    assert page.total == 2
    assert [view.id for view in second.tickets] == [late.id]
    assert delivery_service.count_pending_deliveries(uow) == 2
