"""``workflow.switchTemplate`` on the test's database (SQLite, or PostgreSQL when
DATABASE_URL names one): the two-pass re-sequencing never meets the unique
``(ticket_id, sequence_order)``, and two switches of one ticket at once leave exactly
one switch's outcome (the loser refused by a domain error, or switching again from the
winner's result), never a database error.

Each switcher runs in a thread of its own with its own unit of work, both released
together by a barrier, as concurrent calls would be.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from db.tables.auth import UserRow
from db.tables.tickets import ServiceTicketRow, TicketTaskRow, TicketTemplateChangeRow
from db.tables.workflow import TaskTemplateRow, TaskTypeRow, TemplateTaskRow
from services.caller import Caller
from services.errors import DomainError
from services.workflow import switch_template as switch_service
from tests.factories.auth import caller
from tests.factories.tickets import make_customer, ticket_row
from tests.factories.workflow import make_product_model
from tests.integration.conftest import UowFactory

T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)
REASON = "Customer chose a board-level repair"
WAIT_SECONDS = 60.0


@dataclass(frozen=True)
class Ground:
    actor: Caller
    ticket_id: str
    kinds: dict[str, str]  # task type name -> id
    templates: dict[str, str]  # template name -> id


def _template(session: Session, name: str, kinds: list[str]) -> str:
    row = TaskTemplateRow(
        name=name, name_key=name.casefold(), service_type="paid", created_at=T0, updated_at=T0
    )
    session.add(row)
    session.flush()
    for order, kind in enumerate(kinds, start=1):
        session.add(TemplateTaskRow(template_id=row.id, task_type_id=kind, sequence_order=order))
    return row.id


@pytest.fixture
def ground(sessions: sessionmaker[Session]) -> Ground:
    """A technician, five task types, templates Old (A B C), Left (E C D) and Right
    (D A), and an in-progress ticket on Old with tasks A completed at 1, B pending at 2,
    C blocked at 3: moving C from 3 to 2 in one statement would meet B before it goes."""
    with sessions() as session:
        customer_id = make_customer(session).id
        product_id = make_product_model(session).id
        user = UserRow(
            email="tess@shop.example",
            full_name="Tess Tech",
            password_hash="x",
            role="technician",
            created_at=T0,
            updated_at=T0,
        )
        session.add(user)
        kinds = {}
        for name in "ABCDE":
            kind = TaskTypeRow(name=name, name_key=name.lower(), created_at=T0, updated_at=T0)
            session.add(kind)
            kinds[name] = kind.id
        session.flush()
        templates = {
            "Old": _template(session, "Old", [kinds["A"], kinds["B"], kinds["C"]]),
            "Left": _template(session, "Left", [kinds["E"], kinds["C"], kinds["D"]]),
            "Right": _template(session, "Right", [kinds["D"], kinds["A"]]),
        }
        ticket = ticket_row(
            "SV-2026-001",
            customer_id=customer_id,
            product_id=product_id,
            template_id=templates["Old"],
            status="in_progress",
        )
        session.add(ticket)
        session.flush()
        for order, (name, status) in enumerate(
            [("A", "completed"), ("B", "pending"), ("C", "blocked")], start=1
        ):
            session.add(
                TicketTaskRow(
                    ticket_id=ticket.id,
                    task_type_id=kinds[name],
                    name=name,
                    sequence_order=order,
                    status=status,
                    created_at=T0,
                    updated_at=T0,
                )
            )
        session.commit()
        return Ground(caller(user), ticket.id, kinds, templates)


def _tasks(sessions: sessionmaker[Session], ticket_id: str) -> list[tuple[str, str, int]]:
    with sessions() as session:
        rows = session.exec(
            select(TicketTaskRow)
            .where(TicketTaskRow.ticket_id == ticket_id)
            .order_by(col(TicketTaskRow.sequence_order))
        ).all()
        return [(row.name, row.status, row.sequence_order) for row in rows]


def _switch(make_uow: UowFactory, ground: Ground, template: str) -> switch_service.SwitchSummary:
    return switch_service.switch_template(
        make_uow(),
        ground.actor,
        ground.ticket_id,
        new_template_id=ground.templates[template],
        reason=REASON,
        clock=lambda: T0,
    )


def test_a_switch_moves_kept_tasks_down_past_the_unique_order(
    make_uow: UowFactory, sessions: sessionmaker[Session], ground: Ground
) -> None:
    summary = _switch(make_uow, ground, "Left")

    assert summary == switch_service.SwitchSummary(
        tasks_preserved=2, tasks_removed=1, tasks_added=2, total_tasks=4
    )
    assert _tasks(sessions, ground.ticket_id) == [
        ("A", "completed", 1),
        ("C", "blocked", 2),
        ("E", "pending", 3),
        ("D", "pending", 4),
    ]
    with sessions() as session:
        ticket = session.get(ServiceTicketRow, ground.ticket_id)
        assert ticket is not None
        assert ticket.template_id == ground.templates["Left"]
        [change] = session.exec(select(TicketTemplateChangeRow)).all()
        assert (change.old_template_id, change.new_template_id, change.reason) == (
            ground.templates["Old"],
            ground.templates["Left"],
            REASON,
        )
        assert (change.changed_by_id, change.total_tasks) == (ground.actor.user_id, 4)


# What each order of the two switches leaves (the first from Old, the second from the
# first's outcome); the same template twice: the second is refused, as already used.
OUTCOMES = {
    ("Left", "Right"): [("A", "completed", 1), ("D", "pending", 2)],
    ("Right", "Left"): [
        ("A", "completed", 1),
        ("D", "pending", 2),
        ("E", "pending", 3),
        ("C", "pending", 4),
    ],
    ("Left", "Left"): [
        ("A", "completed", 1),
        ("C", "blocked", 2),
        ("E", "pending", 3),
        ("D", "pending", 4),
    ],
}


@pytest.mark.parametrize("targets", [("Left", "Right"), ("Left", "Left")])
def test_two_switches_at_once_leave_one_consistent_outcome(
    make_uow: UowFactory,
    sessions: sessionmaker[Session],
    ground: Ground,
    targets: tuple[str, str],
) -> None:
    barrier = threading.Barrier(len(targets), timeout=WAIT_SECONDS)

    def attempt(template: str) -> str:
        barrier.wait()
        try:
            _switch(make_uow, ground, template)
        except DomainError as error:  # anything else fails the test
            return f"refused: {error}"
        return "switched"

    with ThreadPoolExecutor(max_workers=len(targets)) as pool:
        answers = list(pool.map(attempt, targets, timeout=WAIT_SECONDS))

    with sessions() as session:
        changes = session.exec(
            select(TicketTemplateChangeRow).order_by(col(TicketTemplateChangeRow.total_tasks))
        ).all()
        ticket = session.get(ServiceTicketRow, ground.ticket_id)
        assert ticket is not None
        final = ticket.template_id
    names = {value: name for name, value in ground.templates.items()}
    switched = [names[change.new_template_id] for change in changes]
    assert answers.count("switched") == len(changes) >= 1
    if len(changes) == 2:  # both switched: the second from the first's outcome
        last = names[final or ""]
        first = next(name for name in targets if name != last)
        assert sorted(switched) == sorted(targets)
        assert _tasks(sessions, ground.ticket_id) == OUTCOMES[(first, last)]
    else:  # the loser saw the winner's switch and was refused by a rule
        assert [answer for answer in answers if answer != "switched"] == [
            "refused: Ticket SV-2026-001 already uses this template: choose a different one"
        ]
        assert _tasks(sessions, ground.ticket_id) == OUTCOMES[("Left", "Left")]
