"""A unit put to work on a ticket: the only way into ``in_service``.

``inventory.assignToTicket`` and a recorded movement of type ``assignment`` both run
:func:`assign`, inside their unit of work, after locking the ticket and then the unit
(the lock order of every inventory writer: ticket, RMA batch, units). Two assignments
of one unit to two tickets therefore take turns on the unit, and the second finds it
serving the first's ticket: CONFLICT.
"""

from dataclasses import dataclass
from datetime import datetime

from db.tables.inventory import IN_SERVICE, PhysicalProductRow
from db.tables.tickets import ServiceTicketRow
from db.unit_of_work import UnitOfWork
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import Conflict, NotFound, PreconditionFailed
from services.inventory.movement_rules import ASSIGNMENT, assignment_text
from services.inventory.moving import Movement, Place, move
from services.inventory.units import UNIT_NOT_FOUND
from services.tickets.editing import lock_changeable_ticket, write_comment


@dataclass(frozen=True)
class Assignment:
    """Who assigns, when, with what note, and to which physical warehouse the unit
    goes (where it stands, for assignToTicket)."""

    actor_id: str | None
    at: datetime
    physical_warehouse_id: str | None
    notes: str | None = None


def assign_to_ticket(
    uow: UnitOfWork,
    caller: Caller,
    *,
    serial_number: str,
    ticket_id: str,
    clock: Clock = utc_now,
) -> None:
    """Put the unit with this serial in service on the ticket; nothing when it already
    serves it."""
    with uow:
        ticket = lock_changeable_ticket(uow, ticket_id)
        unit = uow.physical_products.lock_by_serial(serial_number)
        if unit is None:
            raise NotFound(UNIT_NOT_FOUND)
        if unit.current_ticket_id == ticket.id:
            return
        assign(uow, ticket, unit, Assignment(caller.user_id, clock(), unit.physical_warehouse_id))
        uow.commit()


def assign(
    uow: UnitOfWork, ticket: ServiceTicketRow, unit: PhysicalProductRow, assignment: Assignment
) -> None:
    """Move the locked unit into service on the locked ticket, with its ``assignment``
    movement and the ticket's system comment naming the serial and where it came from.
    Conflict when it serves another ticket; PreconditionFailed when an RMA batch holds
    it. Callers handle a unit already serving this ticket."""
    if unit.current_ticket_id is not None:
        other = uow.tickets.get(unit.current_ticket_id)
        number = "another ticket" if other is None else other.ticket_number
        raise Conflict(f"Product {unit.serial_number} is already in service on {number}")
    if uow.rma_items.open_batch_of(unit.id) is not None:
        raise PreconditionFailed(
            f"Product {unit.serial_number} is in an RMA batch: it cannot serve a ticket"
        )
    came_from = unit.virtual_warehouse_type
    warehouse = (
        None
        if unit.physical_warehouse_id is None
        else uow.warehouses.get(unit.physical_warehouse_id)
    )
    move(
        uow,
        unit,
        Place(IN_SERVICE, assignment.physical_warehouse_id),
        Movement(ASSIGNMENT, assignment.actor_id, assignment.at, ticket.id, assignment.notes),
    )
    text = assignment_text(
        unit.serial_number, came_from, None if warehouse is None else warehouse.name
    )
    write_comment(uow, ticket, text, actor_id=assignment.actor_id, now=assignment.at)
