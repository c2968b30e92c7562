"""The progress dashboard's aggregate queries on the test's database (its own, fresh,
SQLite or PostgreSQL): counts by status, blocked tickets, workload and completions by
UTC day, each checked against a recount of the rows written."""

from __future__ import annotations

from collections import Counter
from dataclasses import astuple
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.repositories.tickets.task_progress import BlockedTicket, StatusCounts
from db.tables.auth import UserRow
from db.tables.tickets import ServiceTicketRow, TicketTaskRow
from db.tables.workflow import TaskTypeRow
from tests.factories.tickets import make_ticket
from tests.integration.conftest import UowFactory
from tests.integration.rows import save

NOW = datetime(2026, 2, 3, 11, tzinfo=UTC)
MIDNIGHT = datetime(2026, 2, 3, tzinfo=UTC)


def a_user(name: str, role: str = "technician", *, is_active: bool = True) -> UserRow:
    return UserRow(
        email=f"{name.lower()}@example.com",
        password_hash="x" * 60,
        full_name=name,
        role=role,
        is_active=is_active,
        created_at=NOW,
        updated_at=NOW,
    )


def a_task_type() -> TaskTypeRow:
    return TaskTypeRow(name="Repair", name_key="repair", created_at=NOW, updated_at=NOW)


def tasks_of(
    ticket: ServiceTicketRow,
    task_type: TaskTypeRow,
    statuses: list[str],
    *,
    assigned_to: UserRow | None = None,
    completed_at: datetime | None = None,
) -> list[TicketTaskRow]:
    return [
        TicketTaskRow(
            ticket_id=ticket.id,
            task_type_id=task_type.id,
            name=f"Step {order}",
            sequence_order=order,
            status=status,
            assigned_to_id=assigned_to.id if assigned_to else None,
            completed_at=completed_at,
            created_at=NOW,
            updated_at=NOW,
        )
        for order, status in enumerate(statuses, start=1)
    ]


def test_no_tasks_count_zero(make_uow: UowFactory) -> None:
    with make_uow(read_only=True) as uow:
        assert uow.task_progress.status_counts() == StatusCounts(0, 0, 0, 0, 0)
        assert uow.task_progress.blocked_tickets() == []
        assert uow.task_progress.technician_loads() == []
        assert uow.task_progress.completions_by_day(MIDNIGHT, NOW) == []


def test_statuses_are_counted_as_a_recount_of_the_rows(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    statuses = ["pending", "pending", "in_progress", "completed", "blocked", "skipped"]
    task_type = a_task_type()
    with sessions() as session:
        first, second = make_ticket(session), make_ticket(session)
    save(
        sessions,
        task_type,
        *tasks_of(first, task_type, statuses),
        *tasks_of(second, task_type, ["completed", "blocked"]),
    )
    recount = Counter([*statuses, "completed", "blocked"])

    with make_uow(read_only=True) as uow:
        counts = uow.task_progress.status_counts()

    assert counts == StatusCounts(
        total=sum(recount.values()),
        pending=recount["pending"],
        in_progress=recount["in_progress"],
        completed=recount["completed"],
        blocked=recount["blocked"],
    )


def test_blocked_tickets_come_with_their_count_and_customer(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    task_type = a_task_type()
    with sessions() as session:
        once, twice, clear = make_ticket(session), make_ticket(session), make_ticket(session)
    save(
        sessions,
        task_type,
        *tasks_of(once, task_type, ["blocked", "completed"]),
        *tasks_of(twice, task_type, ["blocked", "pending", "blocked"]),
        *tasks_of(clear, task_type, ["pending", "completed"]),
    )

    with make_uow(read_only=True) as uow:
        found = uow.task_progress.blocked_tickets()

    assert found == [
        BlockedTicket(twice.id, twice.ticket_number, "pending", "normal", "Casey Customer", 2),
        BlockedTicket(once.id, once.ticket_number, "pending", "normal", "Casey Customer", 1),
    ]


def test_workload_counts_each_assignees_tasks_by_status(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    busy, idle, gone = a_user("Alex"), a_user("Blake"), a_user("Casey", is_active=False)
    helping, desk = a_user("Morgan", "manager"), a_user("Reese", "receptionist")
    task_type = a_task_type()
    with sessions() as session:
        first, second = make_ticket(session), make_ticket(session)
    save(
        sessions,
        busy,
        idle,
        gone,
        helping,
        desk,
        task_type,
        *tasks_of(first, task_type, ["pending", "in_progress", "blocked"], assigned_to=busy),
        *tasks_of(second, task_type, ["completed", "completed"], assigned_to=helping),
    )

    with make_uow(read_only=True) as uow:
        loads = uow.task_progress.technician_loads()
        one = uow.task_progress.technician_loads(desk.id)
        unknown = uow.task_progress.technician_loads("missing")
        unstorable = uow.task_progress.technician_loads("nul\x00")

    assert [astuple(load) for load in loads] == [
        (busy.id, "Alex", 1, 1, 0, 1),
        (idle.id, "Blake", 0, 0, 0, 0),
        (helping.id, "Morgan", 0, 0, 2, 0),
    ]
    assert [(load.technician_id, load.pending) for load in one] == [(desk.id, 0)]
    assert unknown == unstorable == []


def test_completions_are_counted_by_utc_day_the_last_microsecond_on_its_day(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    task_type = a_task_type()
    with sessions() as session:
        first, second, third, fourth = (make_ticket(session) for _ in range(4))
    last_moment = MIDNIGHT - timedelta(microseconds=1)
    save(
        sessions,
        task_type,
        *tasks_of(first, task_type, ["completed", "completed"], completed_at=last_moment),
        *tasks_of(second, task_type, ["completed"], completed_at=MIDNIGHT),
        # Before the window, and not completed (a completed_at left from before).
        *tasks_of(third, task_type, ["completed"], completed_at=MIDNIGHT - timedelta(days=3)),
        *tasks_of(fourth, task_type, ["in_progress"], completed_at=MIDNIGHT),
    )

    with make_uow(read_only=True) as uow:
        days = uow.task_progress.completions_by_day(
            MIDNIGHT - timedelta(days=2), MIDNIGHT + timedelta(days=1)
        )

    assert days == [("2026-02-02", 2), ("2026-02-03", 1)]


@pytest.mark.parametrize("tickets", [1, 5])
def test_each_figure_is_one_query_whatever_the_number_of_tasks(
    sessions: sessionmaker[Session], make_uow: UowFactory, queries: list[str], tickets: int
) -> None:
    technician, task_type = a_user("Alex"), a_task_type()
    with sessions() as session:
        made = [make_ticket(session) for _ in range(tickets)]
    tasks = [
        row
        for ticket in made
        for row in tasks_of(
            ticket, task_type, ["blocked", "completed"], assigned_to=technician, completed_at=NOW
        )
    ]
    save(sessions, technician, task_type, *tasks)
    queries.clear()

    with make_uow(read_only=True) as uow:
        counts = uow.task_progress.status_counts()
        blocked = uow.task_progress.blocked_tickets()
        loads = uow.task_progress.technician_loads()
        one = uow.task_progress.technician_loads(technician.id)
        days = uow.task_progress.completions_by_day(MIDNIGHT, NOW + timedelta(hours=1))

    assert queries == ["compiled"] * 5
    assert (counts.total, len(blocked), days) == (2 * tickets, tickets, [("2026-02-03", tickets)])
    assert [load.completed for load in loads] == [load.completed for load in one] == [tickets]
