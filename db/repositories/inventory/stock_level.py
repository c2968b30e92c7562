"""Stock levels: per product model and virtual warehouse, the units there now, against
the threshold set for that place. Counted by the database on every read (no cache, no
materialized view), so a level is exact after every movement.

One statement reads them: the units grouped by (model, virtual warehouse), united with
the thresholds' keys (a threshold where no unit stands is a level of 0), joined to the
model and to the threshold; the status is a CASE in the same SELECT
(services/inventory/stock_rules.py states the rule), so filtering by status, counting
and paging are the database's work. UNION ALL and a second GROUP BY rather than a FULL
OUTER JOIN: the same SQL on SQLite and PostgreSQL, and the units' GROUP BY reads only
the (product_id, virtual_warehouse_type) index.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy import (
    Integer,
    String,
    and_,
    bindparam,
    case,
    false,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.sql import Subquery
from sqlmodel import Session

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import (
    LIKE_ESCAPE,
    TransactionLink,
    as_link,
    contains_pattern,
    storable,
)
from db.tables.catalog import ProductModelRow
from db.tables.inventory import PhysicalProductRow, StockThresholdRow

_units = table_of(PhysicalProductRow)
_thresholds = table_of(StockThresholdRow)
_models = table_of(ProductModelRow)


class StockLevelRecord(NamedTuple):
    """A product model's columns (id, name, sku, type), then its stock in one virtual
    warehouse, computed by the query: the units there, the threshold's values (0, 0
    and False where none is set) and the status."""

    id: str
    name: str
    sku: str
    type: str
    virtual_warehouse_type: str
    current_stock: int
    threshold: int
    reorder_quantity: int
    alert_enabled: bool
    status: str


_MODEL_FIELDS: Final = ("id", "name", "sku", "type")


@dataclass(frozen=True, slots=True)
class StockLevelFilter:
    """What a list of stock levels is narrowed to; None: not narrowed by it."""

    warehouse_type: str | None = None
    status: str | None = None
    search: str | None = None  # in the model's name or SKU


class StockLevelStore(Protocol):
    def list_page(
        self, where: StockLevelFilter, *, offset: int, limit: int
    ) -> list[StockLevelRecord]: ...
    def count(self, where: StockLevelFilter) -> int: ...
    def list_all(self, where: StockLevelFilter) -> list[StockLevelRecord]: ...
    def alerts(self) -> list[StockLevelRecord]: ...


class StockLevelRepository:
    def __init__(self, link: TransactionLink | Session) -> None:
        self._link = as_link(link)

    def list_page(
        self, where: StockLevelFilter, *, offset: int, limit: int
    ) -> list[StockLevelRecord]:
        """One page, by model name, then SKU, then virtual warehouse."""
        params = _filter_params(where)
        if params is None:
            return []
        query = _listing(*_narrowed_by(where), paged=True)
        rows = query.all(self._link, **params, offset=offset, limit=limit)
        return [StockLevelRecord._make(row) for row in rows]

    def count(self, where: StockLevelFilter) -> int:
        params = _filter_params(where)
        if params is None:
            return 0
        row = _counting(*_narrowed_by(where)).first(self._link, **params)
        return int(row[0]) if row is not None else 0

    def list_all(self, where: StockLevelFilter) -> list[StockLevelRecord]:
        """Every level ``where`` keeps, in the order of :meth:`list_page`."""
        params = _filter_params(where)
        if params is None:
            return []
        rows = _listing(*_narrowed_by(where), paged=False).all(self._link, **params)
        return [StockLevelRecord._make(row) for row in rows]

    def alerts(self) -> list[StockLevelRecord]:
        """The levels at warning or critical whose threshold alerts: critical first,
        then by model name, SKU and virtual warehouse."""
        return [StockLevelRecord._make(row) for row in _alerting().all(self._link)]


# Constants written into the SQL: a compiled query takes no anonymous parameters.
_ZERO: Any = literal_column("0", Integer)
_TWO: Any = literal_column("2", Integer)
_THREE: Any = literal_column("3", Integer)
_CRITICAL: Any = literal_column("'critical'", String)
_WARNING: Any = literal_column("'warning'", String)
_OK: Any = literal_column("'ok'", String)


def stock_levels() -> Subquery:
    """Every stock level, as a subquery with :class:`StockLevelRecord`'s columns: the
    readings add their WHERE, ORDER BY and page."""
    place = (_units.c.product_id, _units.c.virtual_warehouse_type)
    counted = select(*place, func.count().label("units")).group_by(*place)
    # A threshold with no unit where it is set: a level of 0.
    set_up = select(_thresholds.c.product_id, _thresholds.c.virtual_warehouse_type, _ZERO)
    keyed = union_all(counted, set_up).subquery("keyed")
    key = (keyed.c.product_id, keyed.c.virtual_warehouse_type)
    # MAX: a place with units and a threshold is in both halves, as (n) and (0).
    per_place = (
        select(*key, func.max(keyed.c.units).label("current_stock"))
        .group_by(*key)
        .subquery("per_place")
    )
    current_stock = per_place.c.current_stock
    threshold = func.coalesce(_thresholds.c.minimum_quantity, _ZERO)
    status = case(
        (current_stock <= threshold, _CRITICAL),
        (_TWO * current_stock <= _THREE * threshold, _WARNING),
        else_=_OK,
    )
    return (
        select(
            *columns_of(_MODEL_FIELDS, _models),
            per_place.c.virtual_warehouse_type,
            current_stock,
            threshold.label("threshold"),
            func.coalesce(_thresholds.c.reorder_quantity, _ZERO).label("reorder_quantity"),
            func.coalesce(_thresholds.c.alert_enabled, false()).label("alert_enabled"),
            status.label("status"),
        )
        .select_from(
            per_place.join(_models, _models.c.id == per_place.c.product_id).outerjoin(
                _thresholds,
                and_(
                    _thresholds.c.product_id == per_place.c.product_id,
                    _thresholds.c.virtual_warehouse_type == per_place.c.virtual_warehouse_type,
                ),
            )
        )
        .subquery("stock_levels")
    )


def _narrowed_by(where: StockLevelFilter) -> tuple[bool, bool, bool]:
    return (where.warehouse_type is not None, where.status is not None, where.search is not None)


def _filter_params(where: StockLevelFilter) -> dict[str, Any] | None:
    """The bound values of ``where``'s query; None when a value cannot be stored (no
    level has it, and PostgreSQL would refuse the NUL in it)."""
    params: dict[str, Any] = {}
    if where.warehouse_type is not None:
        params["warehouse_type"] = where.warehouse_type
    if where.status is not None:
        params["status"] = where.status
    if where.search is not None:
        params["pattern"] = contains_pattern(where.search)
    if not all(storable(value) for value in params.values()):
        return None
    return params


def _kept(statement: Any, levels: Subquery, by_place: bool, by_status: bool, searched: bool) -> Any:
    if by_place:
        statement = statement.where(
            levels.c.virtual_warehouse_type == bindparam("warehouse_type", type_=String)
        )
    if by_status:
        statement = statement.where(levels.c.status == bindparam("status", type_=String))
    if searched:
        pattern = bindparam("pattern", type_=String)
        statement = statement.where(
            or_(
                levels.c.name.ilike(pattern, escape=LIKE_ESCAPE),
                levels.c.sku.ilike(pattern, escape=LIKE_ESCAPE),
            )
        )
    return statement


def _in_order(levels: Subquery) -> tuple[Any, ...]:
    # A model's SKU is unique: the order is total.
    return (levels.c.name, levels.c.sku, levels.c.virtual_warehouse_type)


@cache
def _listing(by_place: bool, by_status: bool, searched: bool, *, paged: bool) -> CompiledQuery:
    """Levels kept by the filters named: one compiled query per combination (a few),
    each built once."""
    levels = stock_levels()
    statement = _kept(select(*levels.c), levels, by_place, by_status, searched)
    statement = statement.order_by(*_in_order(levels))
    if paged:
        statement = statement.offset(bindparam("offset")).limit(bindparam("limit"))
    return CompiledQuery(statement)


@cache
def _counting(by_place: bool, by_status: bool, searched: bool) -> CompiledQuery:
    levels = stock_levels()
    statement = select(func.count()).select_from(levels)
    return CompiledQuery(_kept(statement, levels, by_place, by_status, searched))


@cache
def _alerting() -> CompiledQuery:
    levels = stock_levels()
    critical_first = case((levels.c.status == _CRITICAL, _ZERO), else_=literal_column("1"))
    statement = (
        select(*levels.c)
        .where(levels.c.status.in_([_CRITICAL, _WARNING]), levels.c.alert_enabled)
        .order_by(critical_first, *_in_order(levels))
    )
    return CompiledQuery(statement)
