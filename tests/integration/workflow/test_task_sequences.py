"""Random days of work on one ticket, on the test's database: task status changes,
completions and template switches in any order, through the services the procedures
call. Whatever is refused along the way (a domain error, never a database one), after
every step the ticket's tasks are numbered 1..n without gaps, no completed task has
gone, and the dashboard's completion rate equals a recount of the tasks' rows."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, select

from db.tables.auth import UserRow
from db.tables.tickets import TicketTaskRow
from db.tables.workflow import TaskTemplateRow, TaskTypeRow, TemplateTaskRow
from services.errors import DomainError
from services.workflow import progress, switch_template, tasks
from tests.factories.auth import caller
from tests.factories.tickets import make_ticket
from tests.fakes import FakeClock
from tests.integration.conftest import UowFactory
from tests.integration.rows import save

T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)
STATUSES = ("pending", "in_progress", "completed", "blocked", "skipped")
TYPES = 5
# A template: which of the task types it has, in order, and whether it enforces it.
TEMPLATES = st.lists(
    st.tuples(
        st.lists(st.integers(0, TYPES - 1), min_size=1, max_size=4, unique=True), st.booleans()
    ),
    min_size=2,
    max_size=3,
)
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("status"), st.integers(0, 5), st.sampled_from(STATUSES)),
        st.tuples(st.just("complete"), st.integers(0, 5), st.just("")),
        st.tuples(st.just("switch"), st.integers(0, 2), st.just("")),
    ),
    max_size=12,
)


def a_manager(sessions: sessionmaker[Session]) -> UserRow:
    # A manager may change any task: the refusals left are the rules', not the gate's.
    user = UserRow(
        email=f"manager-{uuid.uuid4().hex[:8]}@example.com",
        password_hash="x" * 60,
        full_name="Max Manager",
        role="manager",
        created_at=T0,
        updated_at=T0,
    )
    save(sessions, user)
    return user


def the_shop(
    sessions: sessionmaker[Session], shapes: list[tuple[list[int], bool]]
) -> tuple[list[TaskTypeRow], list[TaskTemplateRow]]:
    tag = uuid.uuid4().hex[:8]
    types = [
        TaskTypeRow(
            name=f"Step {n} {tag}",
            name_key=f"step {n} {tag}",
            requires_notes=n == 0,
            created_at=T0,
            updated_at=T0,
        )
        for n in range(TYPES)
    ]
    templates = [
        TaskTemplateRow(
            name=f"Plan {n} {tag}",
            name_key=f"plan {n} {tag}",
            service_type="paid",
            enforce_sequence=enforced,
            created_at=T0,
            updated_at=T0,
        )
        for n, (_, enforced) in enumerate(shapes)
    ]
    steps = [
        TemplateTaskRow(
            template_id=templates[n].id,
            task_type_id=types[kind].id,
            sequence_order=order,
            is_required=order % 2 == 1,
        )
        for n, (kinds, _) in enumerate(shapes)
        for order, kind in enumerate(kinds, start=1)
    ]
    save(sessions, *types, *templates, *steps)
    return types, templates


def tasks_of(sessions: sessionmaker[Session], ticket_id: str) -> list[TicketTaskRow]:
    with sessions() as session:
        statement = select(TicketTaskRow).where(TicketTaskRow.ticket_id == ticket_id)
        return sorted(session.exec(statement).all(), key=lambda task: task.sequence_order)


def recounted_rate(sessions: sessionmaker[Session]) -> float:
    with sessions() as session:
        statuses = [task.status for task in session.exec(select(TicketTaskRow)).all()]
    if not statuses:
        return 0.0
    share = Decimal(statuses.count("completed")) * 100 / len(statuses)
    return float(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(shapes=TEMPLATES, steps=STEPS)
def test_any_day_of_work_keeps_the_tasks_whole(
    sessions: sessionmaker[Session],
    make_uow: UowFactory,
    shapes: list[tuple[list[int], bool]],
    steps: list[tuple[str, int, str]],
) -> None:
    manager = caller(a_manager(sessions))
    _, templates = the_shop(sessions, shapes)
    with sessions() as session:
        ticket = make_ticket(session, status="in_progress")
    clock = FakeClock(T0)
    # The ticket starts on the first template: switching to it fills in its tasks.
    switch_template.switch_template(
        make_uow(),
        manager,
        ticket.id,
        new_template_id=templates[0].id,
        reason="Opened on the first plan",
        clock=clock,
    )
    completed: set[str] = set()

    for action, index, status in steps:
        clock.advance(timedelta(minutes=1))
        current = tasks_of(sessions, ticket.id)
        try:
            if action == "switch":
                target = templates[index % len(templates)]
                switch_template.switch_template(
                    make_uow(),
                    manager,
                    ticket.id,
                    new_template_id=target.id,
                    reason="A change of plan after diagnosis",
                    clock=clock,
                )
            elif current:
                task = current[index % len(current)]
                if action == "complete":
                    tasks.complete_task(
                        make_uow(), manager, task.id, "Done and checked", clock=clock
                    )
                else:
                    tasks.update_task_status(make_uow(), manager, task.id, status, clock=clock)
        except DomainError:
            pass  # refused by a rule: nothing may have changed, which the checks see

        after = tasks_of(sessions, ticket.id)
        assert [task.sequence_order for task in after] == list(range(1, len(after) + 1))
        completed |= {task.id for task in current if task.status == "completed"}
        assert completed <= {task.id for task in after}, "a completed task was removed"
        summary = progress.progress_summary(make_uow(read_only=True))
        assert summary.completion_rate == recounted_rate(sessions)
