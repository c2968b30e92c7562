"""Physical warehouses: where serial-numbered units stand. A code is unique; the schema
stores it upper case, so codes differing only in case are the same code."""

from dataclasses import dataclass

# Re-exported: what listing answers with, for the router to map.
from db.repositories.catalog.warehouse import WarehouseRecord as WarehouseRecord
from db.tables.catalog import WarehouseRow
from db.unit_of_work import UnitOfWork
from services.catalog.listing import Page, PageRequest
from services.catalog.usage_rules import refuse_while_used
from services.changes import UNCHANGED, Changes, Unchanged, apply_changes
from services.clock import Clock, utc_now
from services.errors import Conflict, NotFound

WAREHOUSE_NOT_FOUND = "Warehouse not found"
CODE_TAKEN = "A warehouse with this code already exists"


@dataclass(frozen=True)
class NewWarehouse:
    name: str
    code: str
    location: str | None = None


@dataclass(frozen=True)
class WarehouseChanges(Changes[WarehouseRow]):
    """catalog.warehouse.update: location None clears it."""

    name: str | Unchanged = UNCHANGED
    code: str | Unchanged = UNCHANGED
    location: str | Unchanged | None = UNCHANGED


def list_warehouses(uow: UnitOfWork, request: PageRequest) -> Page[WarehouseRecord]:
    with uow:
        rows = uow.warehouses.list_page(
            search=request.search, offset=request.offset, limit=request.limit
        )
        return Page(rows=rows, total=uow.warehouses.count(search=request.search))


def create_warehouse(uow: UnitOfWork, new: NewWarehouse, *, clock: Clock = utc_now) -> WarehouseRow:
    with uow:
        _refuse_taken(uow, new.code, warehouse_id=None)
        now = clock()
        warehouse = WarehouseRow(
            name=new.name,
            code=new.code,
            location=new.location,
            created_at=now,
            updated_at=now,
        )
        uow.warehouses.add(warehouse)
        uow.commit()
        return warehouse


def update_warehouse(
    uow: UnitOfWork, warehouse_id: str, changes: WarehouseChanges, *, clock: Clock = utc_now
) -> WarehouseRow:
    with uow:
        warehouse = existing_warehouse(uow, warehouse_id)
        if isinstance(changes.code, str):
            _refuse_taken(uow, changes.code, warehouse_id=warehouse.id)
        apply_changes(warehouse, changes)
        warehouse.updated_at = clock()
        uow.commit()
        return warehouse


def delete_warehouse(uow: UnitOfWork, warehouse_id: str) -> None:
    with uow:
        warehouse = existing_warehouse(uow, warehouse_id)
        refuse_while_used("Warehouse", uow.warehouses.referred_to_by(warehouse.id))
        uow.warehouses.delete(warehouse)
        uow.commit()


def existing_warehouse(uow: UnitOfWork, warehouse_id: str) -> WarehouseRow:
    warehouse = uow.warehouses.get(warehouse_id)
    if warehouse is None:
        raise NotFound(WAREHOUSE_NOT_FOUND)
    return warehouse


def _refuse_taken(uow: UnitOfWork, code: str, *, warehouse_id: str | None) -> None:
    # A clear message first; the unique constraint on code settles a race.
    holder = uow.warehouses.with_code(code)
    if holder is not None and holder.id != warehouse_id:
        raise Conflict(CODE_TAKEN)
