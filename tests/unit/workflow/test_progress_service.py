"""The progress dashboard's service on the fakes: counts by status, blocked tickets,
workload and the timeline (the fakes recount what the SQL aggregates; the integration
tests hold the two to the same answers)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db.tables.auth import UserRow
from services.errors import NotFound
from services.passwords import PasswordHasher
from services.workflow import progress
from services.workflow.progress import DayCompletions, ProgressSummary
from tests.factories.auth import make_user
from tests.fakes import FakeClock, FakeUnitOfWork
from tests.unit.tickets.test_lifecycle_service import task, ticket

NOW = datetime(2026, 11, 20, 0, 30, tzinfo=UTC)


def user(uow: FakeUnitOfWork, hasher: PasswordHasher, name: str, role: str) -> UserRow:
    row = make_user(hasher, email=f"{name.lower()}@example.com", role=role)
    row.full_name = name
    uow.users.add(row)
    return row


def test_the_summary_of_no_tasks_is_all_zero() -> None:
    assert progress.progress_summary(FakeUnitOfWork()) == ProgressSummary(0, 0, 0, 0, 0, 0.0)


def test_the_summary_counts_each_status_and_the_rate() -> None:
    uow = FakeUnitOfWork()
    row = ticket(uow)
    for status in ["pending", "in_progress", "completed", "completed", "blocked", "skipped"]:
        task(uow, row, status, status=status)

    assert progress.progress_summary(uow) == ProgressSummary(
        total_tasks=6,
        tasks_pending=1,
        tasks_in_progress=1,
        tasks_completed=2,
        tasks_blocked=1,
        completion_rate=33.3,
    )


def test_blocked_tickets_are_the_most_blocked_first() -> None:
    uow = FakeUnitOfWork()
    once, twice, none = ticket(uow), ticket(uow), ticket(uow)
    once.ticket_number, twice.ticket_number, none.ticket_number = "SV-1", "SV-2", "SV-3"
    task(uow, once, "a", status="blocked")
    task(uow, twice, "b", status="blocked")
    task(uow, twice, "c", status="blocked")
    task(uow, twice, "d", status="completed")
    task(uow, none, "e", status="pending")

    found = progress.tickets_with_blocked_tasks(uow)

    assert [(row.ticket_number, row.blocked_tasks_count) for row in found] == [
        ("SV-2", 2),
        ("SV-1", 1),
    ]
    assert found[0].customer_name == "Casey"
    assert found[0].status == "pending"


def test_workload_lists_technicians_and_other_assignees(hasher: PasswordHasher) -> None:
    uow = FakeUnitOfWork()
    busy = user(uow, hasher, "Alex", "technician")
    idle = user(uow, hasher, "Blake", "technician")
    helping = user(uow, hasher, "Morgan", "manager")
    user(uow, hasher, "Reception", "receptionist")
    row = ticket(uow)
    task(uow, row, "a", status="pending", assigned_to_id=busy.id)
    task(uow, row, "b", status="blocked", assigned_to_id=busy.id)
    task(uow, row, "c", status="completed", assigned_to_id=helping.id)

    loads = progress.technician_workload(uow)

    counts = [(load.technician_name, load.pending, load.blocked, load.completed) for load in loads]
    assert counts == [
        ("Alex", 1, 1, 0),
        ("Blake", 0, 0, 0),
        ("Morgan", 0, 0, 1),
    ]
    assert loads[1].technician_id == idle.id


def test_workload_of_one_user(hasher: PasswordHasher) -> None:
    uow = FakeUnitOfWork()
    busy = user(uow, hasher, "Alex", "technician")
    user(uow, hasher, "Blake", "technician")
    task(uow, ticket(uow), "a", status="in_progress", assigned_to_id=busy.id)

    loads = progress.technician_workload(uow, busy.id)

    assert [(load.technician_id, load.in_progress) for load in loads] == [(busy.id, 1)]


def test_workload_of_an_unknown_user_is_not_found() -> None:
    with pytest.raises(NotFound, match="Technician not found"):
        progress.technician_workload(FakeUnitOfWork(), "nobody")


def test_the_timeline_counts_completions_by_utc_day_with_zero_days() -> None:
    uow = FakeUnitOfWork()
    row = ticket(uow)

    def completed(at: datetime, status: str = "completed") -> None:
        task(uow, row, "t", status=status).completed_at = at

    midnight = datetime(2026, 11, 19, tzinfo=UTC)
    completed(midnight - timedelta(microseconds=1))  # the 18th, its last moment
    completed(midnight)  # the 19th
    completed(datetime(2026, 11, 20, 0, 10, tzinfo=UTC))
    completed(datetime(2026, 11, 15, 23, 59, tzinfo=UTC))  # before the window
    completed(datetime(2026, 11, 19, 9, tzinfo=UTC), status="in_progress")  # not completed

    days = progress.completion_timeline(uow, days_back=5, clock=FakeClock(NOW))

    assert days == [
        DayCompletions("2026-11-16", 0),
        DayCompletions("2026-11-17", 0),
        DayCompletions("2026-11-18", 1),
        DayCompletions("2026-11-19", 1),
        DayCompletions("2026-11-20", 1),
    ]
    assert progress.completion_timeline(uow, days_back=1, clock=FakeClock(NOW)) == [
        DayCompletions("2026-11-20", 1)
    ]
