"""In-memory comments on tickets."""

from typing import TYPE_CHECKING

from db.repositories.tickets.comment import COMMENT_FIELDS, TicketCommentRecord
from db.tables.tickets import TicketCommentRow
from tests.fakes.base import InMemoryRepository

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeTicketCommentRepository(InMemoryRepository[TicketCommentRow]):
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        super().__init__()
        self._uow = uow

    def of_ticket(self, ticket_id: str) -> list[TicketCommentRecord]:
        comments = [row for row in self.rows.values() if row.ticket_id == ticket_id]
        comments.sort(key=lambda row: (row.created_at, row.id))
        return [self._record(row) for row in comments]

    def view(self, comment_id: str) -> TicketCommentRecord | None:
        row = self.rows.get(comment_id)
        return None if row is None else self._record(row)

    def _record(self, row: TicketCommentRow) -> TicketCommentRecord:
        author = self._uow.users.rows.get(row.created_by) if row.created_by else None
        own = [getattr(row, name) for name in COMMENT_FIELDS]
        joined = [author.full_name, author.role] if author is not None else [None, None]
        return TicketCommentRecord._make(own + joined)
