"""``inventory.createProduct``, ``updateProduct``, ``listProducts`` and
``getProduct``: registering, changing and reading serial-numbered units. Every
signed-in role, as the contract's "Roles: All"."""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.catalog.samples import PRODUCT_ID, WAREHOUSE_ID
from routers.inventory.answers import unit_of
from routers.inventory.samples import SERIAL_NUMBER, UNIT_EXAMPLE, UNIT_ID
from routers.partial import changes_from
from rpc import ErrorCode, Example, Router
from schemas.inventory.unit import (
    CreateUnitInput,
    GetUnitInput,
    ListUnitsInput,
    PhysicalProduct,
    UnitPage,
    UpdateUnitInput,
)
from services.inventory import units
from services.inventory.unit_rules import NewUnit

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


CREATE_EXAMPLE_INPUT = {
    "serial_number": SERIAL_NUMBER.lower(),
    "product_id": PRODUCT_ID,
    "physical_warehouse_id": WAREHOUSE_ID,
    "virtual_warehouse_type": "warranty_stock",
    "condition": "new",
    "warranty_start_date": "2026-11-02",
    "warranty_months": 12,
    "purchase_date": "2026-10-28",
    "supplier_name": "Ingram Micro",
    "purchase_price": 649,
}


def new_unit_of(params: CreateUnitInput) -> NewUnit:
    """The service's view of a createProduct input (one bulkImport row as well)."""
    return NewUnit(
        serial_number=params.serial_number,
        product_id=params.product_id,
        virtual_warehouse_type=params.virtual_warehouse_type,
        condition=params.condition,
        physical_warehouse_id=params.physical_warehouse_id,
        warranty_start_date=params.warranty_start_date,
        warranty_months=params.warranty_months,
        purchase_date=params.purchase_date,
        supplier_id=params.supplier_id,
        supplier_name=params.supplier_name,
        purchase_price=params.purchase_price,
        notes=params.notes,
        photo_urls=tuple(params.photo_urls),
    )


@(
    authed.input(CreateUnitInput)
    .output(PhysicalProduct)
    .meta(
        summary="Register a serial-numbered unit",
        description=(
            "serial_number: 5-64 of A-Z, 0-9, - and _, stored upper case, unique ignoring "
            "case (CONFLICT). product_id must name a product model, physical_warehouse_id "
            "(optional) a warehouse (NOT_FOUND naming which). virtual_warehouse_type may "
            "not be in_service (BAD_REQUEST: a unit goes into service only by "
            "inventory.assignToTicket). warranty_end_date is warranty_start_date plus "
            "warranty_months (0-600) calendar months; with months and no start, the "
            "warranty starts on purchase_date, else today (UTC). photo_urls: up to 20 "
            "http(s) URLs. A receipt movement records the arrival, in the same "
            "transaction. " + UNIT_ANSWER
        ),
        errors=[ErrorCode.BAD_REQUEST, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "received",
                CREATE_EXAMPLE_INPUT,
                {**UNIT_EXAMPLE, "updated_at": UNIT_EXAMPLE["created_at"]},
            )
        ],
    )
    .mutation
)
def create_product(ctx: SignedInContext, params: CreateUnitInput) -> PhysicalProduct:
    view = units.create_unit(
        ctx.unit_of_work(),
        new_unit_of(params),
        actor_id=ctx.caller.user_id,
        clock=ctx.services.clock,
    )
    return unit_of(view)


@(
    authed.input(UpdateUnitInput)
    .output(PhysicalProduct)
    .meta(
        summary="Change a unit's details",
        description=(
            "Fields left out stay as they are; null clears the nullable ones "
            "(serial_number, product_id, condition, virtual_warehouse_type and photo_urls "
            "cannot be null). The place never changes here: a virtual_warehouse_type or "
            "physical_warehouse_id other than where the unit is is BAD_REQUEST (move it "
            "with inventory.recordMovement); the same values are accepted as no change. A "
            "serial number another unit has is CONFLICT; an unknown product_id NOT_FOUND. "
            "A new warranty_start_date or warranty_months recomputes warranty_end_date. "
            + UNIT_ANSWER
        ),
        errors=[ErrorCode.BAD_REQUEST, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "refurbished",
                {"id": UNIT_ID, "condition": "refurbished", "notes": "New battery"},
                {**UNIT_EXAMPLE, "condition": "refurbished", "notes": "New battery"},
            )
        ],
    )
    .mutation
)
def update_product(ctx: SignedInContext, params: UpdateUnitInput) -> PhysicalProduct:
    view = units.update_unit(
        ctx.unit_of_work(),
        params.id,
        changes_from(params, units.UnitChanges),
        clock=ctx.services.clock,
    )
    return unit_of(view)


@(
    authed.input(ListUnitsInput)
    .output(UnitPage)
    .meta(
        summary="The serial-numbered units, newest first",
        description=(
            "Newest first (then by id). Each filter narrows the list: "
            "physical_warehouse_id, virtual_warehouse_type, condition, warranty_status "
            "(against today in UTC: expiring_soon ends within 30 days, the end day "
            "included; expired ended before today; no_warranty has no end), and search "
            "(the text anywhere in the serial number, ignoring case). limit (1-100, 50 by "
            "default) and offset (0 by default) give one page; total counts every unit "
            "that matches. " + UNIT_ANSWER
        ),
        examples=[
            Example("all", {}, {"products": [UNIT_EXAMPLE], "total": 1}),
            Example(
                "in-a-warehouse",
                {
                    "physical_warehouse_id": WAREHOUSE_ID,
                    "virtual_warehouse_type": "warranty_stock",
                    "warranty_status": "active",
                    "search": "c39x",
                    "limit": 20,
                },
                {"products": [UNIT_EXAMPLE], "total": 1},
            ),
        ],
    )
    .query
)
def list_products(ctx: SignedInContext, params: ListUnitsInput) -> UnitPage:
    where = units.UnitFilter(
        physical_warehouse_id=params.physical_warehouse_id,
        virtual_warehouse_type=params.virtual_warehouse_type,
        condition=params.condition,
        warranty_status=params.warranty_status,
        search=params.search,
    )
    page = units.list_units(
        ctx.unit_of_work(),
        where,
        offset=params.offset,
        limit=params.limit,
        clock=ctx.services.clock,
    )
    return UnitPage(products=[unit_of(view) for view in page.rows], total=page.total)


router: Router[RequestContext] = Router(
    {
        "createProduct": create_product,
        "updateProduct": update_product,
        "listProducts": list_products,
        "getProduct": get_product,
    }
)
