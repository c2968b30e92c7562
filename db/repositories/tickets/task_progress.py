"""The progress dashboard's figures over tickets' tasks: each one aggregate query, read
only, whatever the number of tasks (counts by status with COUNT(*) FILTER, GROUP BY
ticket, technician or UTC day)."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Final, Protocol

from sqlalchemy import bindparam, func, literal_column, or_, select
from sqlmodel import Session

from db.compiled_query import CompiledQuery
from db.records import table_of
from db.repositories.base import TransactionLink, as_link, storable
from db.tables.auth import UserRow
from db.tables.customers import CustomerRow
from db.tables.tickets import ServiceTicketRow, TicketTaskRow
from db.utc_day import per_utc_day

_tasks = table_of(TicketTaskRow)
_tickets = table_of(ServiceTicketRow)
_customers = table_of(CustomerRow)
_users = table_of(UserRow)

# SQL literals, not bound values: a compiled query binds only its named parameters.
_PENDING: Final[Any] = literal_column("'pending'")
_IN_PROGRESS: Final[Any] = literal_column("'in_progress'")
_COMPLETED: Final[Any] = literal_column("'completed'")
_BLOCKED: Final[Any] = literal_column("'blocked'")
# Listed on the workload even without a task assigned: the people tasks are for.
_TECHNICIAN: Final[Any] = literal_column("'technician'")


@dataclass(frozen=True)
class StatusCounts:
    """Tasks by status (skipped ones count in ``total`` only)."""

    total: int
    pending: int
    in_progress: int
    completed: int
    blocked: int


@dataclass(frozen=True)
class BlockedTicket:
    """A ticket with at least one blocked task, and how many it has."""

    ticket_id: str
    ticket_number: str
    status: str
    priority_level: str
    customer_name: str
    blocked_tasks_count: int


@dataclass(frozen=True)
class TechnicianLoad:
    """The tasks assigned to one user, by status."""

    technician_id: str
    technician_name: str
    pending: int
    in_progress: int
    completed: int
    blocked: int


class TaskProgressStore(Protocol):
    def status_counts(self) -> StatusCounts: ...
    def blocked_tickets(self) -> list[BlockedTicket]: ...
    def technician_loads(self, technician_id: str | None = None) -> list[TechnicianLoad]: ...
    def completions_by_day(self, start: datetime, end: datetime) -> list[tuple[str, int]]: ...


class TaskProgressRepository:
    """Read-only: no rows of its own to add or get, only figures over tasks."""

    def __init__(self, link: TransactionLink | Session) -> None:
        self._link = as_link(link)

    def status_counts(self) -> StatusCounts:
        """All tasks of all tickets, counted by status in one pass."""
        row = _status_counts().first(self._link)
        total, pending, in_progress, completed, blocked = row if row is not None else (0,) * 5
        return StatusCounts(
            total=int(total),
            pending=int(pending),
            in_progress=int(in_progress),
            completed=int(completed),
            blocked=int(blocked),
        )

    def blocked_tickets(self) -> list[BlockedTicket]:
        """Tickets having blocked tasks, the most blocked first (then by number)."""
        return [
            BlockedTicket(ticket_id, number, status, priority, customer, int(count))
            for ticket_id, number, status, priority, customer, count in _blocked_tickets().all(
                self._link
            )
        ]

    def technician_loads(self, technician_id: str | None = None) -> list[TechnicianLoad]:
        """Every active technician, and anyone else with tasks assigned, by name; or
        only the user ``technician_id`` (whatever their role; [] when no such user)."""
        if technician_id is None:
            rows = _technician_loads().all(self._link)
        elif not storable(technician_id):
            return []
        else:
            rows = _technician_load().all(self._link, technician_id=technician_id)
        return [
            TechnicianLoad(user_id, name, int(pending), int(started), int(done), int(blocked))
            for user_id, name, pending, started, done, blocked in rows
        ]

    def completions_by_day(self, start: datetime, end: datetime) -> list[tuple[str, int]]:
        """``(day, count)`` of the tasks completed from ``start`` up to ``end`` (UTC), by
        UTC day of completion (YYYY-MM-DD), in day order; only the days that had any."""
        rows = _completions_by_day().all(self._link, start=start, end=end)
        return [(str(day), int(count)) for day, count in rows]


def _counted(status: Any) -> Any:
    # An aggregate FILTER (PostgreSQL; SQLite since 3.30): every status in one pass.
    return func.count(_tasks.c.id).filter(_tasks.c.status == status)


@cache
def _status_counts() -> CompiledQuery:
    statement = select(
        func.count(_tasks.c.id),
        _counted(_PENDING),
        _counted(_IN_PROGRESS),
        _counted(_COMPLETED),
        _counted(_BLOCKED),
    ).select_from(_tasks)
    return CompiledQuery(statement)


@cache
def _blocked_tickets() -> CompiledQuery:
    blocked = func.count(_tasks.c.id)
    statement = (
        select(
            _tickets.c.id,
            _tickets.c.ticket_number,
            _tickets.c.status,
            _tickets.c.priority_level,
            _customers.c.name,
            blocked,
        )
        .select_from(_tasks)
        .join(_tickets, _tickets.c.id == _tasks.c.ticket_id)
        .join(_customers, _customers.c.id == _tickets.c.customer_id)
        .where(_tasks.c.status == _BLOCKED)
        .group_by(
            _tickets.c.id,
            _tickets.c.ticket_number,
            _tickets.c.status,
            _tickets.c.priority_level,
            _customers.c.name,
        )
        .order_by(blocked.desc(), _tickets.c.ticket_number)
    )
    return CompiledQuery(statement)


def _loads() -> Any:
    """Users LEFT JOIN their assigned tasks, counted by status per user."""
    return (
        select(
            _users.c.id,
            _users.c.full_name,
            _counted(_PENDING),
            _counted(_IN_PROGRESS),
            _counted(_COMPLETED),
            _counted(_BLOCKED),
        )
        .select_from(_users)
        .outerjoin(_tasks, _tasks.c.assigned_to_id == _users.c.id)
        .group_by(_users.c.id, _users.c.full_name)
        .order_by(_users.c.full_name, _users.c.id)
    )


@cache
def _technician_loads() -> CompiledQuery:
    # Active technicians even with nothing assigned (their zeros are the point of a
    # workload view), and whoever else has tasks assigned (a manager helping out).
    listed = or_((_users.c.role == _TECHNICIAN) & _users.c.is_active, _tasks.c.id.is_not(None))
    return CompiledQuery(_loads().where(listed))


@cache
def _technician_load() -> CompiledQuery:
    return CompiledQuery(_loads().where(_users.c.id == bindparam("technician_id")))


@cache
def _completions_by_day() -> CompiledQuery:
    statement = per_utc_day(
        func.count(_tasks.c.id), _tasks.c.completed_at, _tasks.c.status == _COMPLETED
    )
    return CompiledQuery(statement)
