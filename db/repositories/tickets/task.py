"""The steps of tickets' repairs, copied from their templates."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import NamedTuple, Protocol

import sqlalchemy
from sqlalchemy import bindparam
from sqlmodel import col, select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.repositories.workflow import TaskTypeRecord
from db.tables.auth import UserRow
from db.tables.tickets import TicketTaskRow
from db.tables.workflow import TaskTypeRow

_tasks = table_of(TicketTaskRow)
_task_types = table_of(TaskTypeRow)
_users = table_of(UserRow)


class TicketTaskRecord(NamedTuple):
    """A ticket's task as answers show it: its columns, then its assignee's (None when
    it has none, or their user is deleted)."""

    id: str
    ticket_id: str
    task_type_id: str
    template_task_id: str | None
    name: str
    description: str | None
    sequence_order: int
    status: str
    is_required: bool
    assigned_to_id: str | None
    started_at: datetime | None
    completed_at: datetime | None
    completed_by_id: str | None
    notes: str | None
    created_at: datetime
    updated_at: datetime
    assignee_full_name: str | None
    assignee_role: str | None


TASK_FIELDS = TicketTaskRecord._fields[: TicketTaskRecord._fields.index("assignee_full_name")]
_RECORD_WIDTH = len(TicketTaskRecord._fields)


@dataclass(frozen=True)
class TicketTaskView:
    """A ticket's task with its task type, read in the same query."""

    task: TicketTaskRecord
    task_type: TaskTypeRecord


class TicketTaskStore(Store[TicketTaskRow], Protocol):
    def of_ticket(self, ticket_id: str) -> list[TicketTaskRow]: ...
    def views_of_ticket(self, ticket_id: str) -> list[TicketTaskView]: ...
    def delete(self, row: TicketTaskRow) -> None: ...
    def flush(self) -> None: ...


class TicketTaskRepository(SqlRepository[TicketTaskRow]):
    row_type = TicketTaskRow

    def of_ticket(self, ticket_id: str) -> list[TicketTaskRow]:
        """The ticket's tasks in their order, as rows a writer changes (it holds the
        ticket's lock, so no other writer changes them meanwhile)."""
        if not storable(ticket_id):
            return []
        statement = (
            select(TicketTaskRow)
            .where(TicketTaskRow.ticket_id == ticket_id)
            .order_by(col(TicketTaskRow.sequence_order))
        )
        return list(self._session.exec(statement).all())

    def flush(self) -> None:
        """Write the pending changes now: moving tasks' orders takes two passes, and
        the second must not reach the database before the first (the unique
        ``(ticket_id, sequence_order)`` is checked per statement)."""
        self._session.flush()

    def views_of_ticket(self, ticket_id: str) -> list[TicketTaskView]:
        """The ticket's tasks in their order, each with its task type and assignee: one
        joined query, whatever the number of tasks."""
        if not storable(ticket_id):
            return []
        return [
            TicketTaskView(
                TicketTaskRecord._make(row[:_RECORD_WIDTH]),
                TaskTypeRecord._make(row[_RECORD_WIDTH:]),
            )
            for row in _views_of_ticket().all(self._link, id=ticket_id)
        ]


@cache
def _views_of_ticket() -> CompiledQuery:
    statement = (
        sqlalchemy.select(
            *columns_of(TASK_FIELDS, _tasks),
            _users.c.full_name,
            _users.c.role,
            *columns_of(TaskTypeRecord._fields, _task_types),
        )
        .join(_task_types, _task_types.c.id == _tasks.c.task_type_id)
        .outerjoin(_users, _users.c.id == _tasks.c.assigned_to_id)
        .where(_tasks.c.ticket_id == bindparam("id"))
        .order_by(_tasks.c.sequence_order)
    )
    return CompiledQuery(statement)
