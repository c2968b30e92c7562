"""What a recorded movement may do, on plain values: where it takes a unit, and what
refuses it.

A movement request names where the unit must be now (``from_*``, each checked only when
given) and where it goes (``to_*``; a dimension left out stays as it is). A physical
warehouse given as null means none: "it must stand in none" for ``from``, "it leaves
its warehouse" for ``to``. A ``disposal`` goes to dead stock; only an ``assignment``
(to a ticket) puts a unit in service, and a unit in service leaves it only for another
virtual warehouse. A unit in service, or held by an RMA batch not yet completed, moves
only when forced.
"""

from dataclasses import dataclass
from enum import Enum
from typing import Final

from db.tables.inventory import IN_SERVICE
from services.errors import BadRequest, PreconditionFailed

DEAD_STOCK: Final = "dead_stock"
ASSIGNMENT: Final = "assignment"
DISPOSAL: Final = "disposal"


class NotGiven(Enum):
    """A physical warehouse the request leaves out (null is a value: none)."""

    NOT_GIVEN = "not given"


NOT_GIVEN: Final = NotGiven.NOT_GIVEN

WarehouseChoice = str | None | NotGiven


@dataclass(frozen=True)
class MovementRequest:
    movement_type: str
    from_physical: WarehouseChoice = NOT_GIVEN
    to_physical: WarehouseChoice = NOT_GIVEN
    from_virtual: str | None = None
    to_virtual: str | None = None
    ticket_id: str | None = None
    force: bool = False


@dataclass(frozen=True)
class Where:
    """A unit's place, as the rules see it."""

    virtual_warehouse_type: str
    physical_warehouse_id: str | None


def check_request(request: MovementRequest) -> None:
    """BadRequest for what no unit's place can make right: a disposal elsewhere than
    dead stock, an assignment without its ticket or elsewhere than in service, and
    anything else into service."""
    if request.movement_type == DISPOSAL and request.to_virtual not in (None, DEAD_STOCK):
        raise BadRequest(f"A disposal goes to {DEAD_STOCK}, not {request.to_virtual}")
    if request.movement_type == ASSIGNMENT:
        if request.ticket_id is None:
            raise BadRequest("An assignment needs the ticket: give reference_ticket_id")
        if request.to_virtual not in (None, IN_SERVICE):
            raise BadRequest(f"An assignment goes to {IN_SERVICE}, not {request.to_virtual}")
    elif request.to_virtual == IN_SERVICE:
        raise BadRequest(_ONLY_ASSIGNMENTS)


def check_from(request: MovementRequest, now: Where) -> None:
    """PreconditionFailed naming the ``from_*`` that is not where the unit is."""
    if request.from_virtual is not None and request.from_virtual != now.virtual_warehouse_type:
        raise PreconditionFailed(
            f"from_virtual_warehouse_type is {request.from_virtual}, "
            f"but the product is in {now.virtual_warehouse_type}"
        )
    wanted = request.from_physical
    if wanted is not NOT_GIVEN and wanted != now.physical_warehouse_id:
        where = now.physical_warehouse_id or "no physical warehouse"
        raise PreconditionFailed(
            f"from_physical_warehouse_id is {wanted or 'null'}, but the product is in {where}"
        )


def refuse_held(serial_number: str, now: Where, open_batch_id: str | None, force: bool) -> None:
    """A unit in service or in an RMA batch not completed moves only with force."""
    if force:
        return
    if now.virtual_warehouse_type == IN_SERVICE:
        raise PreconditionFailed(
            f"Product {serial_number} is in service: moving it needs force: true"
        )
    if open_batch_id is not None:
        raise PreconditionFailed(
            f"Product {serial_number} is in an RMA batch: moving it needs force: true"
        )


def destination(request: MovementRequest, now: Where) -> Where:
    """Where the movement takes the unit: each ``to_*`` given, the rest as it is; a
    disposal to dead stock and an assignment to service."""
    if request.movement_type == DISPOSAL:
        virtual = DEAD_STOCK
    elif request.movement_type == ASSIGNMENT:
        virtual = IN_SERVICE
    else:
        virtual = request.to_virtual or now.virtual_warehouse_type
    physical = request.to_physical
    return Where(virtual, now.physical_warehouse_id if physical is NOT_GIVEN else physical)


def check_destination(request: MovementRequest, now: Where, to: Where) -> None:
    """BadRequest for a movement that changes nothing, or that keeps a unit in service
    other than by its assignment."""
    if to == now:
        raise BadRequest("The movement changes nothing: the product is already there")
    if to.virtual_warehouse_type == IN_SERVICE and request.movement_type != ASSIGNMENT:
        raise BadRequest(_ONLY_ASSIGNMENTS)


def assignment_text(serial_number: str, came_from: str, warehouse_name: str | None) -> str:
    """The ticket's system comment about a unit assigned to it."""
    where = came_from if warehouse_name is None else f"{came_from}, {warehouse_name}"
    return f"Product {serial_number} assigned to this ticket (from {where})"


_ONLY_ASSIGNMENTS: Final = (
    f"Only an assignment to a ticket puts a product in {IN_SERVICE}; a product in "
    f"service leaves it for another virtual warehouse"
)
