"""What the end-to-end tests of a unit's movements share: where a unit is, its history,
tickets to assign it to, RMA batches holding it, and the ticket comments left behind
(read straight from the database where no procedure of these tests shows them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from sqlmodel import col, select

from db.tables.inventory import RmaBatchItemRow, RmaBatchRow
from db.tables.tickets import TicketCommentRow
from tests.e2e.browser import call
from tests.e2e.conftest import Account, LiveServer, result_of
from tests.factories.inventory import RECEIVED_AT


@dataclass(frozen=True)
class Place:
    virtual: str
    physical: str | None
    ticket: str | None = None


def place(client: httpx.Client, user: Account, unit_id: str) -> Place:
    """Where the unit is, as inventory.getProduct says."""
    unit = result_of(call(client, user, "inventory.getProduct", {"id": unit_id}))
    return Place(
        unit["virtual_warehouse_type"], unit["physical_warehouse_id"], unit["current_ticket_id"]
    )


def history(client: httpx.Client, user: Account, unit_id: str, **paging: int) -> dict[str, Any]:
    answer = call(client, user, "inventory.getMovementHistory", {"product_id": unit_id, **paging})
    found: dict[str, Any] = result_of(answer)
    return found


def move(client: httpx.Client, user: Account, unit_id: str, **fields: Any) -> dict[str, Any]:
    """inventory.recordMovement's whole answer (a result or an error)."""
    answer: dict[str, Any] = call(
        client, user, "inventory.recordMovement", {"product_id": unit_id, **fields}
    )
    return answer


def hold_in_rma(server: LiveServer, unit_id: str, status: str = "draft") -> str:
    """A batch in ``status`` holding the unit, written straight to the database (the
    RMA procedures are not what these tests are about)."""
    with server.db() as session:
        batch = RmaBatchRow(
            supplier_name="Ingram Micro",
            status=status,
            created_at=RECEIVED_AT,
            updated_at=RECEIVED_AT,
        )
        session.add(batch)
        session.flush()
        session.add(RmaBatchItemRow(batch_id=batch.id, product_id=unit_id, added_at=RECEIVED_AT))
        session.commit()
        return batch.id


def comments_on(server: LiveServer, ticket_id: str) -> list[str]:
    with server.db() as session:
        statement = select(TicketCommentRow.comment).where(
            col(TicketCommentRow.ticket_id) == ticket_id
        )
        return list(session.exec(statement).all())
