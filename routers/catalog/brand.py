"""``catalog.brand.*``: brands, read by every signed-in role, changed by managers."""

from __future__ import annotations

from db.tables.catalog import BrandRow
from middleware.context import RequestContext, SignedInContext
from routers.base import authed, managers
from routers.catalog.samples import BRAND_EXAMPLE, BRAND_ID
from routers.partial import changes_from
from rpc import ErrorCode, Example, Router
from schemas.base import SuccessResult
from schemas.catalog.brand import (
    Brand,
    BrandPage,
    CreateBrandInput,
    DeleteBrandInput,
    ListBrandsInput,
    UpdateBrandInput,
)
from services.catalog import brand as brand_service
from services.catalog.brand import BrandRecord
from services.catalog.listing import PageRequest


def brand_of(row: BrandRow | BrandRecord) -> Brand:
    return Brand.model_validate(row)


@(
    authed.input(ListBrandsInput)
    .output(BrandPage)
    .meta(
        summary="The brands, by name",
        description=(
            "Ordered by name (then id). search finds the text anywhere in the name, "
            "ignoring case; limit (1-100, 50 by default) and offset (0 by default) give "
            "one page, and total counts every brand that matches."
        ),
        examples=[
            Example("all", {}, {"brands": [BRAND_EXAMPLE], "total": 1}),
            Example(
                "search",
                {"search": "app", "limit": 10, "offset": 0},
                {"brands": [BRAND_EXAMPLE], "total": 1},
            ),
        ],
    )
    .query
)
def list_brands(ctx: SignedInContext, params: ListBrandsInput) -> BrandPage:
    request = PageRequest(search=params.search, offset=params.offset, limit=params.limit)
    page = brand_service.list_brands(ctx.unit_of_work(), request)
    return BrandPage(brands=[brand_of(row) for row in page.rows], total=page.total)


@(
    managers.input(CreateBrandInput)
    .output(Brand)
    .meta(
        summary="Add a brand",
        description="name (1-100 characters) is unique ignoring case (CONFLICT otherwise).",
        errors=[ErrorCode.CONFLICT],
        examples=[
            Example(
                "apple",
                {"name": "Apple"},
                {**BRAND_EXAMPLE, "updated_at": BRAND_EXAMPLE["created_at"]},
            )
        ],
    )
    .mutation
)
def create_brand(ctx: SignedInContext, params: CreateBrandInput) -> Brand:
    row = brand_service.create_brand(ctx.unit_of_work(), name=params.name, clock=ctx.services.clock)
    return brand_of(row)


@(
    managers.input(UpdateBrandInput)
    .output(Brand)
    .meta(
        summary="Rename a brand",
        description=(
            "The new name is unique ignoring case (CONFLICT when another brand has it; "
            "the brand's own name in another case is fine)."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "rename",
                {"id": BRAND_ID, "name": "Apple Inc."},
                {**BRAND_EXAMPLE, "name": "Apple Inc."},
            )
        ],
    )
    .mutation
)
def update_brand(ctx: SignedInContext, params: UpdateBrandInput) -> Brand:
    row = brand_service.update_brand(
        ctx.unit_of_work(),
        params.id,
        changes_from(params, brand_service.BrandChanges),
        clock=ctx.services.clock,
    )
    return brand_of(row)


@(
    managers.input(DeleteBrandInput)
    .output(SuccessResult)
    .meta(
        summary="Delete a brand",
        description="Refused (CONFLICT) while a product model is of this brand.",
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[Example("delete", {"id": BRAND_ID}, {"success": True})],
    )
    .mutation
)
def delete_brand(ctx: SignedInContext, params: DeleteBrandInput) -> SuccessResult:
    brand_service.delete_brand(ctx.unit_of_work(), params.id)
    return SuccessResult(success=True)


router: Router[RequestContext] = Router(
    {
        "list": list_brands,
        "create": create_brand,
        "update": update_brand,
        "delete": delete_brand,
    }
)
