"""Stock thresholds: per product model and virtual warehouse, the level that warns.

A threshold's key has two parts (model, virtual warehouse), so this store finds rows by
both rather than by one id as the other stores do.
"""

from typing import Any, Protocol

from sqlalchemy import Dialect
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from db.records import table_of
from db.repositories.base import TransactionLink, as_link, storable
from db.tables.inventory import StockThresholdRow

_thresholds = table_of(StockThresholdRow)
# What setting a threshold again changes: all but its key.
_SETTINGS = (
    "minimum_quantity",
    "reorder_quantity",
    "alert_enabled",
    "updated_by_id",
    "updated_at",
)


class StockThresholdStore(Protocol):
    def add(self, row: StockThresholdRow) -> None: ...
    def find(self, product_id: str, virtual_warehouse_type: str) -> StockThresholdRow | None: ...
    def put(self, row: StockThresholdRow) -> None: ...


class StockThresholdRepository:
    def __init__(self, link: TransactionLink | Session) -> None:
        self._link = as_link(link)

    def add(self, row: StockThresholdRow) -> None:
        self._link.session.add(row)

    def find(self, product_id: str, virtual_warehouse_type: str) -> StockThresholdRow | None:
        if not storable(product_id):
            return None
        return self._link.session.get(StockThresholdRow, (product_id, virtual_warehouse_type))

    def put(self, row: StockThresholdRow) -> None:
        """Set the threshold of ``row``'s (model, virtual warehouse): added if none is
        set, else changed to ``row``'s values. One statement, so two callers setting
        the same key at once both succeed, the later one's values staying (an insert
        after a failed find would make the slower one's INSERT a unique violation)."""
        self._link.session.execute(_upsert(self._link.dialect, row))


def _upsert(dialect: Dialect, row: StockThresholdRow) -> Any:
    # INSERT ... ON CONFLICT (product_id, virtual_warehouse_type) DO UPDATE SET ...:
    # the same statement on both databases.
    insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
    statement = insert(_thresholds).values(
        {column.key: getattr(row, column.key) for column in _thresholds.c}
    )
    return statement.on_conflict_do_update(
        index_elements=[_thresholds.c.product_id, _thresholds.c.virtual_warehouse_type],
        set_={name: statement.excluded[name] for name in _SETTINGS},
    )
