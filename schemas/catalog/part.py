"""``catalog.part.*``: spare parts kept in stock by count, and the models they fit."""

from typing import Annotated, Final

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import JsonBoolean, JsonInteger, NoControlCharacters, Timestamp
from schemas.fields import LongName, NotNull, ResourceId, not_null
from schemas.limits import (
    REASON_MAX_LENGTH,
    SKU_MAX_LENGTH,
    STOCK_DELTA_MAX,
    STOCK_QUANTITY_MAX,
)
from schemas.money import Money, NonNegativeMoney
from schemas.paging import PageInput

# A part fits at most this many product models: a bound on the list a caller may send.
FITS_MAX: Final = 100
REASON_MIN_LENGTH: Final = 3

PartName = LongName
Sku = Annotated[str, Field(min_length=1, max_length=SKU_MAX_LENGTH), NoControlCharacters]
StockCount = Annotated[JsonInteger, Field(ge=0, le=STOCK_QUANTITY_MAX)]
Reason = Annotated[
    str,
    Field(min_length=REASON_MIN_LENGTH, max_length=REASON_MAX_LENGTH),
    NoControlCharacters,
]


def _not_zero(delta: int) -> int:
    if delta == 0:
        raise PydanticCustomError("delta_zero", "must not be zero")
    return delta


def _each_once(product_ids: list[str]) -> list[str]:
    # A repeated id is a mistake of the caller's: said, not silently merged.
    if len(set(product_ids)) != len(product_ids):
        raise PydanticCustomError("duplicate_id", "must not name a product model twice")
    return product_ids


Delta = Annotated[
    JsonInteger,
    Field(ge=-STOCK_DELTA_MAX, le=STOCK_DELTA_MAX, json_schema_extra={"not": {"const": 0}}),
    AfterValidator(_not_zero),
]
ProductIds = Annotated[
    list[ResourceId],
    Field(max_length=FITS_MAX, json_schema_extra={"uniqueItems": True}),
    AfterValidator(_each_once),
]


class ListPartsInput(PageInput):
    # Only the parts that fit this product model.
    product_id: ResourceId | None = None
    # true: only parts at or below their minimum stock; false: only those above it.
    low_stock: JsonBoolean | None = None


class GetPartInput(SnakeInput):
    id: ResourceId


class CreatePartInput(SnakeInput):
    name: PartName
    sku: Sku
    unit_price: NonNegativeMoney
    stock_quantity: StockCount = 0
    minimum_stock: StockCount = 0
    product_ids: ProductIds = Field(default_factory=list)


class UpdatePartInput(SnakeInput):
    """The stock is not among these: it changes through catalog.part.adjustStock."""

    id: ResourceId
    name: Annotated[PartName | None, NotNull] = not_null()
    sku: Annotated[Sku | None, NotNull] = not_null()
    unit_price: Annotated[NonNegativeMoney | None, NotNull] = not_null()
    minimum_stock: Annotated[StockCount | None, NotNull] = not_null()
    # Replaces the models the part fits; [] leaves it fitting none.
    product_ids: Annotated[ProductIds | None, NotNull] = not_null()


class DeletePartInput(SnakeInput):
    id: ResourceId


class AdjustPartStockInput(SnakeInput):
    part_id: ResourceId
    delta: Delta
    reason: Reason


class FittedProduct(SnakeOutput):
    id: str
    name: str
    sku: str


class Part(SnakeOutput):
    id: str
    name: str
    sku: str
    unit_price: Money
    stock_quantity: int
    minimum_stock: int
    # stock_quantity <= minimum_stock: time to reorder.
    is_low_stock: bool
    products: list[FittedProduct]
    created_at: Timestamp
    updated_at: Timestamp


class PartPage(SnakeOutput):
    parts: list[Part]
    total: int
