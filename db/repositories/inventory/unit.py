"""Serial-numbered units: stored, locked, and read as answers show them.

A unit's answer embeds its product model (with the model's brand) and its physical
warehouse: :func:`unit_views` reads them in one joined query, which every reading of
units (one, a page, a batch's entries) builds on.
"""

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Select, bindparam, select
from sqlmodel import col

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.tables.catalog import BrandRow, ProductModelRow, WarehouseRow
from db.tables.inventory import PhysicalProductRow

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


class PhysicalProductStore(Store[PhysicalProductRow], Protocol):
    def lock(self, unit_id: str) -> PhysicalProductRow | None: ...
    def lock_by_serial(self, serial_number: str) -> PhysicalProductRow | None: ...
    def lock_many(self, unit_ids: Sequence[str]) -> list[PhysicalProductRow]: ...
    def serial_taken(self, serial_number: str) -> bool: ...
    def view(self, unit_id: str) -> UnitViewRecord | None: ...
    def view_by_serial(self, serial_number: str) -> UnitViewRecord | None: ...


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
