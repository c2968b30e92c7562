"""``workflow.switchTemplate``'s service on the fakes: what it keeps, removes and adds,
what it records, each refusal, and a property over random switches."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.tables.auth import UserRow
from db.tables.tickets import ServiceTicketRow, TicketTaskRow
from db.tables.workflow import TaskTemplateRow, TaskTypeRow, TemplateTaskRow
from services.errors import NotFound, PreconditionFailed
from services.workflow import switch_template as switch_service
from tests.factories.auth import caller
from tests.factories.tickets import ticket_row
from tests.fakes import FakeClock, FakeUnitOfWork

T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)
REASON = "Customer chose a board-level repair"
STATUSES = ("pending", "in_progress", "completed", "blocked", "skipped")
TYPE_NAMES = ("Diagnosis", "Repair", "Clean", "Test", "Pack")


def technician(uow: FakeUnitOfWork) -> UserRow:
    row = UserRow(
        email="tech@shop.example",
        full_name="Tess Tech",
        password_hash="x",
        role="technician",
        created_at=T0,
        updated_at=T0,
    )
    uow.users.add(row)
    return row


def task_types(uow: FakeUnitOfWork) -> dict[str, TaskTypeRow]:
    made = {}
    for name in TYPE_NAMES:
        row = TaskTypeRow(name=name, name_key=name.casefold(), created_at=T0, updated_at=T0)
        uow.task_types.add(row)
        made[name] = row
    return made


def template(
    uow: FakeUnitOfWork, types: list[TaskTypeRow], *, is_active: bool = True
) -> TaskTemplateRow:
    row = TaskTemplateRow(
        name="Board repair",
        name_key=f"board repair {len(uow.templates.rows)}",
        service_type="paid",
        is_active=is_active,
        created_at=T0,
        updated_at=T0,
    )
    uow.templates.add(row)
    for order, kind in enumerate(types, start=1):
        uow.templates.add_task(
            TemplateTaskRow(template_id=row.id, task_type_id=kind.id, sequence_order=order)
        )
    return row


def ticket(
    uow: FakeUnitOfWork, *, status: str = "in_progress", template_id: str
) -> ServiceTicketRow:
    row = ticket_row(
        "SV-2026-001", customer_id="c", product_id="p", template_id=template_id, status=status
    )
    uow.tickets.add(row)
    return row


def task(
    uow: FakeUnitOfWork, row: ServiceTicketRow, kind: TaskTypeRow, status: str, order: int
) -> TicketTaskRow:
    made = TicketTaskRow(
        ticket_id=row.id,
        task_type_id=kind.id,
        name=kind.name,
        sequence_order=order,
        status=status,
        created_at=T0,
        updated_at=T0,
    )
    uow.ticket_tasks.add(made)
    return made


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


def switch(
    uow: FakeUnitOfWork, actor: UserRow, ticket_id: str, new_template_id: str
) -> switch_service.SwitchSummary:
    return switch_service.switch_template(
        uow,
        caller(actor),
        ticket_id,
        new_template_id=new_template_id,
        reason=REASON,
        clock=FakeClock(T0),
    )


def test_switching_keeps_work_done_removes_unwanted_adds_missing_and_records_it(
    uow: FakeUnitOfWork,
) -> None:
    actor = technician(uow)
    kinds = task_types(uow)
    old = template(uow, [kinds["Diagnosis"], kinds["Repair"], kinds["Clean"]])
    new = template(uow, [kinds["Pack"], kinds["Clean"], kinds["Test"]])
    row = ticket(uow, template_id=old.id)
    diagnosis = task(uow, row, kinds["Diagnosis"], "completed", 2)
    task(uow, row, kinds["Repair"], "pending", 4)
    clean = task(uow, row, kinds["Clean"], "blocked", 9)

    summary = switch(uow, actor, row.id, new.id)

    assert summary == switch_service.SwitchSummary(
        tasks_preserved=2, tasks_removed=1, tasks_added=2, total_tasks=4
    )
    tasks = uow.ticket_tasks.of_ticket(row.id)
    assert [(t.name, t.status, t.sequence_order) for t in tasks] == [
        ("Diagnosis", "completed", 1),
        ("Clean", "blocked", 2),
        ("Pack", "pending", 3),
        ("Test", "pending", 4),
    ]
    assert (tasks[0].id, tasks[1].id) == (diagnosis.id, clean.id)
    assert row.template_id == new.id
    [change] = uow.template_changes.of_ticket(row.id)
    assert (
        change.old_template_id,
        change.new_template_id,
        change.reason,
        change.changed_by_id,
        change.changed_at,
        change.tasks_preserved,
        change.tasks_removed,
        change.tasks_added,
        change.total_tasks,
    ) == (old.id, new.id, REASON, actor.id, T0, 2, 1, 2, 4)
    assert uow.tickets.locked == [row.id]
    assert uow.commits == 1


def test_an_unknown_ticket_or_template_is_not_found(uow: FakeUnitOfWork) -> None:
    actor = technician(uow)
    kinds = task_types(uow)
    new = template(uow, [kinds["Pack"]])
    row = ticket(uow, template_id=None)

    with pytest.raises(NotFound, match="Ticket"):
        switch(uow, actor, "missing", new.id)
    with pytest.raises(NotFound, match="Template"):
        switch(uow, actor, row.id, "missing")
    assert uow.commits == 0


@pytest.mark.parametrize(
    ("case", "rule"),
    [
        ("completed ticket", "only a pending or in_progress"),
        ("inactive template", "not active"),
        ("same template", "already uses"),
        ("all completed", "Every task"),
    ],
)
def test_each_precondition_is_refused_and_nothing_changes(
    uow: FakeUnitOfWork, case: str, rule: str
) -> None:
    actor = technician(uow)
    kinds = task_types(uow)
    old = template(uow, [kinds["Diagnosis"]])
    new = template(uow, [kinds["Pack"]], is_active=case != "inactive template")
    status = "completed" if case == "completed ticket" else "in_progress"
    row = ticket(uow, status=status, template_id=new.id if case == "same template" else old.id)
    task(uow, row, kinds["Diagnosis"], "completed" if case == "all completed" else "pending", 1)

    with pytest.raises(PreconditionFailed, match=rule):
        switch(uow, actor, row.id, new.id)

    assert len(uow.ticket_tasks.of_ticket(row.id)) == 1
    assert uow.template_changes.rows == {}
    assert uow.commits == 0


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(TYPE_NAMES), st.sampled_from(STATUSES)), min_size=1, max_size=8
    ),
    st.lists(st.lists(st.sampled_from(TYPE_NAMES), max_size=5), min_size=1, max_size=3),
    st.randoms(use_true_random=False),
)
def test_random_switches_keep_orders_gap_free_and_work_done(
    start: list[tuple[str, str]], templates: list[list[str]], shuffle: object
) -> None:
    uow = FakeUnitOfWork()
    actor = technician(uow)
    kinds = task_types(uow)
    old = template(uow, [])
    row = ticket(uow, template_id=old.id)
    orders = list(range(1, 3 * len(start) + 1))
    shuffle.shuffle(orders)  # type: ignore[attr-defined]
    for (name, status), order in zip(start, orders, strict=False):
        task(uow, row, kinds[name], status, order)

    for names in templates:
        before = uow.ticket_tasks.of_ticket(row.id)
        done = {t.id for t in before if t.status in ("completed", "in_progress")}
        new = template(uow, [kinds[name] for name in names])
        try:
            summary = switch(uow, actor, row.id, new.id)
        except PreconditionFailed:
            assert all(t.status == "completed" for t in before)
            continue
        after = uow.ticket_tasks.of_ticket(row.id)
        assert [t.sequence_order for t in after] == list(range(1, len(after) + 1))
        assert done <= {t.id for t in after}
        assert summary.total_tasks == len(after) == summary.tasks_preserved + summary.tasks_added
        assert summary.tasks_preserved + summary.tasks_removed == len(before)
        assert row.template_id == new.id
