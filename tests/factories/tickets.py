"""Test data for service tickets, written straight to the database: the customer and
product model a ticket needs, and tickets themselves (no procedure creates them yet)."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from db.tables.customers import CustomerRow
from db.tables.tickets import ServiceTicketRow, TicketPartRow
from tests.factories.workflow import make_product_model

OPENED_AT = datetime(2026, 2, 3, 10, tzinfo=UTC)


def make_customer(session: Session, name: str = "Casey Customer") -> CustomerRow:
    """A new customer with a phone of its own, committed."""
    digits = f"09{uuid.uuid4().int % 10**8:08d}"
    customer = CustomerRow(
        name=name, phone=digits, phone_key=digits, created_at=OPENED_AT, updated_at=OPENED_AT
    )
    session.add(customer)
    session.commit()
    return customer


def ticket_row(
    number: str,
    *,
    customer_id: str,
    product_id: str,
    template_id: str | None = None,
    status: str = "pending",
) -> ServiceTicketRow:
    """An unsaved ticket: a service fee of 100.00 and nothing else to pay."""
    return ServiceTicketRow(
        ticket_number=number,
        status=status,
        service_fee=Decimal("100.00"),
        total_cost=Decimal("100.00"),
        issue_description="Does not turn on",
        customer_id=customer_id,
        product_id=product_id,
        template_id=template_id,
        created_at=OPENED_AT,
        updated_at=OPENED_AT,
    )


def make_ticket(
    session: Session,
    *,
    customer_id: str | None = None,
    product_id: str | None = None,
    template_id: str | None = None,
    status: str = "pending",
) -> ServiceTicketRow:
    """A committed ticket with a made-up unique number; a new customer and product
    model of its own unless given."""
    ticket = ticket_row(
        f"SV-TEST-{uuid.uuid4().hex[:12]}",
        customer_id=customer_id or make_customer(session).id,
        product_id=product_id or make_product_model(session).id,
        template_id=template_id,
        status=status,
    )
    session.add(ticket)
    session.commit()
    return ticket


def ticket_part(ticket_id: str, part_id: str, quantity: int = 1) -> TicketPartRow:
    """An unsaved part used on a ticket, at 10.00 each."""
    price = Decimal("10.00")
    return TicketPartRow(
        ticket_id=ticket_id,
        part_id=part_id,
        quantity=quantity,
        unit_price=price,
        total=price * quantity,
        created_at=OPENED_AT,
        updated_at=OPENED_AT,
    )
