"""Files recorded against tickets."""

from typing import Protocol

from db.repositories.base import SqlRepository, Store
from db.tables.tickets import TicketAttachmentRow


class TicketAttachmentStore(Store[TicketAttachmentRow], Protocol):
    def delete(self, row: TicketAttachmentRow) -> None: ...


class TicketAttachmentRepository(SqlRepository[TicketAttachmentRow]):
    row_type = TicketAttachmentRow
