"""In-memory RMA batches and their entries."""

from db.tables.inventory import RmaBatchItemRow, RmaBatchRow
from tests.fakes.base import InMemoryRepository


class FakeRmaBatchRepository(InMemoryRepository[RmaBatchRow]):
    pass


class FakeRmaItemRepository(InMemoryRepository[RmaBatchItemRow]):
    pass
