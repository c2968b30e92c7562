"""What the end-to-end tests of a ticket's parts and comments share: tickets and parts
to use, and the rows the calls leave behind (read straight from the database)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx
from sqlmodel import col, select

from db.tables.catalog import PartRow, PartStockEntryRow
from db.tables.tickets import ServiceTicketRow, TicketCommentRow, TicketPartRow
from tests.e2e.catalog.parts import (
    create_part,
)
from tests.e2e.conftest import Account, LiveServer
from tests.factories.tickets import make_ticket


@dataclass(frozen=True)
class TicketRef:
    id: str
    number: str


def new_ticket(server: LiveServer, **fields: Any) -> TicketRef:
    """A ticket (service fee 100.00, nothing else) written straight to the database:
    createTicket is not what these tests are about. ``fields`` are set on it."""
    with server.db() as session:
        ticket = make_ticket(session)
        for name, value in fields.items():
            setattr(ticket, name, value)
        session.add(ticket)
        session.commit()
        return TicketRef(ticket.id, ticket.ticket_number)


def set_ticket(server: LiveServer, ticket_id: str, **fields: Any) -> None:
    with server.db() as session:
        ticket = session.get(ServiceTicketRow, ticket_id)
        assert ticket is not None
        for name, value in fields.items():
            setattr(ticket, name, value)
        session.add(ticket)
        session.commit()


def new_part(
    client: httpx.Client, admin: Account, stock: int, name: str = "Screen"
) -> dict[str, Any]:
    """A part in the catalog, made over the wire, with ``stock`` on the shelf."""
    return create_part(client, admin, name, stock_quantity=stock)


def ticket_of(server: LiveServer, ticket_id: str) -> ServiceTicketRow:
    with server.db() as session:
        ticket = session.get(ServiceTicketRow, ticket_id)
        assert ticket is not None
        session.expunge(ticket)
        return ticket


def money_of(server: LiveServer, ticket_id: str) -> tuple[Decimal, Decimal]:
    """The ticket's (parts_total, total_cost) as stored."""
    ticket = ticket_of(server, ticket_id)
    return ticket.parts_total, ticket.total_cost


def stock_of(server: LiveServer, part_id: str) -> int:
    with server.db() as session:
        part = session.get(PartRow, part_id)
        assert part is not None
        return part.stock_quantity


def lines_of(server: LiveServer, ticket_id: str) -> list[TicketPartRow]:
    with server.db() as session:
        statement = select(TicketPartRow).where(col(TicketPartRow.ticket_id) == ticket_id)
        return list(session.exec(statement))


def comments_of(server: LiveServer, ticket_id: str) -> list[TicketCommentRow]:
    """The ticket's comments, oldest first."""
    with server.db() as session:
        statement = select(TicketCommentRow).where(col(TicketCommentRow.ticket_id) == ticket_id)
        rows = session.exec(statement.order_by(col(TicketCommentRow.created_at)))
        return list(rows)


def ledger_of(server: LiveServer, part_id: str) -> list[PartStockEntryRow]:
    with server.db() as session:
        statement = select(PartStockEntryRow).where(col(PartStockEntryRow.part_id) == part_id)
        return list(session.exec(statement.order_by(col(PartStockEntryRow.created_at))))
