"""``inventory.getProduct`` (and the unit's other registration procedures): a
serial-numbered unit, by id or by serial number. Every signed-in role, as the
contract's "Roles: All"."""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.inventory.answers import unit_of
from routers.inventory.samples import SERIAL_NUMBER, UNIT_EXAMPLE, UNIT_ID
from rpc import ErrorCode, Example, Router
from schemas.inventory.unit import GetUnitInput, PhysicalProduct
from services.inventory import units

UNIT_ANSWER = (
    "A unit: its own fields, warranty_status (active, expiring_soon within 30 days, "
    "expired, or no_warranty, against today in UTC), its product model with the "
    "model's brand under product, and the warehouse it stands in under "
    "physical_warehouse (null when none)."
)


@(
    authed.input(GetUnitInput)
    .output(PhysicalProduct)
    .meta(
        summary="One serial-numbered unit",
        description=(
            "By id or by serial_number (any case: serials are stored upper case). "
            "Neither is BAD_REQUEST; both must name the same unit. " + UNIT_ANSWER
        ),
        errors=[ErrorCode.BAD_REQUEST, ErrorCode.NOT_FOUND],
        examples=[
            Example("by-id", {"id": UNIT_ID}, UNIT_EXAMPLE),
            Example("by-serial", {"serial_number": SERIAL_NUMBER.lower()}, UNIT_EXAMPLE),
        ],
    )
    .query
)
def get_product(ctx: SignedInContext, params: GetUnitInput) -> PhysicalProduct:
    view = units.get_unit(
        ctx.unit_of_work(),
        unit_id=params.id,
        serial_number=params.serial_number,
        clock=ctx.services.clock,
    )
    return unit_of(view)


router: Router[RequestContext] = Router({"getProduct": get_product})
