"""Files recorded against tickets."""

from datetime import datetime
from functools import cache
from typing import NamedTuple, Protocol

from sqlalchemy import bindparam, select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.tables.tickets import TicketAttachmentRow

_attachments = table_of(TicketAttachmentRow)


class TicketAttachmentRecord(NamedTuple):
    """An attachment as answers show it: the row's own columns."""

    id: str
    ticket_id: str
    file_name: str
    file_path: str
    file_size: int
    file_type: str
    sha256: str | None
    description: str | None
    uploaded_by: str | None
    created_at: datetime


class TicketAttachmentStore(Store[TicketAttachmentRow], Protocol):
    def get(self, row_id: str, *, reload: bool = False) -> TicketAttachmentRow | None: ...
    def delete(self, row: TicketAttachmentRow) -> None: ...
    def of_ticket(self, ticket_id: str) -> list[TicketAttachmentRecord]: ...
    def path_taken(self, file_path: str) -> bool: ...


class TicketAttachmentRepository(SqlRepository[TicketAttachmentRow]):
    row_type = TicketAttachmentRow

    def of_ticket(self, ticket_id: str) -> list[TicketAttachmentRecord]:
        """The ticket's attachments, oldest first (then by id)."""
        if not storable(ticket_id):
            return []
        rows = _of_ticket().all(self._link, id=ticket_id)
        return [TicketAttachmentRecord._make(row) for row in rows]

    def path_taken(self, file_path: str) -> bool:
        """Whether a stored file is already attached (to any ticket)."""
        if not storable(file_path):
            return False
        return _by_path().first(self._link, path=file_path) is not None


@cache
def _of_ticket() -> CompiledQuery:
    statement = select(*columns_of(TicketAttachmentRecord._fields, _attachments)).where(
        _attachments.c.ticket_id == bindparam("id")
    )
    return CompiledQuery(statement.order_by(_attachments.c.created_at, _attachments.c.id))


@cache
def _by_path() -> CompiledQuery:
    return CompiledQuery(
        select(_attachments.c.id).where(_attachments.c.file_path == bindparam("path"))
    )
