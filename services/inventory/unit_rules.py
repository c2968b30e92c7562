"""What registering or changing a unit must respect, on plain values.

A unit's place changes only through a movement (services/inventory/moving.py): it is
given once, at registration, and never in service then (a unit goes into service only by
its assignment to a ticket). Its warranty end follows from its start and months
(services/inventory/warranty_rules.py), recomputed whenever either changes.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from db.tables.inventory import IN_SERVICE, PhysicalProductRow
from services.errors import BadRequest
from services.inventory.warranty_rules import warranty_end, warranty_start

NOT_INTO_SERVICE = (
    "A unit goes into in_service only by its assignment to a ticket "
    "(inventory.assignToTicket); register it in another virtual warehouse"
)
PLACE_BY_MOVEMENT = (
    "A unit's place changes only by a movement: use inventory.recordMovement to change its {field}"
)


@dataclass(frozen=True)
class NewUnit:
    """A unit to register, as the caller gives it (serial number upper case)."""

    serial_number: str
    product_id: str
    virtual_warehouse_type: str
    condition: str
    physical_warehouse_id: str | None = None
    warranty_start_date: date | None = None
    warranty_months: int | None = None
    purchase_date: date | None = None
    supplier_id: str | None = None
    supplier_name: str | None = None
    purchase_price: Decimal | None = None
    notes: str | None = None
    photo_urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Warranty:
    start: date | None
    months: int | None
    end: date | None


def warranty_of(
    start: date | None, months: int | None, purchase_date: date | None, today: date
) -> Warranty:
    """A warranty given in months starts, unless told, on the purchase day, else today;
    without months it has no end."""
    if months is not None:
        start = warranty_start(start, purchase_date, today)
    return Warranty(start, months, warranty_end(start, months))


def refuse_into_service(virtual_warehouse_type: str) -> None:
    if virtual_warehouse_type == IN_SERVICE:
        raise BadRequest(NOT_INTO_SERVICE)


def refuse_moving(
    unit: PhysicalProductRow,
    *,
    virtual_warehouse_type: str | None,
    physical_warehouse_id: str | None,
    physical_given: bool,
) -> None:
    """An update may repeat where the unit is (no change), never name another place."""
    if virtual_warehouse_type is not None and virtual_warehouse_type != unit.virtual_warehouse_type:
        raise BadRequest(PLACE_BY_MOVEMENT.format(field="virtual_warehouse_type"))
    if physical_given and physical_warehouse_id != unit.physical_warehouse_id:
        raise BadRequest(PLACE_BY_MOVEMENT.format(field="physical_warehouse_id"))


def unit_fields(new: NewUnit, *, now: datetime) -> dict[str, Any]:
    """The columns (all but the id) of a unit registered at ``now``, its warranty judged
    on that UTC day. A unit is never registered in service."""
    refuse_into_service(new.virtual_warehouse_type)
    warranty = warranty_of(
        new.warranty_start_date, new.warranty_months, new.purchase_date, now.date()
    )
    return {
        "serial_number": new.serial_number,
        "product_id": new.product_id,
        "physical_warehouse_id": new.physical_warehouse_id,
        "virtual_warehouse_type": new.virtual_warehouse_type,
        "condition": new.condition,
        "warranty_start_date": warranty.start,
        "warranty_months": warranty.months,
        "warranty_end_date": warranty.end,
        "purchase_date": new.purchase_date,
        "supplier_id": new.supplier_id,
        "supplier_name": new.supplier_name,
        "purchase_price": new.purchase_price,
        "notes": new.notes,
        "photo_urls": list(new.photo_urls),
        "current_ticket_id": None,
        "created_at": now,
        "updated_at": now,
    }


def unit_row(new: NewUnit, *, now: datetime) -> PhysicalProductRow:
    return PhysicalProductRow(**unit_fields(new, now=now))
