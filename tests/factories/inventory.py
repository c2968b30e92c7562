"""Test data for inventory: warehouses and serial-numbered units, written straight to
the database, each unit with the receipt movement every unit's history starts with (so
the tests' data keeps the rule that a unit's history replays to where it is)."""

import uuid
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from db.tables.catalog import WarehouseRow
from db.tables.inventory import PhysicalProductRow, StockMovementRow
from tests.factories.workflow import make_product_model

RECEIVED_AT = datetime(2026, 3, 4, 11, tzinfo=UTC)


def make_warehouse(session: Session, name: str = "Main store") -> WarehouseRow:
    """A committed warehouse with a unique code."""
    warehouse = WarehouseRow(
        name=name,
        code=f"WH-{uuid.uuid4().hex[:8].upper()}",
        location="Back room",
        created_at=RECEIVED_AT,
        updated_at=RECEIVED_AT,
    )
    session.add(warehouse)
    session.commit()
    _keep_readable(session, warehouse)
    return warehouse


def new_serial() -> str:
    return f"SN-{uuid.uuid4().hex[:12].upper()}"


def make_unit(
    session: Session,
    *,
    product_id: str | None = None,
    physical_warehouse_id: str | None = None,
    virtual_warehouse_type: str = "warranty_stock",
    serial_number: str | None = None,
    warranty_end_date: date | None = None,
) -> PhysicalProductRow:
    """A committed unit (of a new product model unless given), new and in
    ``virtual_warehouse_type``, with its receipt movement."""
    unit = PhysicalProductRow(
        serial_number=serial_number or new_serial(),
        product_id=product_id or make_product_model(session).id,
        physical_warehouse_id=physical_warehouse_id,
        virtual_warehouse_type=virtual_warehouse_type,
        condition="new",
        warranty_end_date=warranty_end_date,
        created_at=RECEIVED_AT,
        updated_at=RECEIVED_AT,
    )
    session.add(unit)
    session.flush()  # before the movement that refers to it
    session.add(
        StockMovementRow(
            product_id=unit.id,
            movement_type="receipt",
            to_physical_warehouse_id=physical_warehouse_id,
            to_virtual_warehouse_type=virtual_warehouse_type,
            created_at=RECEIVED_AT,
        )
    )
    session.commit()
    _keep_readable(session, unit)
    return unit


def _keep_readable(session: Session, row: object) -> None:
    # Loaded, then out of the session: later commits there (the next row a test makes)
    # and its closing leave the row's values readable.
    session.refresh(row)
    session.expunge(row)
