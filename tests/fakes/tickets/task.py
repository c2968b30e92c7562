"""In-memory tasks of tickets."""

from datetime import datetime
from typing import TYPE_CHECKING

from db.records import record_of
from db.repositories.tickets.task import (
    TASK_FIELDS,
    MyTaskView,
    TicketTaskRecord,
    TicketTaskView,
)
from db.repositories.workflow import TaskTypeRecord
from db.tables.tickets import TicketTaskRow
from tests.fakes.base import InMemoryRepository

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeTicketTaskRepository(InMemoryRepository[TicketTaskRow]):
    def __init__(self, uow: "FakeUnitOfWork | None" = None) -> None:
        super().__init__()
        self._uow = uow

    def of_ticket(self, ticket_id: str) -> list[TicketTaskRow]:
        tasks = [row for row in self.rows.values() if row.ticket_id == ticket_id]
        return sorted(tasks, key=lambda row: row.sequence_order)

    def flush(self) -> None:
        """What the database's unique ``(ticket_id, sequence_order)`` checks, at the
        moment SQL would: a flush that leaves two tasks of a ticket on one order fails."""
        seen: set[tuple[str, int]] = set()
        for row in self.rows.values():
            key = (row.ticket_id, row.sequence_order)
            assert key not in seen, f"two tasks on order {key}"
            seen.add(key)

    def views_of_ticket(self, ticket_id: str) -> list[TicketTaskView]:
        assert self._uow is not None, "views need the unit of work's other stores"
        users = self._uow.users.rows
        task_types = self._uow.task_types.rows
        views = []
        for row in self.of_ticket(ticket_id):
            assignee = users.get(row.assigned_to_id) if row.assigned_to_id else None
            own = [getattr(row, name) for name in TASK_FIELDS]
            joined = [assignee.full_name, assignee.role] if assignee is not None else [None, None]
            views.append(
                TicketTaskView(
                    TicketTaskRecord._make(own + joined),
                    record_of(TaskTypeRecord, task_types[row.task_type_id]),
                )
            )
        return views

    # workflow.* task execution (issue 16)

    def ticket_of_task(self, task_id: str) -> str | None:
        row = self.rows.get(task_id)
        return None if row is None else row.ticket_id

    def view(self, task_id: str) -> TicketTaskView | None:
        row = self.rows.get(task_id)
        if row is None:
            return None
        return next(view for view in self.views_of_ticket(row.ticket_id) if view.task.id == task_id)

    def assigned_to(self, user_id: str) -> list[MyTaskView]:
        assert self._uow is not None, "views need the unit of work's other stores"
        tickets = self._uow.tickets.rows
        customers = self._uow.customers.rows
        mine = [row for row in self.rows.values() if row.assigned_to_id == user_id]

        def order(row: TicketTaskRow) -> tuple[int, datetime, str, int]:
            ticket = tickets[row.ticket_id]
            finished = 1 if row.status in ("completed", "skipped") else 0
            return (finished, ticket.created_at, ticket.id, row.sequence_order)

        answers = []
        for row in sorted(mine, key=order):
            view = self.view(row.id)
            assert view is not None
            ticket = tickets[row.ticket_id]
            customer = customers[ticket.customer_id]
            answers.append(
                MyTaskView(
                    view.task,
                    view.task_type,
                    ticket.ticket_number,
                    ticket.status,
                    customer.name,
                    customer.phone,
                )
            )
        return answers
