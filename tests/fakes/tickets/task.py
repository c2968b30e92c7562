"""In-memory tasks of tickets."""

from db.tables.tickets import TicketTaskRow
from tests.fakes.base import InMemoryRepository


class FakeTicketTaskRepository(InMemoryRepository[TicketTaskRow]):
    def of_ticket(self, ticket_id: str) -> list[TicketTaskRow]:
        tasks = [row for row in self.rows.values() if row.ticket_id == ticket_id]
        return sorted(tasks, key=lambda row: row.sequence_order)
