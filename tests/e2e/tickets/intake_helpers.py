"""What the end-to-end tests of ``tickets.createTicket`` and the ticket reads share:
product models, parts, templates written straight to the database, a ticket's params,
and counts of what a creation writes."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import func
from sqlmodel import col, select

from db.tables.catalog import PartRow, PartStockEntryRow
from db.tables.customers import CustomerRow
from db.tables.notifications import EmailNotificationRow
from db.tables.tickets import ServiceTicketRow, TicketCommentRow, TicketPartRow, TicketTaskRow
from db.tables.workflow import TaskTemplateRow, TaskTypeRow, TemplateTaskRow
from tests.e2e.browser import call
from tests.e2e.catalog.parts import (
    create_part,
)
from tests.e2e.conftest import Account, LiveServer, result_of
from tests.factories.workflow import make_product_model

MADE_AT = datetime(2026, 1, 5, 9, tzinfo=UTC)


def unique_digits() -> str:
    """Ten digits no other test's customer has."""
    return "6" + f"{secrets.randbelow(10**9):09d}"


def spelled(digits: str) -> str:
    """Ten digits as a person might type them: "(666) 123-4567"."""
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


def make_product(server: LiveServer) -> str:
    with server.db() as session:
        return make_product_model(session).id


def make_stocked_part(
    client: httpx.Client, user: Account, stock: int, name: str = "Screen"
) -> dict[str, Any]:
    return create_part(client, user, name, stock_quantity=stock)


def make_template(
    server: LiveServer,
    *,
    product_type: str | None,
    service_type: str = "paid",
    steps: int = 2,
    created_at: datetime = MADE_AT,
    is_active: bool = True,
) -> str:
    """An active template version with ``steps`` task types of its own (the second one
    not required, with instructions), written straight to the database."""
    tag = uuid.uuid4().hex[:10]
    template = TaskTemplateRow(
        name=f"Template {tag}",
        name_key=f"template {tag}",
        product_type=product_type,
        service_type=service_type,
        is_active=is_active,
        created_at=created_at,
        updated_at=created_at,
    )
    with server.db() as session:
        session.add(template)
        session.flush()
        for order in range(1, steps + 1):
            task_type = TaskTypeRow(
                name=f"Step {order} {tag}",
                name_key=f"step {order} {tag}",
                description=f"What step {order} does",
                created_at=MADE_AT,
                updated_at=MADE_AT,
            )
            session.add(task_type)
            session.flush()
            session.add(
                TemplateTaskRow(
                    template_id=template.id,
                    task_type_id=task_type.id,
                    sequence_order=order,
                    is_required=order == 1,
                    custom_instructions="Mind the cable" if order == 2 else None,
                )
            )
        session.commit()
        return template.id


def deactivate(server: LiveServer, *template_ids: str) -> None:
    """Templates out of the way of later tests of the same server."""
    with server.db() as session:
        for template_id in template_ids:
            template = session.get(TaskTemplateRow, template_id)
            assert template is not None
            template.is_active = False
        session.commit()


def ticket_params(product_id: str, **fields: Any) -> dict[str, Any]:
    """createTicket's params for a new customer with a phone of its own."""
    params: dict[str, Any] = {
        "customer_data": {"name": "Casey Customer", "phone": spelled(unique_digits())},
        "product_id": product_id,
        "description": "Screen cracked after a drop",
        "service_fee": 50,
    }
    params.update(fields)
    return params


def create_ticket(client: httpx.Client, user: Account, params: dict[str, Any]) -> dict[str, Any]:
    created: dict[str, Any] = result_of(call(client, user, "tickets.createTicket", params))
    assert created["success"] is True
    return created


@dataclass(frozen=True)
class Written:
    """How many rows of each kind a creation writes (compared before and after)."""

    tickets: int
    ticket_parts: int
    tasks: int
    comments: int
    emails: int
    customers: int
    ledger: int
    stock: int


def written(server: LiveServer, part_ids: Sequence[str] = ()) -> Written:
    with server.db() as session:

        def count(row_type: Any) -> int:
            return int(session.exec(select(func.count()).select_from(row_type)).one())

        stock = session.exec(
            select(func.coalesce(func.sum(PartRow.stock_quantity), 0)).where(
                col(PartRow.id).in_(list(part_ids))
            )
        ).one()
        return Written(
            tickets=count(ServiceTicketRow),
            ticket_parts=count(TicketPartRow),
            tasks=count(TicketTaskRow),
            comments=count(TicketCommentRow),
            emails=count(EmailNotificationRow),
            customers=count(CustomerRow),
            ledger=count(PartStockEntryRow),
            stock=int(stock),
        )


def customers_with_phone_key(server: LiveServer, digits: str) -> list[CustomerRow]:
    with server.db() as session:
        statement = select(CustomerRow).where(col(CustomerRow.phone_key) == digits)
        return list(session.exec(statement))


def ledger_of_ticket(server: LiveServer, ticket_id: str) -> list[PartStockEntryRow]:
    with server.db() as session:
        statement = select(PartStockEntryRow).where(col(PartStockEntryRow.ticket_id) == ticket_id)
        return list(session.exec(statement))


def emails_of_ticket(server: LiveServer, ticket_id: str) -> list[EmailNotificationRow]:
    with server.db() as session:
        statement = select(EmailNotificationRow).where(
            col(EmailNotificationRow.service_ticket_id) == ticket_id
        )
        return list(session.exec(statement))
