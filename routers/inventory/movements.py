"""``inventory.verifySerial``, ``recordMovement`` and ``getMovementHistory``: where a
unit is, moving it, and the way it came. Every signed-in role, as the contract's
"Roles: All".

Every change of a unit's place is a movement row written with it, so a unit's history
replays, from its receipt, to where it is.
"""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.catalog.samples import WAREHOUSE_ID
from routers.inventory.answers import unit_of
from routers.inventory.samples import SERIAL_NUMBER, UNIT_EXAMPLE, UNIT_ID
from routers.samples import CREATED_AT, UPDATED_AT, USER_ID
from routers.tickets.samples import TICKET_ID
from rpc import ErrorCode, Example, Router
from schemas.base import SuccessResult
from schemas.inventory.movement import (
    Location,
    MovementEntry,
    MovementHistoryInput,
    MovementHistoryResult,
    MovementTicket,
    Mover,
    RecordMovementInput,
    VerifySerialInput,
    VerifySerialResult,
    VirtualLocation,
    Warranty,
)
from schemas.inventory.unit import UnitWarehouse
from services.inventory import movement_rules, movements
from services.inventory.movements import MovementHistoryRecord

SECOND_WAREHOUSE_ID = "1f6b3d8e-4a2c-4e7b-9d15-8c0a2e4f6b37"
RECEIPT_ID = "2c5e7a9f-1b3d-4f6a-8e2c-9d0b4a6c8e51"
ASSIGNMENT_ID = "7e1a3c5f-9b2d-4d8f-a6c0-4e2b8d0f1a63"
WAREHOUSE_EXAMPLE = UNIT_EXAMPLE["physical_warehouse"]


@(
    authed.input(VerifySerialInput)
    .output(VerifySerialResult)
    .meta(
        summary="Check a serial number's unit and warranty",
        description=(
            "The unit with this serial_number (any case). Not a unit: {found: false, "
            "message, inService: false} (not an error), the rest null. A unit: "
            "{found: true, product (the unit as getProduct shows it), warranty: {status, "
            "daysRemaining (whole days to the end day; 0 on it; null without a "
            "warranty), startDate, endDate}, location: {physical: its warehouse or null, "
            "virtual: {type}}, inService}. A mutation, as the contract has it, though it "
            "changes nothing."
        ),
        examples=[
            Example(
                "in-warranty",
                {"serial_number": SERIAL_NUMBER.lower()},
                {
                    "found": True,
                    "message": None,
                    "product": UNIT_EXAMPLE,
                    "warranty": {
                        "status": "active",
                        "daysRemaining": 338,
                        "startDate": "2026-11-02",
                        "endDate": "2027-11-02",
                    },
                    "location": {
                        "physical": WAREHOUSE_EXAMPLE,
                        "virtual": {"type": "warranty_stock"},
                    },
                    "inService": False,
                },
            ),
            Example(
                "unknown",
                {"serial_number": "NOSUCH-001"},
                {
                    "found": False,
                    "message": movements.SERIAL_NOT_FOUND,
                    "product": None,
                    "warranty": None,
                    "location": None,
                    "inService": False,
                },
            ),
        ],
    )
    .mutation
)
def verify_serial(ctx: SignedInContext, params: VerifySerialInput) -> VerifySerialResult:
    check = movements.verify_serial(
        ctx.unit_of_work(), params.serial_number, clock=ctx.services.clock
    )
    if check.unit is None:
        return VerifySerialResult(
            found=False,
            message=movements.SERIAL_NOT_FOUND,
            product=None,
            warranty=None,
            location=None,
            in_service=False,
        )
    product = unit_of(check.unit)
    return VerifySerialResult(
        found=True,
        message=None,
        product=product,
        warranty=Warranty(
            status=check.unit.warranty_status,
            days_remaining=check.days_remaining,
            start_date=product.warranty_start_date,
            end_date=product.warranty_end_date,
        ),
        location=Location(
            physical=product.physical_warehouse,
            virtual=VirtualLocation(type=product.virtual_warehouse_type),
        ),
        in_service=product.current_ticket_id is not None,
    )


@(
    authed.input(RecordMovementInput)
    .output(SuccessResult)
    .meta(
        summary="Move a unit",
        description=(
            "Moves the unit (product_id) and records the movement. Each from_* given "
            "must be where the unit is (PRECONDITION_FAILED naming which); each to_* "
            "left out stays as it is; a physical warehouse given as null means none. "
            "A unit in service, or in an RMA batch not completed, moves only with "
            "force: true (PRECONDITION_FAILED otherwise); leaving service lets its "
            "ticket go. A disposal goes to dead_stock (another to_virtual_warehouse_type "
            "is BAD_REQUEST). An assignment needs reference_ticket_id (BAD_REQUEST "
            "otherwise) and is inventory.assignToTicket's step: the ticket must not be "
            "completed or cancelled (PRECONDITION_FAILED), a unit serving another ticket "
            "is CONFLICT, an RMA batch's unit PRECONDITION_FAILED, and the ticket gets a "
            "system comment. Any other movement into in_service, or one that keeps a "
            "unit in service, is BAD_REQUEST, as is a movement that changes nothing. An "
            "unknown unit, to_physical_warehouse_id or reference ticket is NOT_FOUND. "
            "Answers {success: true}."
        ),
        errors=[
            ErrorCode.NOT_FOUND,
            ErrorCode.PRECONDITION_FAILED,
            ErrorCode.BAD_REQUEST,
            ErrorCode.CONFLICT,
        ],
        examples=[
            Example(
                "transfer",
                {
                    "product_id": UNIT_ID,
                    "movement_type": "transfer",
                    "from_physical_warehouse_id": WAREHOUSE_ID,
                    "to_physical_warehouse_id": SECOND_WAREHOUSE_ID,
                    "notes": "To the repair bench",
                },
                {"success": True},
            ),
            Example(
                "disposal",
                {"product_id": UNIT_ID, "movement_type": "disposal", "force": True},
                {"success": True},
            ),
            Example(
                "assignment",
                {
                    "product_id": UNIT_ID,
                    "movement_type": "assignment",
                    "reference_ticket_id": TICKET_ID,
                },
                {"success": True},
            ),
        ],
    )
    .mutation
)
def record_movement(ctx: SignedInContext, params: RecordMovementInput) -> SuccessResult:
    given = params.model_fields_set
    request = movement_rules.MovementRequest(
        movement_type=params.movement_type,
        from_physical=(
            params.from_physical_warehouse_id
            if "from_physical_warehouse_id" in given
            else movement_rules.NOT_GIVEN
        ),
        to_physical=(
            params.to_physical_warehouse_id
            if "to_physical_warehouse_id" in given
            else movement_rules.NOT_GIVEN
        ),
        from_virtual=params.from_virtual_warehouse_type,
        to_virtual=params.to_virtual_warehouse_type,
        ticket_id=params.reference_ticket_id,
        force=params.force,
    )
    movements.record_movement(
        ctx.unit_of_work(),
        ctx.caller,
        params.product_id,
        request,
        notes=params.notes,
        clock=ctx.services.clock,
    )
    return SuccessResult(success=True)


def _warehouse(
    warehouse_id: str | None, name: str | None, code: str | None, location: str | None
) -> UnitWarehouse | None:
    if warehouse_id is None or name is None:
        return None
    return UnitWarehouse(id=warehouse_id, name=name, code=code or "", location=location)


def _entry(record: MovementHistoryRecord) -> MovementEntry:
    return MovementEntry.model_validate(
        {
            "id": record.id,
            "movement_type": record.movement_type,
            "created_at": record.created_at,
            "from_physical": _warehouse(
                record.from_physical_warehouse_id,
                record.from_warehouse_name,
                record.from_warehouse_code,
                record.from_warehouse_location,
            ),
            "to_physical": _warehouse(
                record.to_physical_warehouse_id,
                record.to_warehouse_name,
                record.to_warehouse_code,
                record.to_warehouse_location,
            ),
            "from_virtual_warehouse": record.from_virtual_warehouse_type,
            "to_virtual_warehouse": record.to_virtual_warehouse_type,
            "ticket": (
                None
                if record.reference_ticket_id is None or record.ticket_number is None
                else MovementTicket(
                    id=record.reference_ticket_id, ticket_number=record.ticket_number
                )
            ),
            "moved_by": (
                None
                if record.moved_by_id is None or record.mover_full_name is None
                else Mover(id=record.moved_by_id, full_name=record.mover_full_name)
            ),
            "notes": record.notes,
        }
    )


@(
    authed.input(MovementHistoryInput)
    .output(MovementHistoryResult)
    .meta(
        summary="A unit's movements, newest first",
        description=(
            "A page (limit 1-100, default 50; offset) of the unit's (product_id) "
            "movements, newest first, and total. Each: {id, movement_type, created_at, "
            "from_physical and to_physical (warehouses {id, name, code, location}, null "
            "for none or a warehouse deleted since), from_virtual_warehouse (null for the "
            "receipt that registered it), to_virtual_warehouse, ticket: {id, "
            "ticket_number} or null, moved_by: {id, full_name} or null, notes}. An "
            "unknown unit is NOT_FOUND."
        ),
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "assigned-after-receipt",
                {"product_id": UNIT_ID, "limit": 2},
                {
                    "movements": [
                        {
                            "id": ASSIGNMENT_ID,
                            "movement_type": "assignment",
                            "created_at": UPDATED_AT,
                            "from_physical": WAREHOUSE_EXAMPLE,
                            "to_physical": WAREHOUSE_EXAMPLE,
                            "from_virtual_warehouse": "warranty_stock",
                            "to_virtual_warehouse": "in_service",
                            "ticket": {"id": TICKET_ID, "ticket_number": "SV-2026-042"},
                            "moved_by": {"id": USER_ID, "full_name": "Tara Technician"},
                            "notes": None,
                        },
                        {
                            "id": RECEIPT_ID,
                            "movement_type": "receipt",
                            "created_at": CREATED_AT,
                            "from_physical": None,
                            "to_physical": WAREHOUSE_EXAMPLE,
                            "from_virtual_warehouse": None,
                            "to_virtual_warehouse": "warranty_stock",
                            "ticket": None,
                            "moved_by": {"id": USER_ID, "full_name": "Tara Technician"},
                            "notes": "Delivery 2026-11-02",
                        },
                    ],
                    "total": 2,
                },
            )
        ],
    )
    .query
)
def get_movement_history(
    ctx: SignedInContext, params: MovementHistoryInput
) -> MovementHistoryResult:
    history = movements.movement_history(
        ctx.unit_of_work(), params.product_id, offset=params.offset, limit=params.limit
    )
    return MovementHistoryResult(
        movements=[_entry(record) for record in history.movements], total=history.total
    )


router: Router[RequestContext] = Router(
    {
        "verifySerial": verify_serial,
        "recordMovement": record_movement,
        "getMovementHistory": get_movement_history,
    }
)
