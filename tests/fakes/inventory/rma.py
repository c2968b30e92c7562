"""In-memory RMA batches and their entries, read with the fake users and units."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from db.repositories.inventory.rma import (
    BATCH_FIELDS,
    ENTRY_FIELDS,
    OPEN_RMA_STATUSES,
    RmaBatchRecord,
    RmaBatchView,
    RmaEntryRecord,
    RmaEntryView,
)
from db.tables.inventory import RmaBatchItemRow, RmaBatchRow
from tests.fakes.base import InMemoryRepository

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeRmaBatchRepository(InMemoryRepository[RmaBatchRow]):
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        super().__init__()
        self._uow = uow

    def view(self, batch_id: str) -> RmaBatchView | None:
        batch = self.rows.get(batch_id)
        return None if batch is None else self._view_of(batch)

    def page(self, status: str | None, *, offset: int, limit: int) -> list[RmaBatchView]:
        by_id = sorted(self._matching(status), key=lambda batch: batch.id)
        newest_first = sorted(by_id, key=lambda batch: batch.created_at, reverse=True)
        return [self._view_of(batch) for batch in newest_first[offset : offset + limit]]

    def count(self, status: str | None) -> int:
        return len(self._matching(status))

    def _matching(self, status: str | None) -> list[RmaBatchRow]:
        return [row for row in self.rows.values() if status is None or row.status == status]

    def _view_of(self, batch: RmaBatchRow) -> RmaBatchView:
        creator = (
            None if batch.created_by_id is None else self._uow.users.rows.get(batch.created_by_id)
        )
        record = RmaBatchRecord(
            *(getattr(batch, name) for name in BATCH_FIELDS),
            creator_full_name=None if creator is None else creator.full_name,
        )
        return RmaBatchView(record, self._uow.rma_items.count_in(batch.id))


class FakeRmaItemRepository(InMemoryRepository[RmaBatchItemRow]):
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        super().__init__()
        self._uow = uow

    def open_batch_of(self, unit_id: str) -> str | None:
        for item in self.rows.values():
            batch = self._uow.rma_batches.rows[item.batch_id]
            if item.product_id == unit_id and batch.status in OPEN_RMA_STATUSES:
                return batch.id
        return None

    def open_batches_of(self, unit_ids: Sequence[str]) -> dict[str, str]:
        held = {unit_id: self.open_batch_of(unit_id) for unit_id in unit_ids}
        return {unit_id: batch_id for unit_id, batch_id in held.items() if batch_id is not None}

    def count_in(self, batch_id: str) -> int:
        return sum(1 for item in self.rows.values() if item.batch_id == batch_id)

    def entries_of(self, batch_id: str) -> list[RmaEntryView]:
        items = sorted(
            (item for item in self.rows.values() if item.batch_id == batch_id),
            key=lambda item: (item.added_at, item.product_id),
        )
        return [self._view_of(item) for item in items]

    def _view_of(self, item: RmaBatchItemRow) -> RmaEntryView:
        adder = None if item.added_by_id is None else self._uow.users.rows.get(item.added_by_id)
        record = RmaEntryRecord(
            *(getattr(item, name) for name in ENTRY_FIELDS),
            adder_full_name=None if adder is None else adder.full_name,
        )
        unit = self._uow.physical_products.rows[item.product_id]
        return RmaEntryView(record, self._uow.physical_products.view_of(unit))
