"""In-memory movements of units."""

from db.tables.inventory import StockMovementRow
from tests.fakes.base import InMemoryRepository


class FakeStockMovementRepository(InMemoryRepository[StockMovementRow]):
    def of_unit(self, unit_id: str) -> list[StockMovementRow]:
        """The unit's movements in the order they were written."""
        return [movement for movement in self.rows.values() if movement.product_id == unit_id]
