"""The one way a unit's place changes: :func:`move` writes the movement with it.

Callers lock the unit first (``uow.physical_products.lock``) and check their own rules
(where it must be, what may move it); this step then records where it was and where it
goes, in the caller's transaction, so every place a unit has been is a movement row and
its history replays to where it is. A unit is in service exactly while it serves a
ticket (a CHECK in db/tables/inventory.py): moving it there names the ticket, moving it
anywhere else lets the ticket go.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db.column_types import new_id
from db.tables.inventory import IN_SERVICE, PhysicalProductRow, StockMovementRow
from db.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Place:
    """Where a unit is: its virtual warehouse and, if any, its physical warehouse."""

    virtual_warehouse_type: str
    physical_warehouse_id: str | None = None


def place_of(unit: PhysicalProductRow) -> Place:
    return Place(unit.virtual_warehouse_type, unit.physical_warehouse_id)


@dataclass(frozen=True)
class Movement:
    """What a movement records besides its two places."""

    movement_type: str
    actor_id: str | None
    at: datetime
    ticket_id: str | None = None
    notes: str | None = None


def move(uow: UnitOfWork, unit: PhysicalProductRow, to: Place, movement: Movement) -> None:
    """Move a locked unit to ``to`` and write the movement (from where it is now)."""
    if to.virtual_warehouse_type == IN_SERVICE and movement.ticket_id is None:
        raise ValueError("a unit goes into service only for a ticket")
    uow.stock_movements.add(
        StockMovementRow(
            product_id=unit.id,
            movement_type=movement.movement_type,
            from_physical_warehouse_id=unit.physical_warehouse_id,
            to_physical_warehouse_id=to.physical_warehouse_id,
            from_virtual_warehouse_type=unit.virtual_warehouse_type,
            to_virtual_warehouse_type=to.virtual_warehouse_type,
            reference_ticket_id=movement.ticket_id,
            notes=movement.notes,
            moved_by_id=movement.actor_id,
            created_at=movement.at,
        )
    )
    unit.virtual_warehouse_type = to.virtual_warehouse_type
    unit.physical_warehouse_id = to.physical_warehouse_id
    unit.current_ticket_id = movement.ticket_id if to.virtual_warehouse_type == IN_SERVICE else None
    unit.updated_at = movement.at


def receive(
    uow: UnitOfWork, unit: PhysicalProductRow, *, actor_id: str | None, notes: str | None = None
) -> None:
    """Add a new unit where it already says it is, with the ``receipt`` that brought it
    there (from nowhere: the history of every unit starts with it), stamped with the
    unit's creation time."""
    uow.physical_products.add(unit)
    uow.stock_movements.add(receipt_of(unit, actor_id=actor_id, notes=notes))


def receive_many(
    uow: UnitOfWork, units: Sequence[Mapping[str, Any]], *, actor_id: str | None
) -> None:
    """:func:`receive` for many new units at once, given as their columns (with ids),
    written a chunk per statement (a bulk import: rows the session tracks one by one
    would cost more than the import)."""
    receipts = [
        {
            "id": new_id(),
            **receipt_fields(
                unit["id"],
                Place(unit["virtual_warehouse_type"], unit["physical_warehouse_id"]),
                actor_id=actor_id,
                at=unit["created_at"],
            ),
        }
        for unit in units
    ]
    uow.physical_products.receive_many(units, receipts)


def receipt_of(
    unit: PhysicalProductRow, *, actor_id: str | None, notes: str | None = None
) -> StockMovementRow:
    fields = receipt_fields(
        unit.id, place_of(unit), actor_id=actor_id, at=unit.created_at, notes=notes
    )
    return StockMovementRow(**fields)


def receipt_fields(
    unit_id: str, to: Place, *, actor_id: str | None, at: datetime, notes: str | None = None
) -> dict[str, Any]:
    """The columns (all but the id) of the receipt that brought a unit to ``to``."""
    return {
        "product_id": unit_id,
        "movement_type": "receipt",
        "from_physical_warehouse_id": None,
        "to_physical_warehouse_id": to.physical_warehouse_id,
        "from_virtual_warehouse_type": None,
        "to_virtual_warehouse_type": to.virtual_warehouse_type,
        "reference_ticket_id": None,
        "notes": notes,
        "moved_by_id": actor_id,
        "created_at": at,
    }
