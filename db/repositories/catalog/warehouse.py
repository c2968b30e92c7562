"""Physical warehouses, listed by name; a code is unique (stored upper case)."""

from datetime import datetime
from functools import cache
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy import bindparam, func, or_
from sqlmodel import col, select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import LIKE_ESCAPE, SqlRepository, Store, contains_pattern
from db.repositories.references import Reference, referring
from db.tables.catalog import WarehouseRow
from db.tables.inventory import PhysicalProductRow


class WarehouseRecord(NamedTuple):
    """A warehouse as listed, read without the ORM."""

    id: str
    name: str
    code: str
    location: str | None
    created_at: datetime
    updated_at: datetime


_warehouses = table_of(WarehouseRow)

# What refers to a warehouse: it is not deleted while any of these does. Movements that
# name it do not count: they keep their other facts when it goes (SET NULL).
WAREHOUSE_REFERENCES: Final[tuple[Reference, ...]] = (
    Reference(table_of(PhysicalProductRow).c.physical_warehouse_id, "serial-numbered products"),
)


class WarehouseStore(Store[WarehouseRow], Protocol):
    def list_page(
        self, *, search: str | None, offset: int, limit: int
    ) -> list[WarehouseRecord]: ...
    def count(self, *, search: str | None) -> int: ...
    def with_code(self, code: str) -> WarehouseRow | None: ...
    def referred_to_by(self, warehouse_id: str) -> list[str]: ...
    def delete(self, row: WarehouseRow) -> None: ...


class WarehouseRepository(SqlRepository[WarehouseRow]):
    row_type = WarehouseRow

    def list_page(self, *, search: str | None, offset: int, limit: int) -> list[WarehouseRecord]:
        params: dict[str, Any] = {"offset": offset, "limit": limit}
        if search is not None:
            params["pattern"] = contains_pattern(search)
        rows = _listing(searched=search is not None).all(self._link, **params)
        return [WarehouseRecord._make(row) for row in rows]

    def count(self, *, search: str | None) -> int:
        params = {} if search is None else {"pattern": contains_pattern(search)}
        row = _counting(searched=search is not None).first(self._link, **params)
        return int(row[0]) if row is not None else 0

    def with_code(self, code: str) -> WarehouseRow | None:
        statement = select(WarehouseRow).where(col(WarehouseRow.code) == code)
        return self._session.exec(statement).first()

    def referred_to_by(self, warehouse_id: str) -> list[str]:
        return referring(self._link, WAREHOUSE_REFERENCES, warehouse_id)


def _searched(statement: Any, *, searched: bool) -> Any:
    if searched:
        pattern: Any = bindparam("pattern")
        statement = statement.where(
            or_(
                _warehouses.c.name.ilike(pattern, escape=LIKE_ESCAPE),
                _warehouses.c.code.ilike(pattern, escape=LIKE_ESCAPE),
            )
        )
    return statement


@cache
def _listing(*, searched: bool) -> CompiledQuery:
    columns = columns_of(WarehouseRecord._fields, _warehouses)
    statement = _searched(select(*columns), searched=searched)
    statement = statement.order_by(_warehouses.c.name, _warehouses.c.id)
    return CompiledQuery(statement.offset(bindparam("offset")).limit(bindparam("limit")))


@cache
def _counting(*, searched: bool) -> CompiledQuery:
    return CompiledQuery(
        _searched(select(func.count()).select_from(_warehouses), searched=searched)
    )
