"""The parts used on tickets: each line with its catalog part, and a ticket's lines
for its totals."""

from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Select, bindparam, select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.tables.catalog import PartRow
from db.tables.tickets import TicketPartRow

_lines = table_of(TicketPartRow)
_parts = table_of(PartRow)


class TicketPartRecord(NamedTuple):
    """A part line as answers show it: its columns, then its catalog part's."""

    id: str
    ticket_id: str
    part_id: str
    quantity: int
    unit_price: Decimal
    total: Decimal
    created_at: datetime
    updated_at: datetime
    part_name: str
    part_sku: str


LINE_FIELDS = TicketPartRecord._fields[: TicketPartRecord._fields.index("part_name")]


class TicketPartStore(Store[TicketPartRow], Protocol):
    def lock(self, line_id: str) -> TicketPartRow | None: ...
    def delete(self, row: TicketPartRow) -> None: ...
    def of_ticket(self, ticket_id: str) -> list[TicketPartRecord]: ...
    def view(self, line_id: str) -> TicketPartRecord | None: ...


class TicketPartRepository(SqlRepository[TicketPartRow]):
    row_type = TicketPartRow

    def of_ticket(self, ticket_id: str) -> list[TicketPartRecord]:
        """The ticket's part lines, oldest first (then by id)."""
        if not storable(ticket_id):
            return []
        return [TicketPartRecord._make(row) for row in _of_ticket().all(self._link, id=ticket_id)]

    def view(self, line_id: str) -> TicketPartRecord | None:
        if not storable(line_id):
            return None
        row = _by_id().first(self._link, id=line_id)
        return None if row is None else TicketPartRecord._make(row)


def _views() -> Select[Any]:
    return select(*columns_of(LINE_FIELDS, _lines), _parts.c.name, _parts.c.sku).join(
        _parts, _parts.c.id == _lines.c.part_id
    )


@cache
def _of_ticket() -> CompiledQuery:
    statement = _views().where(_lines.c.ticket_id == bindparam("id"))
    return CompiledQuery(statement.order_by(_lines.c.created_at, _lines.c.id))


@cache
def _by_id() -> CompiledQuery:
    return CompiledQuery(_views().where(_lines.c.id == bindparam("id")))
