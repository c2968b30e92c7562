"""Movements of units: each change of a unit's place, written with it
(services/inventory/moving.py), and a unit's history read as answers show it.

A movement names two warehouses, so the history's query joins ``warehouses`` twice
(aliased ``from_`` and ``to_``), outer: a warehouse deleted since is null in the
movement (SET NULL), and a receipt came from none. Its ticket and its mover are outer
joins too (no ticket; a mover's user deleted).
"""

from datetime import datetime
from functools import cache
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Select, bindparam, func, select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.tables.auth import UserRow
from db.tables.catalog import WarehouseRow
from db.tables.inventory import StockMovementRow
from db.tables.tickets import ServiceTicketRow

_movements = table_of(StockMovementRow)
_from = table_of(WarehouseRow).alias("from_warehouse")
_to = table_of(WarehouseRow).alias("to_warehouse")
_tickets = table_of(ServiceTicketRow)
_users = table_of(UserRow)


class MovementHistoryRecord(NamedTuple):
    """A movement's columns, then its two warehouses', its ticket's number and its
    mover's name (each null when there is none)."""

    id: str
    product_id: str
    movement_type: str
    from_physical_warehouse_id: str | None
    to_physical_warehouse_id: str | None
    from_virtual_warehouse_type: str | None
    to_virtual_warehouse_type: str
    reference_ticket_id: str | None
    notes: str | None
    moved_by_id: str | None
    created_at: datetime
    from_warehouse_name: str | None
    from_warehouse_code: str | None
    from_warehouse_location: str | None
    to_warehouse_name: str | None
    to_warehouse_code: str | None
    to_warehouse_location: str | None
    ticket_number: str | None
    mover_full_name: str | None


MOVEMENT_FIELDS = MovementHistoryRecord._fields[
    : MovementHistoryRecord._fields.index("from_warehouse_name")
]


class StockMovementStore(Store[StockMovementRow], Protocol):
    def history(self, unit_id: str, *, offset: int, limit: int) -> list[MovementHistoryRecord]: ...
    def count_of_unit(self, unit_id: str) -> int: ...


class StockMovementRepository(SqlRepository[StockMovementRow]):
    row_type = StockMovementRow

    def history(self, unit_id: str, *, offset: int, limit: int) -> list[MovementHistoryRecord]:
        """A page of the unit's movements, newest first (then by id, newest first)."""
        if not storable(unit_id):
            return []
        rows = _history().all(self._link, unit_id=unit_id, offset=offset, limit=limit)
        return [MovementHistoryRecord._make(row) for row in rows]

    def count_of_unit(self, unit_id: str) -> int:
        """How many movements the unit has: never 0 for a unit that exists (its history
        starts with its receipt, and a unit with movements is never deleted)."""
        if not storable(unit_id):
            return 0
        row = _count_of_unit().first(self._link, unit_id=unit_id)
        return int(row[0]) if row is not None else 0


def _views() -> Select[Any]:
    return (
        select(
            *columns_of(MOVEMENT_FIELDS, _movements),
            _from.c.name,
            _from.c.code,
            _from.c.location,
            _to.c.name,
            _to.c.code,
            _to.c.location,
            _tickets.c.ticket_number,
            _users.c.full_name,
        )
        .outerjoin(_from, _from.c.id == _movements.c.from_physical_warehouse_id)
        .outerjoin(_to, _to.c.id == _movements.c.to_physical_warehouse_id)
        .outerjoin(_tickets, _tickets.c.id == _movements.c.reference_ticket_id)
        .outerjoin(_users, _users.c.id == _movements.c.moved_by_id)
    )


@cache
def _history() -> CompiledQuery:
    statement = (
        _views()
        .where(_movements.c.product_id == bindparam("unit_id"))
        .order_by(_movements.c.created_at.desc(), _movements.c.id.desc())
    )
    return CompiledQuery(statement.offset(bindparam("offset")).limit(bindparam("limit")))


@cache
def _count_of_unit() -> CompiledQuery:
    return CompiledQuery(
        select(func.count())
        .select_from(_movements)
        .where(_movements.c.product_id == bindparam("unit_id"))
    )
