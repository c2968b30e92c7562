"""In-memory stock levels: the fake units counted per (model, virtual warehouse), with
the fake thresholds, by the rule of services/inventory/stock_rules.py."""

from collections import Counter
from typing import TYPE_CHECKING

from db.repositories.inventory.stock_level import StockLevelFilter, StockLevelRecord
from services.inventory.stock_rules import CRITICAL, WARNING, stock_status
from tests.fakes.catalog.listing import matches, page

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeStockLevelRepository:
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self._uow = uow

    def levels(self) -> list[StockLevelRecord]:
        """Every level, by model name, SKU and virtual warehouse (binary, as SQLite)."""
        counted = Counter(
            (unit.product_id, unit.virtual_warehouse_type)
            for unit in self._uow.physical_products.rows.values()
        )
        thresholds = self._uow.stock_thresholds.rows
        levels = []
        for key in set(counted) | set(thresholds):
            model = self._uow.product_models.rows[key[0]]
            threshold = thresholds.get(key)
            minimum = 0 if threshold is None else threshold.minimum_quantity
            levels.append(
                StockLevelRecord(
                    id=model.id,
                    name=model.name,
                    sku=model.sku,
                    type=model.type,
                    virtual_warehouse_type=key[1],
                    current_stock=counted[key],
                    threshold=minimum,
                    reorder_quantity=0 if threshold is None else threshold.reorder_quantity,
                    alert_enabled=threshold is not None and threshold.alert_enabled,
                    status=stock_status(counted[key], minimum),
                )
            )
        return sorted(
            levels, key=lambda level: (level.name, level.sku, level.virtual_warehouse_type)
        )

    def _matching(self, where: StockLevelFilter) -> list[StockLevelRecord]:
        return [
            level
            for level in self.levels()
            if where.warehouse_type in (None, level.virtual_warehouse_type)
            and where.status in (None, level.status)
            and matches(where.search, level.name, level.sku)
        ]

    def list_page(
        self, where: StockLevelFilter, *, offset: int, limit: int
    ) -> list[StockLevelRecord]:
        return page(self._matching(where), offset, limit)

    def count(self, where: StockLevelFilter) -> int:
        return len(self._matching(where))

    def list_all(self, where: StockLevelFilter) -> list[StockLevelRecord]:
        return self._matching(where)

    def alerts(self) -> list[StockLevelRecord]:
        alerting = [
            level
            for level in self.levels()
            if level.status in (CRITICAL, WARNING) and level.alert_enabled
        ]
        return sorted(alerting, key=lambda level: level.status != CRITICAL)
