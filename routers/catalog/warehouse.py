"""``catalog.warehouse.*``: physical warehouses, read by every signed-in role, changed
by managers."""

from __future__ import annotations

from db.tables.catalog import WarehouseRow
from middleware.context import RequestContext, SignedInContext
from routers.base import authed, managers
from routers.catalog.samples import WAREHOUSE_EXAMPLE, WAREHOUSE_ID
from routers.partial import changes_from
from rpc import ErrorCode, Example, Router
from schemas.base import SuccessResult
from schemas.catalog.warehouse import (
    CreateWarehouseInput,
    DeleteWarehouseInput,
    ListWarehousesInput,
    UpdateWarehouseInput,
    Warehouse,
    WarehousePage,
)
from services.catalog import warehouse as warehouse_service
from services.catalog.listing import PageRequest
from services.catalog.warehouse import NewWarehouse, WarehouseRecord


def warehouse_of(row: WarehouseRow | WarehouseRecord) -> Warehouse:
    return Warehouse.model_validate(row)


@(
    authed.input(ListWarehousesInput)
    .output(WarehousePage)
    .meta(
        summary="The physical warehouses, by name",
        description=(
            "Ordered by name (then id). search finds the text anywhere in the name or "
            "the code, ignoring case; limit (1-100, 50 by default) and offset (0 by "
            "default) give one page; total counts every warehouse that matches. The "
            "virtual warehouse types are the contract's enum, not listed here."
        ),
        examples=[
            Example("all", {}, {"warehouses": [WAREHOUSE_EXAMPLE], "total": 1}),
            Example(
                "search",
                {"search": "main", "limit": 10},
                {"warehouses": [WAREHOUSE_EXAMPLE], "total": 1},
            ),
        ],
    )
    .query
)
def list_warehouses(ctx: SignedInContext, params: ListWarehousesInput) -> WarehousePage:
    request = PageRequest(search=params.search, offset=params.offset, limit=params.limit)
    page = warehouse_service.list_warehouses(ctx.unit_of_work(), request)
    return WarehousePage(warehouses=[warehouse_of(row) for row in page.rows], total=page.total)


@(
    managers.input(CreateWarehouseInput)
    .output(Warehouse)
    .meta(
        summary="Add a physical warehouse",
        description=(
            "name 1-100 characters; code 2-20 of A-Z, 0-9 and dash, stored upper case "
            "and unique (CONFLICT otherwise); location optional."
        ),
        errors=[ErrorCode.CONFLICT],
        examples=[
            Example(
                "main",
                {"name": "Main store", "code": "main-1", "location": "Back room, shelf A"},
                {**WAREHOUSE_EXAMPLE, "updated_at": WAREHOUSE_EXAMPLE["created_at"]},
            )
        ],
    )
    .mutation
)
def create_warehouse(ctx: SignedInContext, params: CreateWarehouseInput) -> Warehouse:
    new = NewWarehouse(name=params.name, code=params.code, location=params.location)
    row = warehouse_service.create_warehouse(ctx.unit_of_work(), new, clock=ctx.services.clock)
    return warehouse_of(row)


@(
    managers.input(UpdateWarehouseInput)
    .output(Warehouse)
    .meta(
        summary="Change a physical warehouse",
        description=(
            "Fields left out stay as they are; location null clears it. A code another "
            "warehouse has is CONFLICT."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "move",
                {"id": WAREHOUSE_ID, "location": None},
                {**WAREHOUSE_EXAMPLE, "location": None},
            )
        ],
    )
    .mutation
)
def update_warehouse(ctx: SignedInContext, params: UpdateWarehouseInput) -> Warehouse:
    row = warehouse_service.update_warehouse(
        ctx.unit_of_work(),
        params.id,
        changes_from(params, warehouse_service.WarehouseChanges),
        clock=ctx.services.clock,
    )
    return warehouse_of(row)


@(
    managers.input(DeleteWarehouseInput)
    .output(SuccessResult)
    .meta(
        summary="Delete a physical warehouse",
        description="Refused (CONFLICT) while products are stored in it.",
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[Example("delete", {"id": WAREHOUSE_ID}, {"success": True})],
    )
    .mutation
)
def delete_warehouse(ctx: SignedInContext, params: DeleteWarehouseInput) -> SuccessResult:
    warehouse_service.delete_warehouse(ctx.unit_of_work(), params.id)
    return SuccessResult(success=True)


router: Router[RequestContext] = Router(
    {
        "list": list_warehouses,
        "create": create_warehouse,
        "update": update_warehouse,
        "delete": delete_warehouse,
    }
)
