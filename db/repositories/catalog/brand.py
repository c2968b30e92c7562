"""Brands: listed by name, unique ignoring case through ``name_key``."""

from datetime import datetime
from functools import cache
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy import bindparam, func
from sqlmodel import col, select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import LIKE_ESCAPE, SqlRepository, Store, contains_pattern
from db.repositories.references import Reference, referring
from db.tables.catalog import BrandRow, ProductModelRow


class BrandRecord(NamedTuple):
    """A brand as listed, read without the ORM (its key is for uniqueness only)."""

    id: str
    name: str
    created_at: datetime
    updated_at: datetime


class BrandNameRecord(NamedTuple):
    """A brand as other catalog rows show it: ``{id, name}``."""

    id: str
    name: str


_brands = table_of(BrandRow)

# What refers to a brand: a brand is not deleted while any of these does.
BRAND_REFERENCES: Final = (Reference(table_of(ProductModelRow).c.brand_id, "product models"),)


class BrandStore(Store[BrandRow], Protocol):
    def list_page(self, *, search: str | None, offset: int, limit: int) -> list[BrandRecord]: ...
    def count(self, *, search: str | None) -> int: ...
    def with_name_key(self, name_key: str) -> BrandRow | None: ...
    def referred_to_by(self, brand_id: str) -> list[str]: ...
    def delete(self, row: BrandRow) -> None: ...


class BrandRepository(SqlRepository[BrandRow]):
    row_type = BrandRow

    def list_page(self, *, search: str | None, offset: int, limit: int) -> list[BrandRecord]:
        params: dict[str, Any] = {"offset": offset, "limit": limit}
        if search is not None:
            params["pattern"] = contains_pattern(search)
        rows = _listing(searched=search is not None).all(self._link, **params)
        return [BrandRecord._make(row) for row in rows]

    def count(self, *, search: str | None) -> int:
        params = {} if search is None else {"pattern": contains_pattern(search)}
        row = _counting(searched=search is not None).first(self._link, **params)
        return int(row[0]) if row is not None else 0

    def with_name_key(self, name_key: str) -> BrandRow | None:
        statement = select(BrandRow).where(col(BrandRow.name_key) == name_key)
        return self._session.exec(statement).first()

    def referred_to_by(self, brand_id: str) -> list[str]:
        return referring(self._link, BRAND_REFERENCES, brand_id)


def _searched(statement: Any, *, searched: bool) -> Any:
    if searched:
        statement = statement.where(_brands.c.name.ilike(bindparam("pattern"), escape=LIKE_ESCAPE))
    return statement


@cache
def _listing(*, searched: bool) -> CompiledQuery:
    statement = _searched(select(*columns_of(BrandRecord._fields, _brands)), searched=searched)
    statement = statement.order_by(_brands.c.name, _brands.c.id)
    return CompiledQuery(statement.offset(bindparam("offset")).limit(bindparam("limit")))


@cache
def _counting(*, searched: bool) -> CompiledQuery:
    return CompiledQuery(_searched(select(func.count()).select_from(_brands), searched=searched))
