"""RMA batches and the units in them.

A unit is held by at most one batch that is not completed (``OPEN_RMA_STATUSES``): the
services lock the unit before asking :meth:`RmaItemRepository.open_batch_of` and adding
it, so two batches cannot both take it.
"""

from functools import cache
from typing import Final, Protocol

from sqlalchemy import ColumnElement, bindparam, literal_column, or_, select

from db.compiled_query import CompiledQuery
from db.records import table_of
from db.repositories.base import SqlRepository, Store, storable
from db.tables.inventory import RmaBatchItemRow, RmaBatchRow

# A batch holds its units until it is completed (drafts, submitted and shipped ones).
OPEN_RMA_STATUSES: Final = ("draft", "submitted", "shipped")

_batches = table_of(RmaBatchRow)
_items = table_of(RmaBatchItemRow)


class RmaBatchStore(Store[RmaBatchRow], Protocol):
    def lock(self, batch_id: str) -> RmaBatchRow | None: ...


class RmaBatchRepository(SqlRepository[RmaBatchRow]):
    row_type = RmaBatchRow


class RmaItemStore(Store[RmaBatchItemRow], Protocol):
    def open_batch_of(self, unit_id: str) -> str | None: ...


class RmaItemRepository(SqlRepository[RmaBatchItemRow]):
    row_type = RmaBatchItemRow

    def open_batch_of(self, unit_id: str) -> str | None:
        """The id of the batch not yet completed that holds the unit, if any."""
        if not storable(unit_id):
            return None
        row = _open_batch_of().first(self._link, unit_id=unit_id)
        return None if row is None else str(row[0])


@cache
def _open_batch_of() -> CompiledQuery:
    return CompiledQuery(
        select(_items.c.batch_id)
        .join(_batches, _batches.c.id == _items.c.batch_id)
        .where(_items.c.product_id == bindparam("unit_id"))
        .where(_open())
    )


def _open() -> ColumnElement[bool]:
    # The statuses as SQL literals: ``in_`` with a list would be an expanding
    # parameter, which a compiled query cannot take (nor a LIMIT given as a number: a
    # unit is in one open batch at most, so none is needed).
    status = _batches.c.status
    return or_(*(status == literal_column(f"'{name}'") for name in OPEN_RMA_STATUSES))
