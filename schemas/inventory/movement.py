"""A unit's movements on the wire: checking a serial, recording a movement, the history,
and assigning a unit to a ticket.

``verifySerial``'s answer keeps the contract's camelCase where it has it
(``inService``, and the warranty's ``daysRemaining``, ``startDate``, ``endDate``).
Fields the contract marks optional are null when they do not apply, as in every
answer here.
"""

from pydantic import Field

from schemas.base import CamelOutput, SnakeInput, SnakeOutput
from schemas.common import JsonBoolean, Timestamp
from schemas.dates import IsoDate
from schemas.fields import ResourceId
from schemas.inventory.unit import PhysicalProduct, UnitWarehouse
from schemas.inventory.vocabulary import (
    MovementType,
    SerialNumber,
    VirtualWarehouseType,
    WarrantyStatus,
)
from schemas.paging import PAGE_LIMIT_DEFAULT, Limit, Offset
from schemas.workflow.text import LongText


class VerifySerialInput(SnakeInput):
    serial_number: SerialNumber


class Warranty(CamelOutput):
    status: WarrantyStatus
    # Whole days left (0 on the end day and after it); null without a warranty.
    days_remaining: int | None
    start_date: IsoDate | None
    end_date: IsoDate | None


class VirtualLocation(SnakeOutput):
    type: VirtualWarehouseType


class Location(SnakeOutput):
    physical: UnitWarehouse | None = Field(description="null when it stands in none")
    virtual: VirtualLocation


class VerifySerialResult(CamelOutput):
    found: bool
    message: str | None = Field(description="Why nothing was found; null when found")
    product: PhysicalProduct | None
    warranty: Warranty | None
    location: Location | None
    in_service: bool


class RecordMovementInput(SnakeInput):
    """Each ``from_*`` given must be where the unit is; each ``to_*`` left out stays as
    it is. A physical warehouse given as null means none."""

    product_id: ResourceId
    movement_type: MovementType
    from_physical_warehouse_id: ResourceId | None = None
    to_physical_warehouse_id: ResourceId | None = None
    from_virtual_warehouse_type: VirtualWarehouseType | None = None
    to_virtual_warehouse_type: VirtualWarehouseType | None = None
    reference_ticket_id: ResourceId | None = None
    notes: LongText | None = None
    force: JsonBoolean = False


class MovementHistoryInput(SnakeInput):
    product_id: ResourceId
    limit: Limit = PAGE_LIMIT_DEFAULT
    offset: Offset = 0


class MovementTicket(SnakeOutput):
    id: str
    ticket_number: str


class Mover(SnakeOutput):
    id: str
    full_name: str


class MovementEntry(SnakeOutput):
    id: str
    movement_type: MovementType
    created_at: Timestamp
    # Null for none, and for a warehouse deleted since.
    from_physical: UnitWarehouse | None
    to_physical: UnitWarehouse | None
    # Null only for the receipt that registered the unit.
    from_virtual_warehouse: VirtualWarehouseType | None
    to_virtual_warehouse: VirtualWarehouseType
    ticket: MovementTicket | None
    # Null when nobody is recorded, or their user is deleted.
    moved_by: Mover | None
    notes: str | None


class MovementHistoryResult(SnakeOutput):
    movements: list[MovementEntry]
    total: int


class AssignToTicketInput(SnakeInput):
    serial_number: SerialNumber
    ticket_id: ResourceId
