"""What the RMA tests share: batches made through the API, units put in service or in a
batch of a given status straight in the database, and a unit's movements as stored."""

from __future__ import annotations

from typing import Any

import httpx
from sqlmodel import col, select

from db.tables.inventory import PhysicalProductRow, RmaBatchRow, StockMovementRow
from tests.e2e.browser import call
from tests.e2e.conftest import Account, LiveServer, result_of
from tests.factories.tickets import make_ticket


def create_batch(client: httpx.Client, user: Account, **fields: Any) -> dict[str, Any]:
    params = {"supplier_name": "Ingram Micro", **fields}
    batch: dict[str, Any] = result_of(call(client, user, "inventory.createRMABatch", params))
    return batch


def add_units(client: httpx.Client, user: Account, batch_id: str, *unit_ids: str) -> dict[str, Any]:
    params = {"batch_id": batch_id, "product_ids": list(unit_ids)}
    added: dict[str, Any] = result_of(call(client, user, "inventory.addProductsToRMA", params))
    return added


def set_status(server: LiveServer, batch_id: str, status: str) -> None:
    """The batch moves on past the procedures here (shipped, completed)."""
    with server.db() as session:
        batch = session.get(RmaBatchRow, batch_id)
        assert batch is not None
        batch.status = status
        session.commit()


def put_in_service(server: LiveServer, unit_id: str) -> None:
    with server.db() as session:
        ticket_id = make_ticket(session).id
        unit = session.get(PhysicalProductRow, unit_id)
        assert unit is not None
        unit.virtual_warehouse_type = "in_service"
        unit.current_ticket_id = ticket_id
        session.commit()


def unit_row(server: LiveServer, unit_id: str) -> PhysicalProductRow:
    with server.db() as session:
        unit = session.get(PhysicalProductRow, unit_id)
        assert unit is not None
        session.expunge(unit)
        return unit


def movements(server: LiveServer, unit_id: str) -> list[StockMovementRow]:
    """The unit's movements, oldest first."""
    with server.db() as session:
        statement = (
            select(StockMovementRow)
            .where(col(StockMovementRow.product_id) == unit_id)
            .order_by(col(StockMovementRow.created_at))
        )
        rows = list(session.exec(statement))
        session.expunge_all()
        return rows
