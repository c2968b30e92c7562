"""Product models, each read with its brand (one join), listed by name."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy import bindparam, func, or_
from sqlmodel import col, select

from db.compiled_query import CompiledQuery, Row
from db.records import columns_of, table_of
from db.repositories.base import LIKE_ESCAPE, SqlRepository, Store, contains_pattern, storable
from db.repositories.catalog.brand import BrandNameRecord
from db.repositories.references import Reference, referring
from db.tables.catalog import BrandRow, PartFitRow, ProductModelRow
from db.tables.inventory import PhysicalProductRow
from db.tables.tickets import ServiceTicketRow
from db.tables.workflow import TaskTemplateRow


class ProductSummaryRecord(NamedTuple):
    """A product model as other answers name it (the model a part fits, the one a
    template is for): {id, name, sku}."""

    id: str
    name: str
    sku: str


class ProductRecord(NamedTuple):
    """A product model's own columns, read without the ORM."""

    id: str
    name: str
    sku: str
    type: str
    description: str | None
    brand_id: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ProductListing:
    """A product model with its brand, as every catalog.product answer shows it."""

    product: ProductRecord
    brand: BrandNameRecord

    @classmethod
    def of(cls, product: ProductModelRow, brand: BrandRow) -> "ProductListing":
        """The listing of rows the transaction holds (just written, say)."""
        return cls(
            product=ProductRecord._make(getattr(product, name) for name in ProductRecord._fields),
            brand=BrandNameRecord(id=brand.id, name=brand.name),
        )


@dataclass(frozen=True, slots=True)
class ProductFilter:
    """What a product list is narrowed to; None: not narrowed by it."""

    search: str | None = None  # in the name or the SKU
    brand_id: str | None = None
    type: str | None = None


_products = table_of(ProductModelRow)
_brands = table_of(BrandRow)
_PRODUCT_WIDTH: Final = len(ProductRecord._fields)

# What refers to a product model: it is not deleted while any of these does.
# Serial-numbered products join this tuple with their table.
PRODUCT_MODEL_REFERENCES: Final = (
    Reference(table_of(PartFitRow).c.product_id, "parts"),
    Reference(table_of(TaskTemplateRow).c.product_type, "templates"),
    Reference(table_of(ServiceTicketRow).c.product_id, "tickets"),
    Reference(table_of(PhysicalProductRow).c.product_id, "serial-numbered products"),
)


class ProductModelStore(Store[ProductModelRow], Protocol):
    def list_page(
        self, where: ProductFilter, *, offset: int, limit: int
    ) -> list[ProductListing]: ...
    def count(self, where: ProductFilter) -> int: ...
    def listing(self, product_id: str) -> ProductListing | None: ...
    def with_sku(self, sku: str) -> ProductModelRow | None: ...
    def referred_to_by(self, product_id: str) -> list[str]: ...
    def delete(self, row: ProductModelRow) -> None: ...


class ProductModelRepository(SqlRepository[ProductModelRow]):
    row_type = ProductModelRow

    def list_page(self, where: ProductFilter, *, offset: int, limit: int) -> list[ProductListing]:
        query = _listing(*_narrowed_by(where))
        rows = query.all(self._link, offset=offset, limit=limit, **_filter_params(where))
        return [_listing_of(row) for row in rows]

    def count(self, where: ProductFilter) -> int:
        row = _counting(*_narrowed_by(where)).first(self._link, **_filter_params(where))
        return int(row[0]) if row is not None else 0

    def listing(self, product_id: str) -> ProductListing | None:
        if not storable(product_id):
            return None
        row = _one().first(self._link, product_id=product_id)
        return None if row is None else _listing_of(row)

    def with_sku(self, sku: str) -> ProductModelRow | None:
        statement = select(ProductModelRow).where(col(ProductModelRow.sku) == sku)
        return self._session.exec(statement).first()

    def referred_to_by(self, product_id: str) -> list[str]:
        return referring(self._link, PRODUCT_MODEL_REFERENCES, product_id)


def _listing_of(row: Row) -> ProductListing:
    return ProductListing(
        product=ProductRecord._make(row[:_PRODUCT_WIDTH]),
        brand=BrandNameRecord._make(row[_PRODUCT_WIDTH:]),
    )


def _narrowed_by(where: ProductFilter) -> tuple[bool, bool, bool]:
    return (where.search is not None, where.brand_id is not None, where.type is not None)


def _filter_params(where: ProductFilter) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if where.search is not None:
        params["pattern"] = contains_pattern(where.search)
    if where.brand_id is not None:
        params["brand_id"] = where.brand_id
    if where.type is not None:
        params["type"] = where.type
    return params


def _filtered(statement: Any, searched: bool, by_brand: bool, by_type: bool) -> Any:
    if searched:
        pattern: Any = bindparam("pattern")
        statement = statement.where(
            or_(
                _products.c.name.ilike(pattern, escape=LIKE_ESCAPE),
                _products.c.sku.ilike(pattern, escape=LIKE_ESCAPE),
            )
        )
    if by_brand:
        statement = statement.where(_products.c.brand_id == bindparam("brand_id"))
    if by_type:
        statement = statement.where(_products.c.type == bindparam("type"))
    return statement


def _with_brand() -> Any:
    columns = [
        *columns_of(ProductRecord._fields, _products),
        *columns_of(BrandNameRecord._fields, _brands),
    ]
    return select(*columns).select_from(
        _products.join(_brands, _products.c.brand_id == _brands.c.id)
    )


@cache
def _listing(searched: bool, by_brand: bool, by_type: bool) -> CompiledQuery:
    """One page of product models with their brands: one query, whatever the filters."""
    statement = _filtered(_with_brand(), searched, by_brand, by_type)
    statement = statement.order_by(_products.c.name, _products.c.id)
    return CompiledQuery(statement.offset(bindparam("offset")).limit(bindparam("limit")))


@cache
def _counting(searched: bool, by_brand: bool, by_type: bool) -> CompiledQuery:
    statement = select(func.count()).select_from(_products)
    return CompiledQuery(_filtered(statement, searched, by_brand, by_type))


@cache
def _one() -> CompiledQuery:
    return CompiledQuery(_with_brand().where(_products.c.id == bindparam("product_id")))
