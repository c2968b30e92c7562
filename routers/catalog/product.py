"""``catalog.product.*``: product models with their brands, read by every signed-in
role, changed by managers."""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import authed, managers
from routers.catalog.samples import BRAND_ID, PRODUCT_EXAMPLE, PRODUCT_ID
from routers.partial import changes_from
from rpc import ErrorCode, Example, Router
from schemas.base import SuccessResult
from schemas.catalog.product import (
    BrandSummary,
    CreateProductInput,
    DeleteProductInput,
    GetProductInput,
    ListProductsInput,
    Product,
    ProductPage,
    UpdateProductInput,
)
from services.catalog import product as product_service
from services.catalog.product import NewProduct, ProductFilter, ProductListing


def product_of(listing: ProductListing) -> Product:
    product, brand = listing.product, listing.brand
    return Product(
        id=product.id,
        name=product.name,
        sku=product.sku,
        type=product.type,
        description=product.description,
        brand=BrandSummary(id=brand.id, name=brand.name),
        created_at=product.created_at,
        updated_at=product.updated_at,
    )


@(
    authed.input(ListProductsInput)
    .output(ProductPage)
    .meta(
        summary="The product models, by name, with their brands",
        description=(
            "Ordered by name (then id). brand_id keeps one brand's models, type one "
            "type's (exactly as stored); search finds the text anywhere in the name or "
            "the SKU, ignoring case. limit (1-100, 50 by default) and offset (0 by "
            "default) give one page; total counts every model that matches."
        ),
        examples=[
            Example("all", {}, {"products": [PRODUCT_EXAMPLE], "total": 1}),
            Example(
                "phones-of-a-brand",
                {"brand_id": BRAND_ID, "type": "phone", "search": "iphone", "limit": 20},
                {"products": [PRODUCT_EXAMPLE], "total": 1},
            ),
        ],
    )
    .query
)
def list_products(ctx: SignedInContext, params: ListProductsInput) -> ProductPage:
    where = ProductFilter(search=params.search, brand_id=params.brand_id, type=params.type)
    page = product_service.list_products(
        ctx.unit_of_work(), where, offset=params.offset, limit=params.limit
    )
    return ProductPage(products=[product_of(row) for row in page.rows], total=page.total)


@(
    authed.input(GetProductInput)
    .output(Product)
    .meta(
        summary="One product model with its brand",
        description="NOT_FOUND when no product model has the id.",
        errors=[ErrorCode.NOT_FOUND],
        examples=[Example("one", {"id": PRODUCT_ID}, PRODUCT_EXAMPLE)],
    )
    .query
)
def get_product(ctx: SignedInContext, params: GetProductInput) -> Product:
    return product_of(product_service.get_product(ctx.unit_of_work(), params.id))


@(
    managers.input(CreateProductInput)
    .output(Product)
    .meta(
        summary="Add a product model",
        description=(
            "name 1-255 characters; sku 1-64, unique exactly as written (CONFLICT "
            'otherwise); type 1-64, a kind such as "phone" or "laptop"; brand_id '
            "must name a brand (NOT_FOUND otherwise); description optional."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "iphone",
                {
                    "name": "iPhone 15",
                    "sku": "IP15-128",
                    "type": "phone",
                    "brand_id": BRAND_ID,
                    "description": "6.1-inch, 128 GB",
                },
                {**PRODUCT_EXAMPLE, "updated_at": PRODUCT_EXAMPLE["created_at"]},
            )
        ],
    )
    .mutation
)
def create_product(ctx: SignedInContext, params: CreateProductInput) -> Product:
    new = NewProduct(
        name=params.name,
        sku=params.sku,
        type=params.type,
        brand_id=params.brand_id,
        description=params.description,
    )
    listing = product_service.create_product(ctx.unit_of_work(), new, clock=ctx.services.clock)
    return product_of(listing)


@(
    managers.input(UpdateProductInput)
    .output(Product)
    .meta(
        summary="Change a product model",
        description=(
            "Fields left out stay as they are; description null clears it. A SKU "
            "another model has is CONFLICT; a brand_id no brand has is NOT_FOUND."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "rename",
                {"id": PRODUCT_ID, "name": "iPhone 15 (A3090)", "description": None},
                {**PRODUCT_EXAMPLE, "name": "iPhone 15 (A3090)", "description": None},
            )
        ],
    )
    .mutation
)
def update_product(ctx: SignedInContext, params: UpdateProductInput) -> Product:
    listing = product_service.update_product(
        ctx.unit_of_work(),
        params.id,
        changes_from(params, product_service.ProductChanges),
        clock=ctx.services.clock,
    )
    return product_of(listing)


@(
    managers.input(DeleteProductInput)
    .output(SuccessResult)
    .meta(
        summary="Delete a product model",
        description=(
            "Refused (CONFLICT, naming what refers to it) while parts, templates, "
            "tickets or serial-numbered products refer to the model."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[Example("delete", {"id": PRODUCT_ID}, {"success": True})],
    )
    .mutation
)
def delete_product(ctx: SignedInContext, params: DeleteProductInput) -> SuccessResult:
    product_service.delete_product(ctx.unit_of_work(), params.id)
    return SuccessResult(success=True)


router: Router[RequestContext] = Router(
    {
        "list": list_products,
        "get": get_product,
        "create": create_product,
        "update": update_product,
        "delete": delete_product,
    }
)
