"""The reads of task execution on a real database: a technician's tasks in one query
whatever their number, unfinished first; a task's ticket and one task's view."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.tables.tickets import TicketTaskRow
from db.tables.workflow import TaskTypeRow
from services.passwords import PasswordHasher
from tests.factories.auth import DEFAULT_TIME as NOW
from tests.factories.auth import make_user
from tests.factories.tickets import make_ticket
from tests.integration.conftest import UowFactory
from tests.integration.rows import save


@pytest.mark.parametrize("tickets", [1, 4])
def test_my_tasks_in_one_query_unfinished_first(
    sessions: sessionmaker[Session],
    make_uow: UowFactory,
    queries: list[str],
    hasher: PasswordHasher,
    tickets: int,
) -> None:
    tech = make_user(hasher, email=f"tech-{tickets}-{id(queries)}@example.com")
    kind = TaskTypeRow(
        name=f"Kind {tickets} {id(queries)}",
        name_key=f"kind {tickets} {id(queries)}",
        created_at=NOW,
        updated_at=NOW,
    )
    save(sessions, tech, kind)
    rows = []
    with sessions() as session:
        made = [make_ticket(session) for _ in range(tickets)]
        for offset, ticket in enumerate(made):
            ticket.created_at = NOW + timedelta(hours=offset)
            session.add(ticket)
        session.commit()
        expected_order = [ticket.id for ticket in made]
    for ticket_id in expected_order:
        for order, status in ((1, "completed"), (2, "blocked"), (3, "pending")):
            rows.append(
                TicketTaskRow(
                    ticket_id=ticket_id,
                    task_type_id=kind.id,
                    name=f"Step {order}",
                    sequence_order=order,
                    status=status,
                    assigned_to_id=tech.id,
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
    save(sessions, *rows)
    queries.clear()

    with make_uow(read_only=True) as uow:
        mine = uow.ticket_tasks.assigned_to(tech.id)

    assert queries == ["compiled"]
    unfinished = [(view.task.ticket_id, view.task.sequence_order) for view in mine[: 2 * tickets]]
    assert unfinished == [(ticket_id, order) for ticket_id in expected_order for order in (2, 3)]
    assert [view.task.status for view in mine[2 * tickets :]] == ["completed"] * tickets
    assert {view.task_type.id for view in mine} == {kind.id}
    assert all(view.customer_name == "Casey Customer" for view in mine)
    assert all(view.task.assignee_full_name == tech.full_name for view in mine)


def test_a_tasks_ticket_and_view(
    sessions: sessionmaker[Session], make_uow: UowFactory, hasher: PasswordHasher
) -> None:
    kind = TaskTypeRow(
        name=f"One {id(sessions)}", name_key=f"one {id(sessions)}", created_at=NOW, updated_at=NOW
    )
    save(sessions, kind)
    with sessions() as session:
        ticket = make_ticket(session)
        ticket_id = ticket.id
    task = TicketTaskRow(
        ticket_id=ticket_id,
        task_type_id=kind.id,
        name="Only",
        sequence_order=1,
        created_at=NOW,
        updated_at=NOW,
    )
    save(sessions, task)

    with make_uow(read_only=True) as uow:
        assert uow.ticket_tasks.ticket_of_task(task.id) == ticket_id
        assert uow.ticket_tasks.ticket_of_task("00000000-0000-4000-8000-000000000000") is None
        assert uow.ticket_tasks.ticket_of_task("x" * 200) is None
        view = uow.ticket_tasks.view(task.id)
        assert view is not None
        assert (view.task.name, view.task_type.id) == ("Only", kind.id)
        assert uow.ticket_tasks.view("00000000-0000-4000-8000-000000000000") is None
        assert uow.ticket_tasks.assigned_to("x" * 200) == []
