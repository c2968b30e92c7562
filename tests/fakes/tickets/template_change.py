"""In-memory audit of tickets' template switches."""

from db.tables.tickets import TicketTemplateChangeRow
from tests.fakes.base import InMemoryRepository


class FakeTemplateChangeRepository(InMemoryRepository[TicketTemplateChangeRow]):
    def of_ticket(self, ticket_id: str) -> list[TicketTemplateChangeRow]:
        changes = [row for row in self.rows.values() if row.ticket_id == ticket_id]
        return sorted(changes, key=lambda row: (row.changed_at, row.id))
