"""Comments on tickets, each with its author (the contract's ``profiles``)."""

from datetime import datetime
from functools import cache
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Select, bindparam, select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.tables.auth import UserRow
from db.tables.tickets import TicketCommentRow

_comments = table_of(TicketCommentRow)
_users = table_of(UserRow)


class TicketCommentRecord(NamedTuple):
    """A comment as answers show it: its columns, then its author's (None once the
    author's user is deleted)."""

    id: str
    ticket_id: str
    comment: str
    comment_type: str
    is_internal: bool
    created_by: str | None
    created_at: datetime
    author_full_name: str | None
    author_role: str | None


COMMENT_FIELDS = TicketCommentRecord._fields[
    : TicketCommentRecord._fields.index("author_full_name")
]


class TicketCommentStore(Store[TicketCommentRow], Protocol):
    def of_ticket(self, ticket_id: str) -> list[TicketCommentRecord]: ...
    def view(self, comment_id: str) -> TicketCommentRecord | None: ...


class TicketCommentRepository(SqlRepository[TicketCommentRow]):
    row_type = TicketCommentRow

    def of_ticket(self, ticket_id: str) -> list[TicketCommentRecord]:
        """The ticket's comments, oldest first (then by id)."""
        if not storable(ticket_id):
            return []
        rows = _of_ticket().all(self._link, id=ticket_id)
        return [TicketCommentRecord._make(row) for row in rows]

    def view(self, comment_id: str) -> TicketCommentRecord | None:
        if not storable(comment_id):
            return None
        row = _by_id().first(self._link, id=comment_id)
        return None if row is None else TicketCommentRecord._make(row)


def _views() -> Select[Any]:
    return select(
        *columns_of(COMMENT_FIELDS, _comments), _users.c.full_name, _users.c.role
    ).outerjoin(_users, _users.c.id == _comments.c.created_by)


@cache
def _of_ticket() -> CompiledQuery:
    statement = _views().where(_comments.c.ticket_id == bindparam("id"))
    return CompiledQuery(statement.order_by(_comments.c.created_at, _comments.c.id))


@cache
def _by_id() -> CompiledQuery:
    return CompiledQuery(_views().where(_comments.c.id == bindparam("id")))
