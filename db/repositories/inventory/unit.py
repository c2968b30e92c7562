"""Serial-numbered units: stored, locked, and read as answers show them.

A unit's answer embeds its product model (with the model's brand) and its physical
warehouse: :func:`unit_views` reads them in one joined query, which every reading of
units (one, a page, a batch's entries) builds on.
"""

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy import ColumnElement, Select, bindparam, func, insert, select
from sqlmodel import col

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import LIKE_ESCAPE, SqlRepository, Store, contains_pattern, storable
from db.tables.catalog import BrandRow, ProductModelRow, WarehouseRow
from db.tables.inventory import PhysicalProductRow, StockMovementRow

_units = table_of(PhysicalProductRow)
_models = table_of(ProductModelRow)
_brands = table_of(BrandRow)
_warehouses = table_of(WarehouseRow)


class UnitViewRecord(NamedTuple):
    """A unit's columns, then its model's and brand's, then its physical warehouse's
    (null when it stands in none)."""

    id: str
    serial_number: str
    product_id: str
    physical_warehouse_id: str | None
    virtual_warehouse_type: str
    condition: str
    warranty_start_date: date | None
    warranty_months: int | None
    warranty_end_date: date | None
    purchase_date: date | None
    supplier_id: str | None
    supplier_name: str | None
    purchase_price: Decimal | None
    notes: str | None
    photo_urls: list[str]
    current_ticket_id: str | None
    created_at: datetime
    updated_at: datetime
    model_name: str
    model_sku: str
    model_type: str
    brand_id: str
    brand_name: str
    warehouse_name: str | None
    warehouse_code: str | None
    warehouse_location: str | None


# The unit's own columns: the record's fields up to its model's.
UNIT_FIELDS = UnitViewRecord._fields[: UnitViewRecord._fields.index("model_name")]


@dataclass(frozen=True, slots=True)
class UnitFilter:
    """What a list of units is narrowed to; None: not narrowed by it."""

    physical_warehouse_id: str | None = None
    virtual_warehouse_type: str | None = None
    condition: str | None = None
    # active | expired | expiring_soon | no_warranty, on the day the list is read.
    warranty_status: str | None = None
    search: str | None = None  # in the serial number


@dataclass(frozen=True, slots=True)
class WarrantyBounds:
    """The days a warranty status is judged on (services/inventory/warranty_rules.py):
    ``today``, and the last end day that is still ``expiring_soon``."""

    today: date
    expiring_soon_until: date


# Rows (or keys) one statement of a bulk write or lookup carries: a unit has 18
# columns, so a chunk stays far below SQLite's 32,766 and PostgreSQL's 65,535
# parameters of one statement.
CHUNK_SIZE: Final = 1000


class PhysicalProductStore(Store[PhysicalProductRow], Protocol):
    def lock(self, unit_id: str) -> PhysicalProductRow | None: ...
    def lock_by_serial(self, serial_number: str) -> PhysicalProductRow | None: ...
    def lock_many(self, unit_ids: Sequence[str]) -> list[PhysicalProductRow]: ...
    def serial_taken(self, serial_number: str) -> bool: ...
    def view(self, unit_id: str) -> UnitViewRecord | None: ...
    def view_by_serial(self, serial_number: str) -> UnitViewRecord | None: ...
    def list_page(
        self, where: UnitFilter, bounds: WarrantyBounds, *, offset: int, limit: int
    ) -> list[UnitViewRecord]: ...
    def count(self, where: UnitFilter, bounds: WarrantyBounds) -> int: ...
    def serials_taken(self, serial_numbers: Collection[str]) -> set[str]: ...
    def known_models(self, product_ids: Collection[str]) -> set[str]: ...
    def known_warehouses(self, warehouse_ids: Collection[str]) -> set[str]: ...
    def receive_many(
        self, units: Sequence[Mapping[str, Any]], receipts: Sequence[Mapping[str, Any]]
    ) -> None: ...


class PhysicalProductRepository(SqlRepository[PhysicalProductRow]):
    row_type = PhysicalProductRow

    def lock_by_serial(self, serial_number: str) -> PhysicalProductRow | None:
        """The unit with this (upper-case) serial number, row-locked as :meth:`lock`."""
        if not storable(serial_number):
            return None
        statement = (
            select(PhysicalProductRow)
            .where(col(PhysicalProductRow.serial_number) == serial_number)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return self._session.scalars(statement).first()

    def lock_many(self, unit_ids: Sequence[str]) -> list[PhysicalProductRow]:
        """The units of ``unit_ids`` that exist, row-locked as :meth:`lock`, in id order
        (the order every caller locks several units in, so none waits on another in a
        circle): one statement for all of them."""
        wanted = sorted({unit_id for unit_id in unit_ids if storable(unit_id)})
        if not wanted:
            return []
        statement = (
            select(PhysicalProductRow)
            .where(col(PhysicalProductRow.id).in_(wanted))
            .order_by(col(PhysicalProductRow.id))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return list(self._session.scalars(statement))

    def serial_taken(self, serial_number: str) -> bool:
        if not storable(serial_number):
            return False
        return _serial_taken().first(self._link, serial_number=serial_number) is not None

    def view(self, unit_id: str) -> UnitViewRecord | None:
        if not storable(unit_id):
            return None
        row = _view_by_id().first(self._link, unit_id=unit_id)
        return None if row is None else UnitViewRecord._make(row)

    def view_by_serial(self, serial_number: str) -> UnitViewRecord | None:
        if not storable(serial_number):
            return None
        row = _view_by_serial().first(self._link, serial_number=serial_number)
        return None if row is None else UnitViewRecord._make(row)

    def list_page(
        self, where: UnitFilter, bounds: WarrantyBounds, *, offset: int, limit: int
    ) -> list[UnitViewRecord]:
        """One page, newest first (then by id): one query, whatever the filters."""
        query = _page(*_shape_of(where))
        rows = query.all(self._link, offset=offset, limit=limit, **_params(where, bounds))
        return [UnitViewRecord._make(row) for row in rows]

    def count(self, where: UnitFilter, bounds: WarrantyBounds) -> int:
        row = _counting(*_shape_of(where)).first(self._link, **_params(where, bounds))
        return int(row[0]) if row is not None else 0

    def serials_taken(self, serial_numbers: Collection[str]) -> set[str]:
        """Those of the (upper-case) serial numbers some unit has: a query per chunk."""
        return self._present(_units.c.serial_number, serial_numbers)

    def known_models(self, product_ids: Collection[str]) -> set[str]:
        return self._present(_models.c.id, product_ids)

    def known_warehouses(self, warehouse_ids: Collection[str]) -> set[str]:
        return self._present(_warehouses.c.id, warehouse_ids)

    def receive_many(
        self, units: Sequence[Mapping[str, Any]], receipts: Sequence[Mapping[str, Any]]
    ) -> None:
        """Insert new units and their receipts, given as every column's value: one
        statement (compiled once, sent with a chunk of rows) per chunk of each, in the
        unit of work's transaction. Nothing is added to the session: the ORM would
        track and flush them one by one."""
        connection = self._session.connection()
        for table, rows in ((_units, units), (_movements, receipts)):
            for chunk in _chunks(rows):
                connection.execute(insert(table), list(chunk))

    def _present(self, column: ColumnElement[Any], keys: Collection[str]) -> set[str]:
        wanted = sorted({key for key in keys if storable(key)})
        found: set[str] = set()
        for chunk in _chunks(wanted):
            statement = select(column).where(column.in_(chunk))
            found.update(self._session.scalars(statement))
        return found


def unit_views() -> Select[Any]:
    """SELECT of :class:`UnitViewRecord`'s columns: units joined to their model, its
    brand and their warehouse (outer: a unit may stand in none). Readings add their
    WHERE, ORDER BY and page."""
    return (
        select(
            *columns_of(UNIT_FIELDS, _units),
            _models.c.name,
            _models.c.sku,
            _models.c.type,
            _brands.c.id,
            _brands.c.name,
            _warehouses.c.name,
            _warehouses.c.code,
            _warehouses.c.location,
        )
        .join(_models, _models.c.id == _units.c.product_id)
        .join(_brands, _brands.c.id == _models.c.brand_id)
        .outerjoin(_warehouses, _warehouses.c.id == _units.c.physical_warehouse_id)
    )


_movements = table_of(StockMovementRow)


def _chunks(rows: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), CHUNK_SIZE):
        yield rows[start : start + CHUNK_SIZE]


# The filters a query is compiled for: which are given, and which warranty status (each
# is a different condition on the end date).
_Shape = tuple[bool, bool, bool, str | None, bool]


def _shape_of(where: UnitFilter) -> _Shape:
    return (
        where.physical_warehouse_id is not None,
        where.virtual_warehouse_type is not None,
        where.condition is not None,
        where.warranty_status,
        where.search is not None,
    )


def _params(where: UnitFilter, bounds: WarrantyBounds) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if where.physical_warehouse_id is not None:
        params["physical_warehouse_id"] = where.physical_warehouse_id
    if where.virtual_warehouse_type is not None:
        params["virtual_warehouse_type"] = where.virtual_warehouse_type
    if where.condition is not None:
        params["condition"] = where.condition
    if where.warranty_status in ("expired", "expiring_soon"):
        params["today"] = bounds.today
    if where.warranty_status in ("expiring_soon", "active"):
        params["soon_until"] = bounds.expiring_soon_until
    if where.search is not None:
        params["pattern"] = contains_pattern(serial_search(where.search))
    return params


_ASCII_UPPER: Final = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def serial_search(text: str) -> str:
    """The text a serial-number search looks for: serials are stored upper case (A-Z
    0-9 - _), so the search is upper-cased (ASCII letters only, as the serials'
    alphabet) and matched with a plain LIKE, cheaper than ILIKE's case folding of
    every serial, with the same matches."""
    return text.translate(_ASCII_UPPER)


def _warranty_condition(status: str) -> ColumnElement[bool]:
    """The end dates of ``status``: the same boundaries as warranty_rules'
    warranty_status (the end day is covered; expiring_soon up to and including the
    bound), as ranges the index on warranty_end_date serves."""
    end = _units.c.warranty_end_date
    if status == "no_warranty":
        return end.is_(None)
    if status == "expired":
        return end < bindparam("today")
    if status == "expiring_soon":
        return end.between(bindparam("today"), bindparam("soon_until"))
    if status == "active":
        return end > bindparam("soon_until")
    raise ValueError(f"unknown warranty status {status!r}")


def _filtered(
    statement: Select[Any],
    by_warehouse: bool,
    by_virtual: bool,
    by_condition: bool,
    warranty_status: str | None,
    searched: bool,
) -> Select[Any]:
    if by_warehouse:
        statement = statement.where(
            _units.c.physical_warehouse_id == bindparam("physical_warehouse_id")
        )
    if by_virtual:
        statement = statement.where(
            _units.c.virtual_warehouse_type == bindparam("virtual_warehouse_type")
        )
    if by_condition:
        statement = statement.where(_units.c.condition == bindparam("condition"))
    if warranty_status is not None:
        statement = statement.where(_warranty_condition(warranty_status))
    if searched:
        statement = statement.where(
            _units.c.serial_number.like(bindparam("pattern"), escape=LIKE_ESCAPE)
        )
    return statement


@cache
def _page(*shape: Any) -> CompiledQuery:
    statement = _filtered(unit_views(), *shape)
    statement = statement.order_by(_units.c.created_at.desc(), _units.c.id.desc())
    return CompiledQuery(statement.offset(bindparam("offset")).limit(bindparam("limit")))


@cache
def _counting(*shape: Any) -> CompiledQuery:
    return CompiledQuery(_filtered(select(func.count()).select_from(_units), *shape))


@cache
def _view_by_id() -> CompiledQuery:
    return CompiledQuery(unit_views().where(_units.c.id == bindparam("unit_id")))


@cache
def _view_by_serial() -> CompiledQuery:
    return CompiledQuery(unit_views().where(_units.c.serial_number == bindparam("serial_number")))


@cache
def _serial_taken() -> CompiledQuery:
    return CompiledQuery(
        select(_units.c.id).where(_units.c.serial_number == bindparam("serial_number"))
    )
