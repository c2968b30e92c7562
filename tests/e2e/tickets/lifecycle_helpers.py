"""What the end-to-end tests of a ticket's life share: tickets, tasks and task types
written straight to the database (no procedure of these tests creates them), and what
a change left behind (comments, emails), read back from it."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlmodel import col, select

from db.tables.auth import UserRow
from db.tables.customers import CustomerRow
from db.tables.notifications import EmailNotificationRow
from db.tables.tickets import ServiceTicketRow, TicketCommentRow, TicketTaskRow
from db.tables.workflow import TaskTypeRow
from tests.e2e.conftest import LiveServer, unique_email
from tests.factories.tickets import OPENED_AT, make_customer, make_ticket

# Long enough for a test that reads "today" to finish on the same UTC day.
SAME_DAY_MARGIN = timedelta(minutes=2)


def utc_today_for_a_while() -> date:
    """Today's UTC date, once today has at least SAME_DAY_MARGIN left (else after
    waiting for midnight): what a test compares with the server's "today" stays true
    to its end. Not a timing assertion: it only keeps a test off the date line."""
    now = datetime.now(UTC)
    left = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC) - now
    if left < SAME_DAY_MARGIN:
        time.sleep(left.total_seconds() + 1)
    return datetime.now(UTC).date()


TICKET_KEYS = {
    "id",
    "ticket_number",
    "status",
    "priority_level",
    "warranty_type",
    "service_fee",
    "diagnosis_fee",
    "discount_amount",
    "parts_total",
    "total_cost",
    "issue_description",
    "notes",
    "customer_id",
    "product_id",
    "template_id",
    "assigned_to",
    "created_by",
    "started_at",
    "completed_at",
    "delivery_confirmed_at",
    "delivery_confirmed_by_id",
    "delivery_signature_url",
    "delivery_notes",
    "created_at",
    "updated_at",
    "customers",
    "products",
}


def new_ticket(
    server: LiveServer,
    *,
    status: str = "pending",
    with_email: bool = True,
    **fields: Any,
) -> ServiceTicketRow:
    """A committed ticket in ``status`` (fee 100.00), its customer with an email of its
    own unless ``with_email`` is False; ``fields`` set any other column."""
    with server.db() as session:
        customer = make_customer(session)
        if with_email:
            customer.email = unique_email("customer")
            session.add(customer)
            session.commit()
        ticket = make_ticket(session, customer_id=customer.id, status=status)
        for name, value in fields.items():
            setattr(ticket, name, value)
        session.add(ticket)
        session.commit()
        session.refresh(ticket)
        session.expunge(ticket)
        return ticket


def completed_ticket(
    server: LiveServer, completed_at: datetime, total: str = "100.00", **fields: Any
) -> ServiceTicketRow:
    return new_ticket(
        server,
        status="completed",
        started_at=OPENED_AT,
        completed_at=completed_at,
        total_cost=Decimal(total),
        service_fee=Decimal(total),
        **fields,
    )


def new_task(
    server: LiveServer,
    ticket_id: str,
    name: str,
    order: int,
    *,
    status: str = "pending",
    is_required: bool = True,
    assigned_to_id: str | None = None,
) -> str:
    """A task of the ticket (of a task type of its own); its id."""
    with server.db() as session:
        tag = uuid.uuid4().hex[:10]
        task_type = TaskTypeRow(
            name=f"{name} {tag}",
            name_key=f"{name} {tag}".casefold(),
            created_at=OPENED_AT,
            updated_at=OPENED_AT,
        )
        session.add(task_type)
        session.flush()
        task = TicketTaskRow(
            ticket_id=ticket_id,
            task_type_id=task_type.id,
            name=name,
            sequence_order=order,
            status=status,
            is_required=is_required,
            assigned_to_id=assigned_to_id,
            created_at=OPENED_AT,
            updated_at=OPENED_AT,
        )
        session.add(task)
        session.commit()
        return task.id


def task_assignees(server: LiveServer, ticket_id: str) -> dict[str, str | None]:
    with server.db() as session:
        tasks = session.exec(select(TicketTaskRow).where(TicketTaskRow.ticket_id == ticket_id))
        return {task.name: task.assigned_to_id for task in tasks}


def comments_of(server: LiveServer, ticket_id: str) -> list[tuple[str, str, str | None]]:
    """The ticket's comments as (type, text, author id), oldest first."""
    with server.db() as session:
        rows = session.exec(
            select(TicketCommentRow)
            .where(TicketCommentRow.ticket_id == ticket_id)
            .order_by(col(TicketCommentRow.created_at), col(TicketCommentRow.comment))
        )
        return [(row.comment_type, row.comment, row.created_by) for row in rows]


def emails_of(server: LiveServer, ticket_id: str) -> list[tuple[str, str]]:
    """The outbox's emails about the ticket, as (type, recipient)."""
    with server.db() as session:
        rows = session.exec(
            select(EmailNotificationRow).where(EmailNotificationRow.service_ticket_id == ticket_id)
        )
        return sorted((row.email_type, row.recipient_email) for row in rows)


def email_of_customer(server: LiveServer, ticket: ServiceTicketRow) -> str | None:
    with server.db() as session:
        customer = session.get(CustomerRow, ticket.customer_id)
        assert customer is not None
        return customer.email


def deactivate(server: LiveServer, user_id: str) -> None:
    with server.db() as session:
        user = session.get(UserRow, user_id)
        assert user is not None
        user.is_active = False
        user.updated_at = datetime.now(UTC)
        session.add(user)
        session.commit()
