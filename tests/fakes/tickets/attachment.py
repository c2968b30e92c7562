"""In-memory attachments of tickets."""

from db.repositories.tickets.attachment import TicketAttachmentRecord
from db.tables.tickets import TicketAttachmentRow
from tests.fakes.base import InMemoryRepository


class FakeTicketAttachmentRepository(InMemoryRepository[TicketAttachmentRow]):
    def of_ticket(self, ticket_id: str) -> list[TicketAttachmentRecord]:
        attachments = [row for row in self.rows.values() if row.ticket_id == ticket_id]
        attachments.sort(key=lambda row: (row.created_at, row.id))
        return [
            TicketAttachmentRecord._make(
                getattr(row, name) for name in TicketAttachmentRecord._fields
            )
            for row in attachments
        ]

    def path_taken(self, file_path: str) -> bool:
        return any(row.file_path == file_path for row in self.rows.values())
