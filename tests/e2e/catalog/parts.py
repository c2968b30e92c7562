"""What the end-to-end tests of ``catalog.part.*`` share: models to fit, parts, the ledger."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlmodel import col, select

from db.tables.catalog import BrandRow, PartStockEntryRow, ProductModelRow
from tests.e2e.browser import call
from tests.e2e.conftest import Account, LiveServer, result_of
from tests.factories.tickets import make_ticket

NOW = datetime(2026, 11, 2, 9, 15, tzinfo=UTC)


def unique_sku(prefix: str = "SKU") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def make_product(server: LiveServer, name: str = "iPhone 15") -> dict[str, str]:
    """A product model straight in the database (catalog.product.* makes them too)."""
    suffix = uuid.uuid4().hex[:10]
    brand = BrandRow(
        name=f"Brand {suffix}", name_key=f"brand {suffix}", created_at=NOW, updated_at=NOW
    )
    model = ProductModelRow(
        name=name,
        sku=unique_sku("MDL"),
        type="phone",
        brand_id=brand.id,
        created_at=NOW,
        updated_at=NOW,
    )
    with server.db() as session:
        session.add(brand)
        session.commit()
        session.add(model)
        session.commit()
        return {"id": model.id, "name": model.name, "sku": model.sku}


def create_part(
    client: httpx.Client, user: Account, name: str = "Screen", **fields: Any
) -> dict[str, Any]:
    params = {"name": name, "sku": unique_sku(), "unit_price": 19.99, **fields}
    created: dict[str, Any] = result_of(call(client, user, "catalog.part.create", params))
    return created


def ledger(server: LiveServer, part_id: str) -> list[PartStockEntryRow]:
    with server.db() as session:
        statement = select(PartStockEntryRow).where(col(PartStockEntryRow.part_id) == part_id)
        return list(session.exec(statement.order_by(col(PartStockEntryRow.stock_after))))


def ledger_sum(server: LiveServer, part_id: str) -> int:
    return sum(entry.delta for entry in ledger(server, part_id))


def add_ticket_entries(server: LiveServer, part_id: str, stock: int) -> None:
    """One part taken out for a new ticket and given back, as tickets will write it
    (the stock ends where it was, at ``stock``)."""
    with server.db() as session:
        ticket_id = make_ticket(session).id
        for delta, after in ((-1, stock - 1), (1, stock)):
            session.add(
                PartStockEntryRow(
                    part_id=part_id,
                    delta=delta,
                    stock_after=after,
                    reason="Ticket",
                    ticket_id=ticket_id,
                    created_at=NOW,
                )
            )
        session.commit()
