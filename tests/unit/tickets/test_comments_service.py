"""People's comments on tickets, on the in-memory fakes."""

from __future__ import annotations

import pytest

from db.tables.auth import UserRow
from db.tables.tickets import ServiceTicketRow
from services.errors import NotFound
from services.tickets import comments as comments_service
from tests.factories.auth import caller
from tests.factories.tickets import ticket_row
from tests.fakes import FakeClock, FakeUnitOfWork


@pytest.fixture
def ticket(uow: FakeUnitOfWork) -> ServiceTicketRow:
    row = ticket_row("SV-2026-011", customer_id="c", product_id="p")
    uow.tickets.add(row)
    return row


def test_a_comment_is_answered_with_its_author(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow
) -> None:
    updated_at = ticket.updated_at

    comment = comments_service.add_comment(
        uow,
        caller(owner),
        ticket_id=ticket.id,
        text="Called the customer\nwaiting for approval",
        is_internal=True,
        comment_type="assignment",
        clock=clock,
    )

    assert (comment.ticket_id, comment.comment) == (
        ticket.id,
        "Called the customer\nwaiting for approval",
    )
    assert (comment.is_internal, comment.comment_type, comment.created_at) == (
        True,
        "assignment",
        clock(),
    )
    assert (comment.created_by, comment.author_full_name, comment.author_role) == (
        owner.id,
        owner.full_name,
        owner.role,
    )
    assert uow.tickets.locked == [ticket.id]
    # A comment records what was said; the ticket itself did not change.
    assert ticket.updated_at == updated_at
    assert uow.commits == 1


def test_the_defaults_are_a_public_note(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow
) -> None:
    comment = comments_service.add_comment(
        uow, caller(owner), ticket_id=ticket.id, text="Looks fine", clock=clock
    )

    assert (comment.is_internal, comment.comment_type) == (False, "note")


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_terminal_tickets_take_comments_too(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, status: str
) -> None:
    ticket.status = status

    comments_service.add_comment(
        uow, caller(owner), ticket_id=ticket.id, text="Customer collected it", clock=clock
    )

    assert len(uow.ticket_comments.of_ticket(ticket.id)) == 1


def test_an_unknown_ticket_is_not_found(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    with pytest.raises(NotFound, match="Ticket not found"):
        comments_service.add_comment(
            uow, caller(owner), ticket_id="nope", text="Hello", clock=clock
        )
    assert (uow.ticket_comments.rows, uow.commits) == ({}, 0)
