"""In-memory RMA batches and their entries."""

from db.repositories.inventory.rma import OPEN_RMA_STATUSES
from db.tables.inventory import RmaBatchItemRow, RmaBatchRow
from tests.fakes.base import InMemoryRepository


class FakeRmaBatchRepository(InMemoryRepository[RmaBatchRow]):
    pass


class FakeRmaItemRepository(InMemoryRepository[RmaBatchItemRow]):
    def __init__(self, batches: FakeRmaBatchRepository) -> None:
        super().__init__()
        self._batches = batches

    def open_batch_of(self, unit_id: str) -> str | None:
        for item in self.rows.values():
            batch = self._batches.rows[item.batch_id]
            if item.product_id == unit_id and batch.status in OPEN_RMA_STATUSES:
                return batch.id
        return None
