"""RMA batches and the units in them.

A unit is held by at most one batch that is not completed (``OPEN_RMA_STATUSES``): the
services lock the unit before asking :meth:`RmaItemRepository.open_batch_of` and adding
it, so two batches cannot both take it.

Batches are read with their creator's name and their count of units in one compiled
query (the count a correlated subquery, so a page of batches is one statement whatever
its size); a batch's entries with their units (:func:`unit_views`) and who added them,
in one more.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy import Select, bindparam, func, literal_column, or_, select

from db.compiled_query import CompiledQuery, Row
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.repositories.inventory.unit import UnitViewRecord, unit_views
from db.tables.auth import UserRow
from db.tables.inventory import PhysicalProductRow, RmaBatchItemRow, RmaBatchRow

# A batch holds its units until it is completed (drafts, submitted and shipped ones).
OPEN_RMA_STATUSES: Final = ("draft", "submitted", "shipped")

_batches = table_of(RmaBatchRow)
_items = table_of(RmaBatchItemRow)
_units = table_of(PhysicalProductRow)
_users = table_of(UserRow)


class RmaBatchRecord(NamedTuple):
    """A batch's columns, then its creator's name (None once that user is deleted)."""

    id: str
    supplier_name: str
    status: str
    shipping_date: date | None
    tracking_number: str | None
    notes: str | None
    created_by_id: str | None
    submitted_at: datetime | None
    created_at: datetime
    updated_at: datetime
    creator_full_name: str | None


BATCH_FIELDS = RmaBatchRecord._fields[: RmaBatchRecord._fields.index("creator_full_name")]


class RmaEntryRecord(NamedTuple):
    """An entry's columns, then the name of who added it (None once deleted)."""

    id: str
    batch_id: str
    product_id: str
    added_by_id: str | None
    added_at: datetime
    adder_full_name: str | None


ENTRY_FIELDS = RmaEntryRecord._fields[: RmaEntryRecord._fields.index("adder_full_name")]


@dataclass(frozen=True)
class RmaBatchView:
    """A batch as answers show it: its record and how many units it holds."""

    batch: RmaBatchRecord
    product_count: int


@dataclass(frozen=True)
class RmaEntryView:
    """A batch's entry with the unit it holds, as every unit answer reads one."""

    entry: RmaEntryRecord
    unit: UnitViewRecord


class RmaBatchStore(Store[RmaBatchRow], Protocol):
    def lock(self, batch_id: str) -> RmaBatchRow | None: ...
    def view(self, batch_id: str) -> RmaBatchView | None: ...
    def page(self, status: str | None, *, offset: int, limit: int) -> list[RmaBatchView]: ...
    def count(self, status: str | None) -> int: ...


class RmaBatchRepository(SqlRepository[RmaBatchRow]):
    row_type = RmaBatchRow

    def view(self, batch_id: str) -> RmaBatchView | None:
        if not storable(batch_id):
            return None
        row = _batch_by_id().first(self._link, batch_id=batch_id)
        return None if row is None else _batch_view(row)

    def page(self, status: str | None, *, offset: int, limit: int) -> list[RmaBatchView]:
        """Newest first, then by id: one statement for the whole page."""
        params: dict[str, Any] = {"offset": offset, "limit": limit}
        if status is not None:
            params["status"] = status
        rows = _batch_page(status is not None).all(self._link, **params)
        return [_batch_view(row) for row in rows]

    def count(self, status: str | None) -> int:
        params = {} if status is None else {"status": status}
        row = _batch_count(status is not None).first(self._link, **params)
        return 0 if row is None else int(row[0])


class RmaItemStore(Store[RmaBatchItemRow], Protocol):
    def open_batch_of(self, unit_id: str) -> str | None: ...
    def open_batches_of(self, unit_ids: Sequence[str]) -> dict[str, str]: ...
    def count_in(self, batch_id: str) -> int: ...
    def entries_of(self, batch_id: str) -> list[RmaEntryView]: ...


class RmaItemRepository(SqlRepository[RmaBatchItemRow]):
    row_type = RmaBatchItemRow

    def open_batch_of(self, unit_id: str) -> str | None:
        """The id of the batch not yet completed that holds the unit, if any."""
        if not storable(unit_id):
            return None
        row = _open_batch_of().first(self._link, unit_id=unit_id)
        return None if row is None else str(row[0])

    def open_batches_of(self, unit_ids: Sequence[str]) -> dict[str, str]:
        """For each of the units held by a batch not yet completed, that batch's id: one
        statement for all of them (a list parameter: the ORM's path, not a compiled
        query)."""
        wanted = sorted({unit_id for unit_id in unit_ids if storable(unit_id)})
        if not wanted:
            return {}
        statement = _open_items(_items.c.product_id, _items.c.batch_id).where(
            _items.c.product_id.in_(wanted)
        )
        return {
            str(unit_id): str(batch_id) for unit_id, batch_id in self._session.execute(statement)
        }

    def count_in(self, batch_id: str) -> int:
        """How many units the batch holds."""
        if not storable(batch_id):
            return 0
        row = _count_in().first(self._link, batch_id=batch_id)
        return 0 if row is None else int(row[0])

    def entries_of(self, batch_id: str) -> list[RmaEntryView]:
        """The batch's entries in the order they were added, each with its unit: one
        statement for all of them."""
        if not storable(batch_id):
            return []
        split = len(RmaEntryRecord._fields)
        return [
            RmaEntryView(RmaEntryRecord._make(row[:split]), UnitViewRecord._make(row[split:]))
            for row in _entries_of().all(self._link, batch_id=batch_id)
        ]


def _batch_view(row: Row) -> RmaBatchView:
    return RmaBatchView(RmaBatchRecord._make(row[:-1]), int(row[-1]))


def _batch_views() -> Select[Any]:
    """Every column of :class:`RmaBatchRecord` and the batch's count of units."""
    product_count = (
        select(func.count())
        .select_from(_items)
        .where(_items.c.batch_id == _batches.c.id)
        .correlate(_batches)
        .scalar_subquery()
    )
    return select(*columns_of(BATCH_FIELDS, _batches), _users.c.full_name, product_count).outerjoin(
        _users, _users.c.id == _batches.c.created_by_id
    )


@cache
def _batch_by_id() -> CompiledQuery:
    return CompiledQuery(_batch_views().where(_batches.c.id == bindparam("batch_id")))


@cache
def _batch_page(by_status: bool) -> CompiledQuery:
    statement = _batch_views()
    if by_status:
        statement = statement.where(_batches.c.status == bindparam("status"))
    statement = statement.order_by(_batches.c.created_at.desc(), _batches.c.id)
    return CompiledQuery(statement.offset(bindparam("offset")).limit(bindparam("limit")))


@cache
def _batch_count(by_status: bool) -> CompiledQuery:
    statement = select(func.count()).select_from(_batches)
    if by_status:
        statement = statement.where(_batches.c.status == bindparam("status"))
    return CompiledQuery(statement)


@cache
def _count_in() -> CompiledQuery:
    return CompiledQuery(
        select(func.count()).select_from(_items).where(_items.c.batch_id == bindparam("batch_id"))
    )


@cache
def _entries_of() -> CompiledQuery:
    # The entry's columns first, then the unit's as unit_views() reads them, over its
    # joins (units, model, brand, warehouse) joined to the entries and their adders.
    units = unit_views()
    statement = (
        units.with_only_columns(
            *columns_of(ENTRY_FIELDS, _items),
            _users.c.full_name,
            *units.selected_columns,
            maintain_column_froms=True,
        )
        .join(_items, _items.c.product_id == _units.c.id)
        .outerjoin(_users, _users.c.id == _items.c.added_by_id)
        .where(_items.c.batch_id == bindparam("batch_id"))
        # One call adds its units at one time, in the units' id order (their lock order).
        .order_by(_items.c.added_at, _items.c.product_id)
    )
    return CompiledQuery(statement)


def _is_open(status: Any) -> Any:
    # SQL literals, not bound values (an IN list would be one parameter per execution):
    # a compiled query binds only its named parameters.
    return or_(*(status == literal_column(f"'{name}'") for name in OPEN_RMA_STATUSES))


def _open_items(*columns: Any) -> Select[Any]:
    """``columns`` of the entries in batches not yet completed."""
    return (
        select(*columns)
        .select_from(_items)
        .join(_batches, _batches.c.id == _items.c.batch_id)
        .where(_is_open(_batches.c.status))
    )


@cache
def _open_batch_of() -> CompiledQuery:
    # At most one such batch holds a unit; no LIMIT, whose value would be a parameter
    # the compiled query does not name.
    return CompiledQuery(
        _open_items(_items.c.batch_id).where(_items.c.product_id == bindparam("unit_id"))
    )
