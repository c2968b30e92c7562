"""What the progress dashboard's end-to-end tests share: tickets with tasks in given
statuses, written straight to the database with tests/factories/tickets.py."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

from db.tables.tickets import ServiceTicketRow, TicketTaskRow
from db.tables.workflow import TaskTypeRow
from tests.e2e.conftest import LiveServer
from tests.factories.tickets import OPENED_AT, make_ticket


def ticket_with_tasks(
    server: LiveServer,
    statuses: list[str],
    *,
    ticket_status: str = "in_progress",
    assigned_to_id: str | None = None,
    completed_at: datetime | None = None,
) -> ServiceTicketRow:
    """A committed ticket (its own customer and product model) with one task per status,
    in that order, of a task type of its own; ``completed_at`` set on every task."""
    with server.db() as session:
        ticket = make_ticket(session, status=ticket_status)
        tag = uuid.uuid4().hex[:10]
        task_type = TaskTypeRow(
            name=f"Step {tag}", name_key=f"step {tag}", created_at=OPENED_AT, updated_at=OPENED_AT
        )
        session.add(task_type)
        session.flush()
        for order, status in enumerate(statuses, start=1):
            session.add(
                TicketTaskRow(
                    ticket_id=ticket.id,
                    task_type_id=task_type.id,
                    name=f"Step {order}",
                    sequence_order=order,
                    status=status,
                    assigned_to_id=assigned_to_id,
                    completed_at=completed_at,
                    created_at=OPENED_AT,
                    updated_at=OPENED_AT,
                )
            )
        session.commit()
        session.refresh(ticket)
        session.expunge(ticket)
        return ticket


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def rate_of(summary: dict[str, int]) -> float:
    """completion_rate recounted from the answer's own counts: one decimal, half up."""
    total = summary["total_tasks"]
    if total == 0:
        return 0.0
    tenths = (summary["tasks_completed"] * 1000 + total // 2) // total  # half up, in tenths
    return tenths / 10
