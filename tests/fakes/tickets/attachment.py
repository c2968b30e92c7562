"""In-memory attachments of tickets."""

from db.tables.tickets import TicketAttachmentRow
from tests.fakes.base import InMemoryRepository


class FakeTicketAttachmentRepository(InMemoryRepository[TicketAttachmentRow]):
    pass
