"""The joined reads tickets' answers are made of, on the test's database: a ticket with
its customer, product model and brand; its part lines with their parts; its comments
with their authors, also once an author is gone. And a writing unit of work's reads see
its own changes not yet committed (the totals are computed from them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import delete
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.tables.auth import UserRow
from db.tables.catalog import PartRow
from db.tables.tickets import TicketCommentRow
from services.tickets import editing
from tests.factories.tickets import make_ticket, ticket_part
from tests.integration.conftest import UowFactory
from tests.integration.rows import save

NOW = datetime(2026, 2, 3, 11, tzinfo=UTC)


def a_part(sku: str) -> PartRow:
    return PartRow(
        name=f"Part {sku}", sku=sku, unit_price=Decimal("9.99"), created_at=NOW, updated_at=NOW
    )


def a_user(name: str) -> UserRow:
    return UserRow(
        email=f"{name.lower()}@example.com",
        password_hash="x" * 60,
        full_name=name,
        role="technician",
        created_at=NOW,
        updated_at=NOW,
    )


def test_a_ticket_is_read_with_its_customer_and_product(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    with sessions() as session:
        ticket = make_ticket(session)

    with make_uow(read_only=True) as uow:
        view = uow.tickets.view(ticket.id)
        assert uow.tickets.view("missing") is None
        assert uow.tickets.view("nul\x00") is None

    assert view is not None
    assert (view.id, view.ticket_number, view.total_cost) == (
        ticket.id,
        ticket.ticket_number,
        Decimal("100.00"),
    )
    assert (view.customer_name, view.product_name, view.product_type) == (
        "Casey Customer",
        "iPhone 15",
        "phone",
    )
    assert view.brand_name.startswith("Brand ")
    assert view.created_at.tzinfo is not None


def test_part_lines_come_with_their_part_oldest_first(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    with sessions() as session:
        ticket = make_ticket(session)
    first, second = a_part("A-1"), a_part("B-2")
    older = ticket_part(ticket.id, second.id, quantity=2)
    newer = ticket_part(ticket.id, first.id)
    newer.created_at = older.created_at + timedelta(minutes=1)
    save(sessions, first, second, newer, older)

    with make_uow(read_only=True) as uow:
        lines = uow.ticket_parts.of_ticket(ticket.id)
        one = uow.ticket_parts.view(newer.id)

    assert [(line.part_sku, line.quantity, line.total) for line in lines] == [
        ("B-2", 2, Decimal("20.00")),
        ("A-1", 1, Decimal("10.00")),
    ]
    assert one is not None
    assert one.part_name == "Part A-1"


def test_comments_come_with_their_author_even_once_gone(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    with sessions() as session:
        ticket = make_ticket(session)
    author = a_user("Tara")
    comment = TicketCommentRow(
        ticket_id=ticket.id, comment="Screen ordered", created_by=author.id, created_at=NOW
    )
    save(sessions, author, comment)

    with make_uow(read_only=True) as uow:
        (with_author,) = uow.ticket_comments.of_ticket(ticket.id)
    with sessions() as session:
        session.execute(delete(UserRow).where(UserRow.id == author.id))  # type: ignore[arg-type]
        session.commit()
    with make_uow(read_only=True) as uow:
        without = uow.ticket_comments.view(comment.id)

    assert (with_author.author_full_name, with_author.author_role) == ("Tara", "technician")
    assert without is not None
    assert (without.created_by, without.author_full_name, without.author_role) == (None, None, None)


def test_a_change_s_totals_count_its_own_uncommitted_lines(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    with sessions() as session:
        ticket = make_ticket(session)
    part = a_part("C-3")
    save(sessions, part)

    with make_uow() as uow:
        locked = editing.lock_ticket(uow, ticket.id)
        uow.ticket_parts.add(ticket_part(ticket.id, part.id, quantity=3))
        editing.recompute_money(uow, locked)
        uow.commit()

    with make_uow(read_only=True) as uow:
        view = editing.view_of(uow, ticket.id)
    assert (view.parts_total, view.total_cost) == (Decimal("30.00"), Decimal("130.00"))
