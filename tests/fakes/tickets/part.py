"""In-memory part lines of tickets."""

from typing import TYPE_CHECKING

from db.repositories.tickets.part import LINE_FIELDS, TicketPartRecord
from db.tables.tickets import TicketPartRow
from tests.fakes.base import InMemoryRepository

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeTicketPartRepository(InMemoryRepository[TicketPartRow]):
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        super().__init__()
        self._uow = uow

    def of_ticket(self, ticket_id: str) -> list[TicketPartRecord]:
        lines = [row for row in self.rows.values() if row.ticket_id == ticket_id]
        lines.sort(key=lambda row: (row.created_at, row.id))
        return [self._record(row) for row in lines]

    def view(self, line_id: str) -> TicketPartRecord | None:
        row = self.rows.get(line_id)
        return None if row is None else self._record(row)

    def _record(self, row: TicketPartRow) -> TicketPartRecord:
        part = self._uow.parts.rows[row.part_id]
        own = [getattr(row, name) for name in LINE_FIELDS]
        return TicketPartRecord._make([*own, part.name, part.sku])
