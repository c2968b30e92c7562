"""The steps of tickets' repairs, copied from their templates."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple, Protocol

import sqlalchemy
from sqlalchemy import bindparam
from sqlmodel import col, select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.repositories.workflow import TaskTypeRecord
from db.tables.auth import UserRow
from db.tables.customers import CustomerRow
from db.tables.tickets import ServiceTicketRow, TicketTaskRow
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


@dataclass(frozen=True)
class MyTaskView:
    """A task assigned to someone, with its task type and what ``workflow.myTasks``
    shows of its ticket and customer: one joined row of one query."""

    task: TicketTaskRecord
    task_type: TaskTypeRecord
    ticket_number: str
    ticket_status: str
    customer_name: str
    customer_phone: str


class TicketTaskStore(Store[TicketTaskRow], Protocol):
    def of_ticket(self, ticket_id: str) -> list[TicketTaskRow]: ...
    def views_of_ticket(self, ticket_id: str) -> list[TicketTaskView]: ...
    def delete(self, row: TicketTaskRow) -> None: ...
    def flush(self) -> None: ...
    def ticket_of_task(self, task_id: str) -> str | None: ...
    def view(self, task_id: str) -> TicketTaskView | None: ...
    def assigned_to(self, user_id: str) -> list[MyTaskView]: ...


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

    def ticket_of_task(self, task_id: str) -> str | None:
        """The id of the task's ticket, read without loading the task's row: a writer
        locks that ticket first and only then loads the task, so the row it changes is
        the one committed before its lock."""
        if not storable(task_id):
            return None
        row = _ticket_of_task().first(self._link, id=task_id)
        return None if row is None else str(row[0])

    def view(self, task_id: str) -> TicketTaskView | None:
        """One task with its task type and assignee, as answers show it."""
        if not storable(task_id):
            return None
        row = _task_view().first(self._link, id=task_id)
        if row is None:
            return None
        return TicketTaskView(
            TicketTaskRecord._make(row[:_RECORD_WIDTH]), TaskTypeRecord._make(row[_RECORD_WIDTH:])
        )

    def assigned_to(self, user_id: str) -> list[MyTaskView]:
        """Every task assigned to the user, with its task type, ticket and customer, in
        one joined query whatever their number: unfinished ones (neither completed nor
        skipped) first, then by their ticket (oldest first) and sequence order."""
        if not storable(user_id):
            return []
        width = _RECORD_WIDTH + len(TaskTypeRecord._fields)
        return [
            MyTaskView(
                TicketTaskRecord._make(row[:_RECORD_WIDTH]),
                TaskTypeRecord._make(row[_RECORD_WIDTH:width]),
                *row[width:],
            )
            for row in _assigned_to().all(self._link, id=user_id)
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


# workflow.* task execution (issue 16): a task's ticket, one task's view, my tasks.

_tickets = table_of(ServiceTicketRow)
_customers = table_of(CustomerRow)
# Tasks that no longer wait for work (services/tickets/status_rules.py says the same).
_FINISHED = ("completed", "skipped")


def _task_with_type() -> sqlalchemy.Select[Any]:
    return (
        sqlalchemy.select(
            *columns_of(TASK_FIELDS, _tasks),
            _users.c.full_name,
            _users.c.role,
            *columns_of(TaskTypeRecord._fields, _task_types),
        )
        .join(_task_types, _task_types.c.id == _tasks.c.task_type_id)
        .outerjoin(_users, _users.c.id == _tasks.c.assigned_to_id)
    )


@cache
def _ticket_of_task() -> CompiledQuery:
    return CompiledQuery(
        sqlalchemy.select(_tasks.c.ticket_id).where(_tasks.c.id == bindparam("id"))
    )


@cache
def _task_view() -> CompiledQuery:
    return CompiledQuery(_task_with_type().where(_tasks.c.id == bindparam("id")))


@cache
def _assigned_to() -> CompiledQuery:
    # Literal statuses, not parameters: a compiled query takes no list parameter.
    done = sqlalchemy.or_(
        *(_tasks.c.status == sqlalchemy.literal_column(f"'{name}'") for name in _FINISHED)
    )
    finished = sqlalchemy.case(
        (done, sqlalchemy.literal_column("1")), else_=sqlalchemy.literal_column("0")
    )
    statement = (
        _task_with_type()
        .add_columns(
            _tickets.c.ticket_number, _tickets.c.status, _customers.c.name, _customers.c.phone
        )
        .join(_tickets, _tickets.c.id == _tasks.c.ticket_id)
        .join(_customers, _customers.c.id == _tickets.c.customer_id)
        .where(_tasks.c.assigned_to_id == bindparam("id"))
        .order_by(finished, _tickets.c.created_at, _tickets.c.id, _tasks.c.sequence_order)
    )
    return CompiledQuery(statement)
