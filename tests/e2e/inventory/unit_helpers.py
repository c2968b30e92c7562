"""What the e2e tests of inventory's units share: a model and a warehouse to register
units against, and the rows a unit's registration wrote."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from db.tables.inventory import PhysicalProductRow, StockMovementRow
from tests.e2e.conftest import LiveServer
from tests.factories.inventory import make_warehouse, new_serial
from tests.factories.workflow import make_product_model


def new_unit_params(server: LiveServer, **fields: Any) -> dict[str, Any]:
    """A valid createProduct input, of a new model in a new warehouse."""
    with server.db() as session:
        model = make_product_model(session)
        warehouse = make_warehouse(session)
        params: dict[str, Any] = {
            "serial_number": new_serial(),
            "product_id": model.id,
            "physical_warehouse_id": warehouse.id,
            "virtual_warehouse_type": "warranty_stock",
            "condition": "new",
        }
    return {**params, **fields}


def receipts_of(server: LiveServer, unit_id: str) -> list[StockMovementRow]:
    with server.db() as session:
        statement = select(StockMovementRow).where(col(StockMovementRow.product_id) == unit_id)
        return list(session.exec(statement))


def units_with_serials(server: LiveServer, serials: list[str]) -> list[PhysicalProductRow]:
    with server.db() as session:
        statement = select(PhysicalProductRow).where(
            col(PhysicalProductRow.serial_number).in_(serials)
        )
        return list(session.exec(statement))
