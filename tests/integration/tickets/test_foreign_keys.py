"""What a ticket's foreign keys do on the test's database: what belongs to a ticket goes
with it, an email about it stays without it, the stock ledger keeps it, and what it
refers to stays while it does."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import delete
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, func, select

from db.errors import MissingRow, StillReferenced
from db.failures import database_failure
from db.tables.catalog import PartRow, PartStockEntryRow
from db.tables.notifications import EmailNotificationRow
from db.tables.tickets import (
    ServiceTicketRow,
    TicketAttachmentRow,
    TicketCommentRow,
    TicketPartRow,
    TicketTaskRow,
)
from db.tables.workflow import TaskTypeRow
from tests.factories.tickets import OPENED_AT, make_ticket, ticket_part
from tests.integration.rows import save

NOW = datetime(2026, 2, 3, 11, tzinfo=UTC)


@pytest.fixture
def ticket(sessions: sessionmaker[Session]) -> ServiceTicketRow:
    with sessions() as session:
        return make_ticket(session)


def a_part() -> PartRow:
    return PartRow(
        name="Screen", sku="SCR-1", unit_price=Decimal("10.00"), created_at=NOW, updated_at=NOW
    )


def email_about(ticket_id: str) -> EmailNotificationRow:
    return EmailNotificationRow(
        email_type="ticket_created",
        recipient_email="an@example.com",
        recipient_name="An",
        service_ticket_id=ticket_id,
        subject="Opened",
        text_body="text",
        html_body="<p>html</p>",
        status="pending",
        next_attempt_at=NOW,
        created_at=NOW,
        updated_at=NOW,
    )


def delete_ticket(sessions: sessionmaker[Session], ticket_id: str) -> None:
    with sessions() as session:
        session.execute(delete(ServiceTicketRow).where(col(ServiceTicketRow.id) == ticket_id))
        session.commit()


def count(sessions: sessionmaker[Session], row_type: type, ticket_id: str) -> int:
    with sessions() as session:
        statement = select(func.count()).select_from(row_type)
        return session.exec(statement.where(col(row_type.ticket_id) == ticket_id)).one()


def test_what_belongs_to_a_ticket_goes_with_it(
    sessions: sessionmaker[Session], ticket: ServiceTicketRow
) -> None:
    part = a_part()
    kind = TaskTypeRow(name="Diagnosis", name_key="diagnosis", created_at=NOW, updated_at=NOW)
    owned = [
        ticket_part(ticket.id, part.id),
        TicketCommentRow(ticket_id=ticket.id, comment="Opened", created_at=OPENED_AT),
        TicketAttachmentRow(
            ticket_id=ticket.id,
            file_name="front.jpg",
            file_path=f"tickets/{ticket.id}/front.jpg",
            file_size=1024,
            file_type="image/jpeg",
            created_at=OPENED_AT,
        ),
        TicketTaskRow(
            ticket_id=ticket.id,
            task_type_id=kind.id,
            name="Diagnosis",
            sequence_order=1,
            created_at=OPENED_AT,
            updated_at=OPENED_AT,
        ),
    ]
    save(sessions, part, kind, *owned)

    delete_ticket(sessions, ticket.id)

    kinds = (TicketPartRow, TicketCommentRow, TicketAttachmentRow, TicketTaskRow)
    assert [count(sessions, kind, ticket.id) for kind in kinds] == [0, 0, 0, 0]


def test_an_email_about_a_ticket_outlives_it(
    sessions: sessionmaker[Session], ticket: ServiceTicketRow
) -> None:
    email = email_about(ticket.id)
    save(sessions, email)

    delete_ticket(sessions, ticket.id)

    with sessions() as session:
        kept = session.get(EmailNotificationRow, email.id)
        assert kept is not None
        assert kept.service_ticket_id is None


def test_the_stock_ledger_keeps_its_tickets(
    sessions: sessionmaker[Session], ticket: ServiceTicketRow
) -> None:
    part = a_part()
    entry = PartStockEntryRow(
        part_id=part.id,
        delta=-1,
        stock_after=0,
        reason="Fitted",
        ticket_id=ticket.id,
        created_at=NOW,
    )
    save(sessions, part, entry)

    with pytest.raises(DBAPIError) as raised:
        delete_ticket(sessions, ticket.id)

    assert type(database_failure(raised.value)) is StillReferenced


@pytest.mark.parametrize("row", ["email", "ledger entry"])
def test_a_ticket_that_does_not_exist_is_refused(sessions: sessionmaker[Session], row: str) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    part = a_part()
    save(sessions, part)
    refers = (
        email_about(missing)
        if row == "email"
        else PartStockEntryRow(
            part_id=part.id,
            delta=1,
            stock_after=1,
            reason="Return",
            ticket_id=missing,
            created_at=NOW,
        )
    )

    with pytest.raises(DBAPIError) as raised:
        save(sessions, refers)

    assert type(database_failure(raised.value)) is MissingRow


def test_a_tickets_task_orders_are_unique(
    sessions: sessionmaker[Session], ticket: ServiceTicketRow
) -> None:
    kind = TaskTypeRow(name="Repair", name_key="repair", created_at=NOW, updated_at=NOW)
    save(sessions, kind)

    def task(order: int) -> TicketTaskRow:
        return TicketTaskRow(
            ticket_id=ticket.id,
            task_type_id=kind.id,
            name="Repair",
            sequence_order=order,
            created_at=NOW,
            updated_at=NOW,
        )

    save(sessions, task(1), task(2))
    with pytest.raises(DBAPIError):
        save(sessions, task(2))
