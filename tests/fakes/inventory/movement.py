"""In-memory movements of units, read as the SQL history reads them."""

from typing import TYPE_CHECKING

from db.repositories.inventory.movement import MOVEMENT_FIELDS, MovementHistoryRecord
from db.tables.inventory import StockMovementRow
from tests.fakes.base import InMemoryRepository

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeStockMovementRepository(InMemoryRepository[StockMovementRow]):
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        super().__init__()
        self._uow = uow

    def of_unit(self, unit_id: str) -> list[StockMovementRow]:
        """The unit's movements in the order they were written."""
        return [movement for movement in self.rows.values() if movement.product_id == unit_id]

    def history(self, unit_id: str, *, offset: int, limit: int) -> list[MovementHistoryRecord]:
        newest_first = sorted(
            self.of_unit(unit_id), key=lambda row: (row.created_at, row.id), reverse=True
        )
        return [self._record(row) for row in newest_first[offset : offset + limit]]

    def count_of_unit(self, unit_id: str) -> int:
        return len(self.of_unit(unit_id))

    def _record(self, row: StockMovementRow) -> MovementHistoryRecord:
        warehouses = self._uow.warehouses.rows
        source = warehouses.get(row.from_physical_warehouse_id or "")
        target = warehouses.get(row.to_physical_warehouse_id or "")
        ticket = self._uow.tickets.rows.get(row.reference_ticket_id or "")
        mover = self._uow.users.rows.get(row.moved_by_id or "")
        return MovementHistoryRecord(
            *(getattr(row, name) for name in MOVEMENT_FIELDS),
            from_warehouse_name=None if source is None else source.name,
            from_warehouse_code=None if source is None else source.code,
            from_warehouse_location=None if source is None else source.location,
            to_warehouse_name=None if target is None else target.name,
            to_warehouse_code=None if target is None else target.code,
            to_warehouse_location=None if target is None else target.location,
            ticket_number=None if ticket is None else ticket.ticket_number,
            mover_full_name=None if mover is None else mover.full_name,
        )
