"""A unit's movements: checking a serial, recording a movement, reading the history.

Every recorded movement goes through services/inventory/moving.py (or, into service,
services/inventory/assignment.py, which does): this module decides whether the
movement may happen, from the rules of :mod:`services.inventory.movement_rules` and
where the locked unit is. Every refusal comes before the first write.
"""

from dataclasses import dataclass
from datetime import date

from db.repositories.inventory.movement import MovementHistoryRecord as MovementHistoryRecord
from db.tables.inventory import PhysicalProductRow
from db.unit_of_work import UnitOfWork
from services.caller import Caller
from services.catalog.warehouse import existing_warehouse
from services.clock import Clock, utc_now
from services.errors import BadRequest, NotFound
from services.inventory import movement_rules as rules
from services.inventory.assignment import Assignment, assign
from services.inventory.moving import Movement, Place, move
from services.inventory.units import UNIT_NOT_FOUND
from services.inventory.views import UnitView, unit_view
from services.inventory.warranty_rules import days_remaining
from services.tickets.editing import TICKET_NOT_FOUND, lock_changeable_ticket

SERIAL_NOT_FOUND = "No product with this serial number"


@dataclass(frozen=True)
class SerialCheck:
    """A serial's unit as read today (None when no unit has it), with the whole days
    its warranty has left (None without one)."""

    unit: UnitView | None
    days_remaining: int | None = None


@dataclass(frozen=True)
class MovementHistory:
    movements: list[MovementHistoryRecord]
    total: int


def verify_serial(uow: UnitOfWork, serial_number: str, *, clock: Clock = utc_now) -> SerialCheck:
    """The unit with this (upper-case) serial and its warranty today, if there is one."""
    today: date = clock().date()
    with uow:
        found = uow.physical_products.view_by_serial(serial_number)
    if found is None:
        return SerialCheck(None)
    return SerialCheck(unit_view(found, today), days_remaining(found.warranty_end_date, today))


def record_movement(
    uow: UnitOfWork,
    caller: Caller,
    unit_id: str,
    request: rules.MovementRequest,
    *,
    notes: str | None = None,
    clock: Clock = utc_now,
) -> None:
    """Move the unit as ``request`` says (see movement_rules), with its movement row."""
    rules.check_request(request)
    with uow:
        ticket = None
        if request.movement_type == rules.ASSIGNMENT:
            assert request.ticket_id is not None  # check_request
            ticket = lock_changeable_ticket(uow, request.ticket_id)
        elif request.ticket_id is not None and uow.tickets.get(request.ticket_id) is None:
            raise NotFound(TICKET_NOT_FOUND)
        _check_warehouse(uow, request.to_physical)
        unit = uow.physical_products.lock(unit_id)
        if unit is None:
            raise NotFound(UNIT_NOT_FOUND)
        now = _where(unit)
        rules.check_from(request, now)
        to = rules.destination(request, now)
        at = clock()
        if ticket is not None:
            if unit.current_ticket_id == ticket.id:
                raise BadRequest(f"Product {unit.serial_number} already serves this ticket")
            assign(
                uow, ticket, unit, Assignment(caller.user_id, at, to.physical_warehouse_id, notes)
            )
        else:
            open_batch = uow.rma_items.open_batch_of(unit.id)
            rules.refuse_held(unit.serial_number, now, open_batch, request.force)
            rules.check_destination(request, now, to)
            place = Place(to.virtual_warehouse_type, to.physical_warehouse_id)
            move(
                uow,
                unit,
                place,
                Movement(request.movement_type, caller.user_id, at, request.ticket_id, notes),
            )
        uow.commit()


def movement_history(uow: UnitOfWork, unit_id: str, *, offset: int, limit: int) -> MovementHistory:
    """A page of the unit's movements, newest first, and how many it has (NotFound
    when there is no such unit: every unit has at least its receipt)."""
    with uow:
        total = uow.stock_movements.count_of_unit(unit_id)
        if total == 0:
            raise NotFound(UNIT_NOT_FOUND)
        return MovementHistory(
            uow.stock_movements.history(unit_id, offset=offset, limit=limit), total
        )


def _check_warehouse(uow: UnitOfWork, warehouse: rules.WarehouseChoice) -> None:
    if isinstance(warehouse, str):
        existing_warehouse(uow, warehouse)


def _where(unit: PhysicalProductRow) -> rules.Where:
    return rules.Where(unit.virtual_warehouse_type, unit.physical_warehouse_id)
