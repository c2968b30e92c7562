"""Movements of units: each change of a unit's place, written with it
(services/inventory/moving.py)."""

from typing import Protocol

from db.repositories.base import SqlRepository, Store
from db.tables.inventory import StockMovementRow


class StockMovementStore(Store[StockMovementRow], Protocol):
    pass


class StockMovementRepository(SqlRepository[StockMovementRow]):
    row_type = StockMovementRow
