"""Doing a ticket's tasks, on the in-memory fakes: who may, what each change writes,
the ticket locked before its tasks, sequence and notes rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from db.tables.auth import UserRow
from db.tables.customers import CustomerRow
from db.tables.tickets import ServiceTicketRow, TicketTaskRow
from db.tables.workflow import TaskTemplateRow, TaskTypeRow
from services.errors import Conflict, InvalidInput, NotFound, PermissionDenied, PreconditionFailed
from services.passwords import PasswordHasher
from services.workflow import tasks as tasks_service
from tests.factories.auth import DEFAULT_TIME, caller, make_user
from tests.factories.tickets import ticket_row
from tests.fakes import FakeClock, FakeUnitOfWork

MISSING = "00000000-0000-4000-8000-000000000000"


@dataclass
class Bench:
    uow: FakeUnitOfWork
    tech: UserRow
    other: UserRow
    manager: UserRow
    ticket: ServiceTicketRow
    template: TaskTemplateRow
    tasks: list[TicketTaskRow]
    noted_type: TaskTypeRow


def _task(ticket: ServiceTicketRow, type_: TaskTypeRow, order: int, **kw: object) -> TicketTaskRow:
    return TicketTaskRow(
        ticket_id=ticket.id,
        task_type_id=type_.id,
        name=type_.name,
        sequence_order=order,
        created_at=DEFAULT_TIME,
        updated_at=DEFAULT_TIME,
        **kw,
    )


@pytest.fixture
def bench(hasher: PasswordHasher) -> Bench:
    tech = make_user(hasher, email="tech@example.com", full_name="Tess Technician")
    other = make_user(hasher, email="other@example.com", full_name="Otto Other")
    manager = make_user(hasher, email="boss@example.com", role="manager", full_name="Mia Boss")
    uow = FakeUnitOfWork([tech, other, manager])
    plain = TaskTypeRow(
        name="Repair", name_key="repair", created_at=DEFAULT_TIME, updated_at=DEFAULT_TIME
    )
    noted = TaskTypeRow(
        name="Diagnosis",
        name_key="diagnosis",
        requires_notes=True,
        created_at=DEFAULT_TIME,
        updated_at=DEFAULT_TIME,
    )
    for row in (plain, noted):
        uow.task_types.add(row)
    template = TaskTemplateRow(
        name="Phone",
        name_key="phone",
        service_type="warranty",
        enforce_sequence=True,
        created_at=DEFAULT_TIME,
        updated_at=DEFAULT_TIME,
    )
    uow.templates.add(template)
    customer = CustomerRow(
        name="Casey",
        phone="0900",
        phone_key="0900",
        created_at=DEFAULT_TIME,
        updated_at=DEFAULT_TIME,
    )
    uow.customers.add(customer)
    ticket = ticket_row(
        "SV-2026-001", customer_id=customer.id, product_id="p", template_id=template.id
    )
    uow.tickets.add(ticket)
    tasks = [
        _task(ticket, noted, 1, assigned_to_id=tech.id),
        _task(ticket, plain, 2, assigned_to_id=tech.id, is_required=False),
        _task(ticket, plain, 3, assigned_to_id=tech.id),
    ]
    for row in tasks:
        uow.ticket_tasks.add(row)
    return Bench(uow, tech, other, manager, ticket, template, tasks, noted)


def test_starting_a_task_stamps_started_at_once(bench: Bench, clock: FakeClock) -> None:
    task = bench.tasks[2]
    view = tasks_service.update_task_status(
        bench.uow, caller(bench.tech), task.id, "in_progress", clock=clock
    )
    assert (view.task.status, view.task.started_at, view.task.updated_at) == (
        "in_progress",
        clock(),
        clock(),
    )
    first = clock()
    clock.advance(timedelta(hours=1))
    tasks_service.update_task_status(bench.uow, caller(bench.tech), task.id, "blocked", clock=clock)
    tasks_service.update_task_status(
        bench.uow, caller(bench.tech), task.id, "in_progress", clock=clock
    )
    assert task.started_at == first
    # The ticket is locked before its task, on every change.
    assert bench.uow.tickets.locked == [bench.ticket.id] * 3
    assert bench.uow.commits == 3


def test_a_manager_changes_someone_elses_task(bench: Bench, clock: FakeClock) -> None:
    view = tasks_service.update_task_status(
        bench.uow, caller(bench.manager), bench.tasks[1].id, "skipped", clock=clock
    )
    assert view.task.status == "skipped"


def test_another_technician_may_not(bench: Bench, clock: FakeClock) -> None:
    for call in (
        lambda: tasks_service.update_task_status(
            bench.uow, caller(bench.other), bench.tasks[0].id, "in_progress", clock=clock
        ),
        lambda: tasks_service.complete_task(
            bench.uow, caller(bench.other), bench.tasks[0].id, "All done here", clock=clock
        ),
        lambda: tasks_service.add_task_notes(
            bench.uow, caller(bench.other), bench.tasks[0].id, "hi", clock=clock
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert bench.tasks[0].status == "pending"
    assert bench.tasks[0].notes is None
    assert bench.uow.commits == 0


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_tasks_of_a_finished_ticket_stay(bench: Bench, clock: FakeClock, status: str) -> None:
    bench.ticket.status = status
    with pytest.raises(PreconditionFailed, match=status):
        tasks_service.update_task_status(
            bench.uow, caller(bench.tech), bench.tasks[0].id, "in_progress", clock=clock
        )
    with pytest.raises(PreconditionFailed, match=status):
        tasks_service.add_task_notes(
            bench.uow, caller(bench.tech), bench.tasks[0].id, "note", clock=clock
        )
    with pytest.raises(PreconditionFailed, match=status):
        tasks_service.complete_task(
            bench.uow, caller(bench.tech), bench.tasks[0].id, "Done and dusted", clock=clock
        )


def test_unknown_tasks_are_not_found(bench: Bench, clock: FakeClock) -> None:
    with pytest.raises(NotFound):
        tasks_service.update_task_status(
            bench.uow, caller(bench.tech), MISSING, "in_progress", clock=clock
        )
    with pytest.raises(NotFound):
        tasks_service.complete_task(
            bench.uow, caller(bench.tech), MISSING, "Done and dusted", clock=clock
        )
    with pytest.raises(NotFound):
        tasks_service.add_task_notes(bench.uow, caller(bench.tech), MISSING, "x", clock=clock)
    with pytest.raises(NotFound):
        tasks_service.task_dependencies(bench.uow, MISSING)


def test_a_type_requiring_notes_is_not_completed_by_status(bench: Bench, clock: FakeClock) -> None:
    with pytest.raises(PreconditionFailed, match="requires completion notes"):
        tasks_service.update_task_status(
            bench.uow, caller(bench.tech), bench.tasks[0].id, "completed", clock=clock
        )


def test_sequence_holds_later_tasks_back(bench: Bench, clock: FakeClock) -> None:
    with pytest.raises(PreconditionFailed, match="Diagnosis"):
        tasks_service.complete_task(
            bench.uow, caller(bench.tech), bench.tasks[2].id, "Screen swapped", clock=clock
        )
    with pytest.raises(PreconditionFailed, match="Diagnosis"):
        tasks_service.update_task_status(
            bench.uow, caller(bench.tech), bench.tasks[2].id, "completed", clock=clock
        )
    # The optional task 2 does not hold task 3 back; a skipped required one neither.
    bench.tasks[0].status = "skipped"
    view = tasks_service.update_task_status(
        bench.uow, caller(bench.tech), bench.tasks[2].id, "completed", clock=clock
    )
    assert (view.task.status, view.task.completed_at, view.task.completed_by_id) == (
        "completed",
        clock(),
        bench.tech.id,
    )


def test_without_enforced_sequence_order_is_free(bench: Bench, clock: FakeClock) -> None:
    bench.template.enforce_sequence = False
    view = tasks_service.complete_task(
        bench.uow, caller(bench.tech), bench.tasks[2].id, "Screen swapped", clock=clock
    )
    assert view.task.status == "completed"


def test_completing_records_who_when_and_the_notes(bench: Bench, clock: FakeClock) -> None:
    view = tasks_service.complete_task(
        bench.uow,
        caller(bench.manager),
        bench.tasks[0].id,
        "  Board has liquid damage  ",
        clock=clock,
    )
    assert (view.task.status, view.task.completed_at, view.task.completed_by_id) == (
        "completed",
        clock(),
        bench.manager.id,
    )
    assert view.task.notes == "[2025-01-01 12:00:00 UTC] Mia Boss: Board has liquid damage"
    assert view.task_type.name == "Diagnosis"
    with pytest.raises(Conflict):
        tasks_service.complete_task(
            bench.uow, caller(bench.manager), bench.tasks[0].id, "Again, again", clock=clock
        )
    with pytest.raises(Conflict):
        tasks_service.update_task_status(
            bench.uow, caller(bench.tech), bench.tasks[0].id, "completed", clock=clock
        )
    with pytest.raises(PreconditionFailed, match="completed"):
        tasks_service.update_task_status(
            bench.uow, caller(bench.tech), bench.tasks[0].id, "pending", clock=clock
        )


def test_completion_notes_need_five_characters(bench: Bench, clock: FakeClock) -> None:
    with pytest.raises(InvalidInput) as raised:
        tasks_service.complete_task(
            bench.uow, caller(bench.tech), bench.tasks[0].id, " abcd  ", clock=clock
        )
    assert raised.value.field == "completion_notes"


def test_a_blocked_task_is_unblocked_before_completing(bench: Bench, clock: FakeClock) -> None:
    bench.tasks[0].status = "blocked"
    with pytest.raises(PreconditionFailed, match="blocked"):
        tasks_service.complete_task(
            bench.uow, caller(bench.tech), bench.tasks[0].id, "Done at last", clock=clock
        )


def test_notes_are_appended_with_time_and_author(bench: Bench, clock: FakeClock) -> None:
    first = tasks_service.add_task_notes(
        bench.uow, caller(bench.tech), bench.tasks[1].id, "Ordered a part", clock=clock
    )
    clock.advance(timedelta(minutes=90))
    second = tasks_service.add_task_notes(
        bench.uow, caller(bench.manager), bench.tasks[1].id, "Part came", clock=clock
    )
    assert first.notes == "[2025-01-01 12:00:00 UTC] Tess Technician: Ordered a part"
    assert second.notes == first.notes + "\n[2025-01-01 13:30:00 UTC] Mia Boss: Part came"
    assert bench.tasks[1].notes == second.notes
    assert bench.tasks[1].updated_at == clock()


def test_notes_have_a_limit(bench: Bench, clock: FakeClock) -> None:
    bench.tasks[1].notes = "x" * 1990
    with pytest.raises(PreconditionFailed, match="2000"):
        tasks_service.add_task_notes(
            bench.uow, caller(bench.tech), bench.tasks[1].id, "Too long now", clock=clock
        )
    assert bench.tasks[1].notes == "x" * 1990


def test_my_tasks_are_mine_unfinished_first(bench: Bench, clock: FakeClock) -> None:
    bench.tasks[0].status = "completed"
    bench.tasks[1].assigned_to_id = bench.other.id
    mine = tasks_service.my_tasks(bench.uow, caller(bench.tech))
    assert [view.task.id for view in mine] == [bench.tasks[2].id, bench.tasks[0].id]
    assert (mine[0].ticket_number, mine[0].ticket_status, mine[0].customer_name) == (
        "SV-2026-001",
        "pending",
        "Casey",
    )
    assert tasks_service.my_tasks(bench.uow, caller(bench.manager)) == []


def test_dependencies_list_the_earlier_tasks(bench: Bench) -> None:
    found = tasks_service.task_dependencies(bench.uow, bench.tasks[2].id)
    assert [view.task.sequence_order for view in found.prerequisites] == [1, 2]
    # Task 2 is optional: only the pending Diagnosis counts.
    assert (found.enforce_sequence, found.incomplete_count) == (True, 1)
    first = tasks_service.task_dependencies(bench.uow, bench.tasks[0].id)
    assert (first.prerequisites, first.incomplete_count) == ([], 0)


def test_a_ticket_without_template_enforces_nothing(bench: Bench) -> None:
    bench.ticket.template_id = None
    assert tasks_service.task_dependencies(bench.uow, bench.tasks[2].id).enforce_sequence is False
