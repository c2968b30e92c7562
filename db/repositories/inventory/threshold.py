"""Stock thresholds: per product model and virtual warehouse, the level that warns.

A threshold's key has two parts (model, virtual warehouse), so this store finds rows by
both rather than by one id as the other stores do.
"""

from typing import Protocol

from sqlmodel import Session

from db.repositories.base import TransactionLink, as_link, storable
from db.tables.inventory import StockThresholdRow


class StockThresholdStore(Protocol):
    def add(self, row: StockThresholdRow) -> None: ...
    def find(self, product_id: str, virtual_warehouse_type: str) -> StockThresholdRow | None: ...


class StockThresholdRepository:
    def __init__(self, link: TransactionLink | Session) -> None:
        self._link = as_link(link)

    def add(self, row: StockThresholdRow) -> None:
        self._link.session.add(row)

    def find(self, product_id: str, virtual_warehouse_type: str) -> StockThresholdRow | None:
        if not storable(product_id):
            return None
        return self._link.session.get(StockThresholdRow, (product_id, virtual_warehouse_type))
