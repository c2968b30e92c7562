"""``catalog.product.*``: product models, each shown with its brand."""

from typing import Annotated

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import NoControlCharacters, Timestamp
from schemas.fields import LongName, NotNull, ResourceId, not_null
from schemas.limits import (
    LONG_TEXT_MAX_LENGTH,
    PRODUCT_TYPE_MAX_LENGTH,
    SKU_MAX_LENGTH,
)
from schemas.paging import PageInput

ProductName = LongName
# Stored as given; unique exactly as written (services/catalog/product.py says why).
Sku = Annotated[str, Field(min_length=1, max_length=SKU_MAX_LENGTH), NoControlCharacters]
# A free kind such as "phone" or "laptop"; the list's type filter matches it exactly.
ProductType = Annotated[
    str, Field(min_length=1, max_length=PRODUCT_TYPE_MAX_LENGTH), NoControlCharacters
]
ProductDescription = Annotated[str, Field(max_length=LONG_TEXT_MAX_LENGTH), NoControlCharacters]


class ListProductsInput(PageInput):
    """``search`` looks in the name and the SKU."""

    brand_id: ResourceId | None = None
    type: ProductType | None = None


class BrandSummary(SnakeOutput):
    id: str
    name: str


class Product(SnakeOutput):
    id: str
    name: str
    sku: str
    type: str
    description: str | None
    brand: BrandSummary
    created_at: Timestamp
    updated_at: Timestamp


class ProductPage(SnakeOutput):
    products: list[Product]
    total: int


class GetProductInput(SnakeInput):
    id: ResourceId


class CreateProductInput(SnakeInput):
    name: ProductName
    sku: Sku
    type: ProductType
    brand_id: ResourceId
    description: ProductDescription | None = None


class UpdateProductInput(SnakeInput):
    id: ResourceId
    name: Annotated[ProductName | None, NotNull] = not_null()
    sku: Annotated[Sku | None, NotNull] = not_null()
    type: Annotated[ProductType | None, NotNull] = not_null()
    brand_id: Annotated[ResourceId | None, NotNull] = not_null()
    # null clears the description.
    description: ProductDescription | None = None


class DeleteProductInput(SnakeInput):
    id: ResourceId
