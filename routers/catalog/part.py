"""``catalog.part.*``: spare parts kept in stock by count, and their stock ledger.

Every signed-in role reads them; admins and managers change them. The stock changes only
through ``adjustStock`` here (and, later, through tickets), always with a ledger entry.
"""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext, SignedInContext
from routers.base import authed, managers
from routers.partial import changes_from
from routers.samples import CREATED_AT, UPDATED_AT
from rpc import ErrorCode, Example, Router
from schemas.base import SuccessResult
from schemas.catalog.part import (
    AdjustPartStockInput,
    CreatePartInput,
    DeletePartInput,
    FittedProduct,
    GetPartInput,
    ListPartsInput,
    Part,
    PartPage,
    UpdatePartInput,
)
from services.catalog import part as part_service
from services.catalog.part import PartView
from services.catalog.part_rules import is_low_stock

PART_ID = "5b2e7c1d-3f4a-4e8b-9c6d-0a1b2c3d4e5f"
PRODUCT_ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"

PRODUCT_EXAMPLE: dict[str, Any] = {"id": PRODUCT_ID, "name": "iPhone 15", "sku": "APL-IP15"}
PART_EXAMPLE: dict[str, Any] = {
    "id": PART_ID,
    "name": "iPhone 15 screen assembly",
    "sku": "SCR-IP15",
    "unit_price": 129.9,
    "stock_quantity": 12,
    "minimum_stock": 3,
    "is_low_stock": False,
    "products": [PRODUCT_EXAMPLE],
    "created_at": CREATED_AT,
    "updated_at": UPDATED_AT,
}
PART_ANSWER = (
    "A part: {id, name, sku, unit_price, stock_quantity, minimum_stock, is_low_stock, "
    "products: [{id, name, sku}] (the models it fits, by name), created_at, updated_at}. "
    "is_low_stock: stock_quantity <= minimum_stock."
)


def part_of(view: PartView) -> Part:
    part = view.part
    return Part(
        id=part.id,
        name=part.name,
        sku=part.sku,
        unit_price=part.unit_price,
        stock_quantity=part.stock_quantity,
        minimum_stock=part.minimum_stock,
        is_low_stock=is_low_stock(part.stock_quantity, part.minimum_stock),
        products=[FittedProduct.model_validate(product) for product in view.products],
        created_at=part.created_at,
        updated_at=part.updated_at,
    )


@(
    authed.input(ListPartsInput)
    .output(PartPage)
    .meta(
        summary="List spare parts",
        description=(
            "By name, then id. search matches the name or the SKU (anywhere, ignoring "
            "case); product_id keeps the parts that fit that model; low_stock true keeps "
            "the parts at or below their minimum stock, false those above it. One page "
            "of limit parts (1-100, 50 by default) from offset; total counts every "
            "match. " + PART_ANSWER
        ),
        examples=[
            Example("low", {"low_stock": True}, {"parts": [], "total": 0}),
            Example(
                "for-a-model",
                {"product_id": PRODUCT_ID, "search": "screen", "limit": 20},
                {"parts": [PART_EXAMPLE], "total": 1},
            ),
        ],
    )
    .query
)
def list_parts(ctx: SignedInContext, params: ListPartsInput) -> PartPage:
    page = part_service.list_parts(
        ctx.unit_of_work(),
        search=params.search,
        product_id=params.product_id,
        low_stock=params.low_stock,
        offset=params.offset,
        limit=params.limit,
    )
    return PartPage(parts=[part_of(view) for view in page.parts], total=page.total)


@(
    authed.input(GetPartInput)
    .output(Part)
    .meta(
        summary="One spare part",
        description=PART_ANSWER,
        errors=[ErrorCode.NOT_FOUND],
        examples=[Example("screen", {"id": PART_ID}, PART_EXAMPLE)],
    )
    .query
)
def get_part(ctx: SignedInContext, params: GetPartInput) -> Part:
    return part_of(part_service.get_part(ctx.unit_of_work(), params.id))


@(
    managers.input(CreatePartInput)
    .output(Part)
    .meta(
        summary="Add a spare part to the catalog",
        description=(
            "sku must be unique (CONFLICT otherwise; compared exactly as written). "
            "product_ids are the models the part fits, each named once; one that does "
            "not exist is NOT_FOUND. A stock_quantity above 0 is written to the stock "
            'ledger as "Initial stock". ' + PART_ANSWER
        ),
        errors=[ErrorCode.CONFLICT, ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "screen",
                {
                    "name": "iPhone 15 screen assembly",
                    "sku": "SCR-IP15",
                    "unit_price": 129.9,
                    "stock_quantity": 12,
                    "minimum_stock": 3,
                    "product_ids": [PRODUCT_ID],
                },
                {**PART_EXAMPLE, "updated_at": CREATED_AT},
            )
        ],
    )
    .mutation
)
def create_part(ctx: SignedInContext, params: CreatePartInput) -> Part:
    view = part_service.create_part(
        ctx.unit_of_work(),
        ctx.caller,
        name=params.name,
        sku=params.sku,
        unit_price=params.unit_price,
        stock_quantity=params.stock_quantity,
        minimum_stock=params.minimum_stock,
        product_ids=params.product_ids,
        clock=ctx.services.clock,
    )
    return part_of(view)


@(
    managers.input(UpdatePartInput)
    .output(Part)
    .meta(
        summary="Change a spare part",
        description=(
            "Fields left out stay as they are; the stock is not one of them (see "
            "catalog.part.adjustStock). product_ids replaces the models the part fits. "
            "A sku another part has is CONFLICT; a model that does not exist NOT_FOUND. "
            + PART_ANSWER
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "price",
                {"id": PART_ID, "unit_price": 119.5, "minimum_stock": 15},
                {**PART_EXAMPLE, "unit_price": 119.5, "minimum_stock": 15, "is_low_stock": True},
            )
        ],
    )
    .mutation
)
def update_part(ctx: SignedInContext, params: UpdatePartInput) -> Part:
    view = part_service.update_part(
        ctx.unit_of_work(),
        params.id,
        changes_from(params, part_service.PartChanges),
        clock=ctx.services.clock,
    )
    return part_of(view)


@(
    managers.input(DeletePartInput)
    .output(SuccessResult)
    .meta(
        summary="Delete a spare part",
        description=(
            "With the models it fits and its stock ledger. CONFLICT while a ticket uses the part."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[Example("delete", {"id": PART_ID}, {"success": True})],
    )
    .mutation
)
def delete_part(ctx: SignedInContext, params: DeletePartInput) -> SuccessResult:
    part_service.delete_part(ctx.unit_of_work(), params.id)
    return SuccessResult(success=True)


@(
    managers.input(AdjustPartStockInput)
    .output(Part)
    .meta(
        summary="Count parts into or out of stock",
        description=(
            "delta (a non-zero integer, at most 1,000,000 either way) is added to the "
            "stock, and the stock ledger records it with reason, who and when. A result "
            "below zero is PRECONDITION_FAILED and changes nothing. Concurrent "
            "adjustments of one part take turns: none is lost. " + PART_ANSWER
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED],
        examples=[
            Example(
                "delivery",
                {"part_id": PART_ID, "delta": 10, "reason": "Delivery from supplier"},
                {**PART_EXAMPLE, "stock_quantity": 22},
            ),
            Example(
                "breakage",
                {"part_id": PART_ID, "delta": -1, "reason": "Cracked while fitting"},
                {**PART_EXAMPLE, "stock_quantity": 11},
            ),
        ],
    )
    .mutation
)
def adjust_stock(ctx: SignedInContext, params: AdjustPartStockInput) -> Part:
    view = part_service.adjust_stock(
        ctx.unit_of_work(),
        ctx.caller,
        params.part_id,
        delta=params.delta,
        reason=params.reason,
        clock=ctx.services.clock,
    )
    return part_of(view)


router: Router[RequestContext] = Router(
    {
        "list": list_parts,
        "get": get_part,
        "create": create_part,
        "update": update_part,
        "delete": delete_part,
        "adjustStock": adjust_stock,
    }
)
