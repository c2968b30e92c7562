"""Spare parts, the product models they fit, and their stock ledger.

Reads are compiled queries into records. The models of a page of parts come in one more
query, ``part_id IN (...)``: a compiled query cannot take a list parameter, so the list
is padded to the next of a few fixed sizes (repeating an id changes nothing in an IN),
which keeps it one compiled statement per size.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy import String, bindparam, delete, func, or_
from sqlmodel import col, select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import LIKE_ESCAPE, SqlRepository, Store, contains_pattern, storable
from db.repositories.catalog.product import ProductSummaryRecord
from db.repositories.references import Reference, referring
from db.tables.catalog import PartFitRow, PartRow, PartStockEntryRow, ProductModelRow
from db.tables.tickets import TicketPartRow


class PartRecord(NamedTuple):
    """A part as listed (every column), read without the ORM."""

    id: str
    name: str
    sku: str
    unit_price: Decimal
    stock_quantity: int
    minimum_stock: int
    created_at: datetime
    updated_at: datetime


_parts = table_of(PartRow)
_fits = table_of(PartFitRow)
_entries = table_of(PartStockEntryRow)
_products = table_of(ProductModelRow)


@dataclass(frozen=True)
class PartFilter:
    """Which parts a list keeps: all of these that are given."""

    # In the name or the SKU, anywhere, ignoring case.
    search: str | None = None
    # Only the parts that fit this product model.
    product_id: str | None = None
    # True: only those at or below their minimum stock; False: only those above it.
    low_stock: bool | None = None


# What keeps a part from being deleted: anything that records its use by a ticket (the
# ledger's entries written for a ticket, the tickets' parts).
PART_REFERENCES: Final = (
    Reference(_entries.c.part_id, "tickets", only_when=_entries.c.ticket_id.is_not(None)),
    Reference(table_of(TicketPartRow).c.part_id, "tickets"),
)

# The sizes an IN (...) list is padded to; the page size (at most 100) fits the largest.
_IN_SIZES: Final = (1, 2, 4, 8, 16, 32, 64, 128)


class PartStore(Store[PartRow], Protocol):
    def lock(self, part_id: str) -> PartRow | None: ...
    def find(self, part_id: str) -> PartRecord | None: ...
    def list_parts(self, where: PartFilter, *, offset: int, limit: int) -> list[PartRecord]: ...
    def count_parts(self, where: PartFilter) -> int: ...
    def products_of(self, part_ids: Sequence[str]) -> dict[str, list[ProductSummaryRecord]]: ...
    def sku_taken(self, sku: str, *, except_part_id: str | None = None) -> bool: ...
    def missing_products(self, product_ids: Sequence[str]) -> list[str]: ...
    def set_fits(self, part_id: str, product_ids: Sequence[str]) -> None: ...
    def add_entry(self, entry: PartStockEntryRow) -> None: ...
    def is_referenced(self, part_id: str) -> bool: ...
    def delete(self, part: PartRow) -> None: ...


class PartRepository(SqlRepository[PartRow]):
    row_type = PartRow

    def find(self, part_id: str) -> PartRecord | None:
        if not storable(part_id):
            return None
        row = _one_part().first(self._link, id=part_id)
        return PartRecord._make(row) if row is not None else None

    def list_parts(self, where: PartFilter, *, offset: int, limit: int) -> list[PartRecord]:
        if where.product_id is not None and not storable(where.product_id):
            return []
        query = _listing(*_shape(where))
        rows = query.all(self._link, offset=offset, limit=limit, **_filter_params(where))
        return [PartRecord._make(row) for row in rows]

    def count_parts(self, where: PartFilter) -> int:
        if where.product_id is not None and not storable(where.product_id):
            return 0
        row = _counting(*_shape(where)).first(self._link, **_filter_params(where))
        return int(row[0]) if row is not None else 0

    def products_of(self, part_ids: Sequence[str]) -> dict[str, list[ProductSummaryRecord]]:
        """The models each part fits, by name: one query for up to 128 parts."""
        found: dict[str, list[ProductSummaryRecord]] = {part_id: [] for part_id in part_ids}
        for chunk in _chunks([part_id for part_id in found if storable(part_id)]):
            size, params = _padded(chunk)
            for part_id, *product in _fitted(size).all(self._link, **params):
                found[part_id].append(ProductSummaryRecord._make(product))
        return found

    def sku_taken(self, sku: str, *, except_part_id: str | None = None) -> bool:
        row = _sku_holder().first(self._link, sku=sku)
        return row is not None and row[0] != except_part_id

    def missing_products(self, product_ids: Sequence[str]) -> list[str]:
        """Those of ``product_ids`` that name no product model, in the order given."""
        existing: set[str] = set()
        for chunk in _chunks([pid for pid in product_ids if storable(pid)]):
            size, params = _padded(chunk)
            existing.update(row[0] for row in _existing_products(size).all(self._link, **params))
        return [product_id for product_id in product_ids if product_id not in existing]

    def set_fits(self, part_id: str, product_ids: Sequence[str]) -> None:
        """The part fits exactly ``product_ids`` from now on."""
        self._session.exec(delete(PartFitRow).where(col(PartFitRow.part_id) == part_id))
        for product_id in product_ids:
            self._session.add(PartFitRow(part_id=part_id, product_id=product_id))

    def add_entry(self, entry: PartStockEntryRow) -> None:
        self._session.add(entry)

    def is_referenced(self, part_id: str) -> bool:
        """Whether anything in PART_REFERENCES names the part (one statement)."""
        return bool(referring(self._link, PART_REFERENCES, part_id))

    def delete(self, part: PartRow) -> None:
        """Delete the part with its fits and ledger (children first, explicitly: the
        result must not depend on the database enforcing ON DELETE CASCADE)."""
        self._session.exec(delete(PartFitRow).where(col(PartFitRow.part_id) == part.id))
        self._session.exec(
            delete(PartStockEntryRow).where(col(PartStockEntryRow.part_id) == part.id)
        )
        self._session.delete(part)


def _shape(where: PartFilter) -> tuple[bool, bool, bool | None]:
    """Which compiled query a filter takes: one per combination of the filters given."""
    return where.search is not None, where.product_id is not None, where.low_stock


def _filter_params(where: PartFilter) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if where.search is not None:
        params["pattern"] = contains_pattern(where.search)
    if where.product_id is not None:
        params["product_id"] = where.product_id
    return params


def _filtered(statement: Any, searched: bool, by_product: bool, low_stock: bool | None) -> Any:
    if searched:
        pattern = bindparam("pattern", type_=String())
        statement = statement.where(
            or_(
                _parts.c.name.ilike(pattern, escape=LIKE_ESCAPE),
                _parts.c.sku.ilike(pattern, escape=LIKE_ESCAPE),
            )
        )
    if by_product:
        fitting = select(_fits.c.part_id).where(_fits.c.product_id == bindparam("product_id"))
        statement = statement.where(_parts.c.id.in_(fitting))
    if low_stock is not None:
        low = _parts.c.stock_quantity <= _parts.c.minimum_stock
        statement = statement.where(low if low_stock else ~low)
    return statement


@cache
def _one_part() -> CompiledQuery:
    statement = select(*columns_of(PartRecord._fields, _parts))
    return CompiledQuery(statement.where(_parts.c.id == bindparam("id")))


@cache
def _listing(searched: bool, by_product: bool, low_stock: bool | None) -> CompiledQuery:
    """A page of parts by name (then id), one compiled query per combination of filters."""
    statement = _filtered(
        select(*columns_of(PartRecord._fields, _parts)), searched, by_product, low_stock
    )
    statement = statement.order_by(_parts.c.name, _parts.c.id)
    return CompiledQuery(statement.offset(bindparam("offset")).limit(bindparam("limit")))


@cache
def _counting(searched: bool, by_product: bool, low_stock: bool | None) -> CompiledQuery:
    statement = select(func.count()).select_from(_parts)
    return CompiledQuery(_filtered(statement, searched, by_product, low_stock))


@cache
def _fitted(size: int) -> CompiledQuery:
    statement = (
        select(_fits.c.part_id, *columns_of(ProductSummaryRecord._fields, _products))
        .join_from(_fits, _products, _fits.c.product_id == _products.c.id)
        .where(_fits.c.part_id.in_(_id_params(size)))
        .order_by(_fits.c.part_id, _products.c.name, _products.c.id)
    )
    return CompiledQuery(statement)


@cache
def _existing_products(size: int) -> CompiledQuery:
    statement = select(_products.c.id).where(_products.c.id.in_(_id_params(size)))
    return CompiledQuery(statement)


@cache
def _sku_holder() -> CompiledQuery:
    return CompiledQuery(select(_parts.c.id).where(_parts.c.sku == bindparam("sku")))


def _id_params(size: int) -> list[Any]:
    return [bindparam(f"id_{index}") for index in range(size)]


def _chunks(ids: list[str]) -> list[list[str]]:
    largest = _IN_SIZES[-1]
    return [ids[start : start + largest] for start in range(0, len(ids), largest)]


def _padded(ids: list[str]) -> tuple[int, dict[str, str]]:
    """The IN list's size for ``ids`` (1 to 128 of them), and its parameters."""
    size = next(size for size in _IN_SIZES if size >= len(ids))
    padded = ids + [ids[0]] * (size - len(ids))
    return size, {f"id_{index}": part_id for index, part_id in enumerate(padded)}
