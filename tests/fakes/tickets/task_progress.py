"""In-memory progress figures: the SQL repository's aggregates recounted over the fake
stores' rows, in plain Python."""

from collections import Counter
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from db.repositories.tickets.task_progress import BlockedTicket, StatusCounts, TechnicianLoad
from db.tables.auth import UserRow
from db.tables.tickets import TicketTaskRow

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeTaskProgressRepository:
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self._uow = uow

    def _tasks(self) -> list[TicketTaskRow]:
        return list(self._uow.ticket_tasks.rows.values())

    def status_counts(self) -> StatusCounts:
        tasks = self._tasks()
        counts = Counter(task.status for task in tasks)
        return StatusCounts(
            total=len(tasks),
            pending=counts["pending"],
            in_progress=counts["in_progress"],
            completed=counts["completed"],
            blocked=counts["blocked"],
        )

    def blocked_tickets(self) -> list[BlockedTicket]:
        blocked = Counter(task.ticket_id for task in self._tasks() if task.status == "blocked")
        tickets = self._uow.tickets.rows
        customers = self._uow.customers.rows
        found = [
            BlockedTicket(
                ticket_id=ticket_id,
                ticket_number=tickets[ticket_id].ticket_number,
                status=tickets[ticket_id].status,
                priority_level=tickets[ticket_id].priority_level,
                customer_name=customers[tickets[ticket_id].customer_id].name,
                blocked_tasks_count=count,
            )
            for ticket_id, count in blocked.items()
        ]
        return sorted(found, key=lambda ticket: (-ticket.blocked_tasks_count, ticket.ticket_number))

    def technician_loads(self, technician_id: str | None = None) -> list[TechnicianLoad]:
        users = self._uow.users.rows.values()
        tasks = self._tasks()
        assigned = {task.assigned_to_id for task in tasks}
        if technician_id is None:
            listed = [
                user
                for user in users
                if (user.role == "technician" and user.is_active) or user.id in assigned
            ]
        else:
            listed = [user for user in users if user.id == technician_id]
        return [
            self._load_of(user, tasks)
            for user in sorted(listed, key=lambda user: (user.full_name, user.id))
        ]

    @staticmethod
    def _load_of(user: UserRow, tasks: list[TicketTaskRow]) -> TechnicianLoad:
        counts = Counter(task.status for task in tasks if task.assigned_to_id == user.id)
        return TechnicianLoad(
            technician_id=user.id,
            technician_name=user.full_name,
            pending=counts["pending"],
            in_progress=counts["in_progress"],
            completed=counts["completed"],
            blocked=counts["blocked"],
        )

    def completions_by_day(self, start: datetime, end: datetime) -> list[tuple[str, int]]:
        days = Counter(
            task.completed_at.astimezone(UTC).date().isoformat()
            for task in self._tasks()
            if task.status == "completed"
            and task.completed_at is not None
            and start <= task.completed_at < end
        )
        return sorted(days.items())
