"""Serial-numbered units: registering, changing and reading them.

A unit's place is not changed here: it is given once, at registration (with the
``receipt`` movement, services/inventory/moving.receive), and moves afterwards only
through services/inventory/moving.py. A serial number is unique ignoring case (stored
upper case): a taken one is refused with a clear message, and the unique constraint
settles a race between two writers (DuplicateKey, answered CONFLICT).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

# Re-exported: what the listing takes, for the router.
from db.repositories.inventory.unit import UnitFilter as UnitFilter
from db.repositories.inventory.unit import WarrantyBounds
from db.tables.inventory import PhysicalProductRow
from db.unit_of_work import UnitOfWork
from schemas.inventory.vocabulary import Condition, VirtualWarehouseType
from services.catalog.listing import Page
from services.catalog.product import existing_product
from services.catalog.warehouse import existing_warehouse
from services.changes import UNCHANGED, Changes, Unchanged, apply_changes
from services.clock import Clock, utc_now
from services.errors import BadRequest, Conflict, NotFound
from services.inventory.moving import receive
from services.inventory.unit_rules import NewUnit, refuse_moving, unit_row, warranty_of
from services.inventory.views import UnitView, UnitViewRecord, unit_view
from services.inventory.warranty_rules import expiring_soon_until

UNIT_NOT_FOUND = "Product not found"
SERIAL_TAKEN = "A product with this serial number already exists"
ID_OR_SERIAL_REQUIRED = "Give the product's id or its serial_number"


@dataclass(frozen=True)
class UnitChanges(Changes[PhysicalProductRow]):
    """inventory.updateProduct: None clears the nullable fields. The place fields are
    only checked against where the unit is (it never moves here)."""

    serial_number: str | Unchanged = UNCHANGED
    product_id: str | Unchanged = UNCHANGED
    condition: Condition | Unchanged = UNCHANGED
    warranty_start_date: date | Unchanged | None = UNCHANGED
    warranty_months: int | Unchanged | None = UNCHANGED
    purchase_date: date | Unchanged | None = UNCHANGED
    supplier_id: str | Unchanged | None = UNCHANGED
    supplier_name: str | Unchanged | None = UNCHANGED
    purchase_price: Decimal | Unchanged | None = UNCHANGED
    notes: str | Unchanged | None = UNCHANGED
    photo_urls: list[str] | Unchanged = UNCHANGED
    virtual_warehouse_type: VirtualWarehouseType | Unchanged = UNCHANGED
    physical_warehouse_id: str | Unchanged | None = UNCHANGED


# Applied by their own rules, not copied onto the row.
_BY_RULE = ("virtual_warehouse_type", "physical_warehouse_id", "warranty_start_date")


def get_unit(
    uow: UnitOfWork,
    *,
    unit_id: str | None = None,
    serial_number: str | None = None,
    clock: Clock = utc_now,
) -> UnitView:
    """The unit with this id or (upper-case) serial number; both given must agree."""
    if unit_id is None and serial_number is None:
        raise BadRequest(ID_OR_SERIAL_REQUIRED)
    with uow:
        if unit_id is not None:
            unit = uow.physical_products.view(unit_id)
        else:
            assert serial_number is not None
            unit = uow.physical_products.view_by_serial(serial_number)
        if unit is None or (serial_number is not None and unit.serial_number != serial_number):
            raise NotFound(UNIT_NOT_FOUND)
        return unit_view(unit, clock().date())


def list_units(
    uow: UnitOfWork, where: UnitFilter, *, offset: int, limit: int, clock: Clock = utc_now
) -> Page[UnitView]:
    """A page of units, newest first; warranty statuses judged on today (UTC)."""
    today = clock().date()
    bounds = WarrantyBounds(today=today, expiring_soon_until=expiring_soon_until(today))
    with uow:
        rows = uow.physical_products.list_page(where, bounds, offset=offset, limit=limit)
        total = uow.physical_products.count(where, bounds)
    return Page(rows=[unit_view(row, today) for row in rows], total=total)


def create_unit(
    uow: UnitOfWork, new: NewUnit, *, actor_id: str | None, clock: Clock = utc_now
) -> UnitView:
    """Register a unit where it arrives, with its receipt movement, in one transaction."""
    now = clock()
    unit = unit_row(new, now=now)
    with uow:
        _refuse_serial_taken(uow, unit.serial_number)
        existing_product(uow, unit.product_id)
        if unit.physical_warehouse_id is not None:
            existing_warehouse(uow, unit.physical_warehouse_id)
        receive(uow, unit, actor_id=actor_id)
        view = _view_of(uow, unit.id)
        uow.commit()
    return unit_view(view, now.date())


def update_unit(
    uow: UnitOfWork, unit_id: str, changes: UnitChanges, *, clock: Clock = utc_now
) -> UnitView:
    now = clock()
    with uow:
        unit = uow.physical_products.lock(unit_id)
        if unit is None:
            raise NotFound(UNIT_NOT_FOUND)
        refuse_moving(
            unit,
            virtual_warehouse_type=_given(changes.virtual_warehouse_type),
            physical_warehouse_id=_given(changes.physical_warehouse_id),
            physical_given=changes.physical_warehouse_id is not UNCHANGED,
        )
        if isinstance(changes.serial_number, str) and changes.serial_number != unit.serial_number:
            _refuse_serial_taken(uow, changes.serial_number)
        if isinstance(changes.product_id, str):
            existing_product(uow, changes.product_id)
        _apply_warranty(unit, changes, now.date())
        apply_changes(unit, changes, except_for=_BY_RULE)
        unit.updated_at = now
        view = _view_of(uow, unit.id)
        uow.commit()
    return unit_view(view, now.date())


def _apply_warranty(unit: PhysicalProductRow, changes: UnitChanges, today: date) -> None:
    """A new start or new months give a new end (a start given in the same update
    counts; the purchase day too, when the start follows from it)."""
    if changes.warranty_start_date is UNCHANGED and changes.warranty_months is UNCHANGED:
        return
    start = _given_or(changes.warranty_start_date, unit.warranty_start_date)
    months = _given_or(changes.warranty_months, unit.warranty_months)
    purchase = _given_or(changes.purchase_date, unit.purchase_date)
    warranty = warranty_of(start, months, purchase, today)
    unit.warranty_start_date = warranty.start
    unit.warranty_end_date = warranty.end


T = TypeVar("T")


def _given(value: T | Unchanged) -> T | None:
    return None if isinstance(value, Unchanged) else value


def _given_or(value: T | Unchanged, current: T) -> T:
    return current if isinstance(value, Unchanged) else value


def _view_of(uow: UnitOfWork, unit_id: str) -> UnitViewRecord:
    view = uow.physical_products.view(unit_id)
    assert view is not None  # written in this transaction
    return view


def _refuse_serial_taken(uow: UnitOfWork, serial_number: str) -> None:
    if uow.physical_products.serial_taken(serial_number):
        raise Conflict(SERIAL_TAKEN)
