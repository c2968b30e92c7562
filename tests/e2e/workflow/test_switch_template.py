"""``workflow.switchTemplate`` over real HTTP: the switch and what it records, each
refusal, bad input naming its field, not signed in, and the roles."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlmodel import col, select

from db.tables.tickets import ServiceTicketRow, TicketTaskRow, TicketTemplateChangeRow
from db.tables.workflow import TaskTemplateRow
from tests.e2e.browser import FORBIDDEN, PRECONDITION_FAILED
from tests.e2e.conftest import Account, LiveServer, MakeUser, error_of, issue_paths, result_of
from tests.e2e.workflow.calls import (
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    UNAUTHORIZED,
    call,
    make_task_type,
    make_template,
)
from tests.factories.tickets import make_ticket

REASON = "Customer approved a board-level repair"
T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)


def switch(client: httpx.Client, user: Account | None, ticket_id: str, template_id: str) -> Any:
    params = {"ticket_id": ticket_id, "new_template_id": template_id, "reason": REASON}
    return call(client, user, "workflow.switchTemplate", params)


def setup(
    server: LiveServer,
    client: httpx.Client,
    admin: Account,
    tasks: list[tuple[str, str]],
    *,
    status: str = "in_progress",
) -> tuple[str, dict[str, str], dict[str, Any]]:
    """Task types A..E, an old template (A B C) and a new one (E C D), and a ticket on
    the old one with ``tasks`` ((type, status), in order 1, 2, ...)."""
    kinds = {name: make_task_type(client, admin)["id"] for name in "ABCDE"}
    old = make_template(client, admin, [kinds["A"], kinds["B"], kinds["C"]])
    new = make_template(client, admin, [kinds["E"], kinds["C"], kinds["D"]])
    with server.db() as session:
        ticket = make_ticket(session, template_id=old["id"], status=status)
        for order, (name, task_status) in enumerate(tasks, start=1):
            session.add(
                TicketTaskRow(
                    ticket_id=ticket.id,
                    task_type_id=kinds[name],
                    name=name,
                    sequence_order=order,
                    status=task_status,
                    created_at=T0,
                    updated_at=T0,
                )
            )
        session.commit()
        ticket_id = ticket.id
    return ticket_id, kinds, {"old": old, "new": new}


def task_types_in_order(server: LiveServer, ticket_id: str) -> list[tuple[str, str, int]]:
    with server.db() as session:
        rows = session.exec(
            select(TicketTaskRow)
            .where(TicketTaskRow.ticket_id == ticket_id)
            .order_by(col(TicketTaskRow.sequence_order))
        ).all()
        return [(row.task_type_id, row.status, row.sequence_order) for row in rows]


STARTING = [("A", "completed"), ("B", "pending"), ("C", "blocked")]


@pytest.mark.parametrize("role", ["technician", "manager", "admin"])
def test_switching_keeps_work_done_and_records_the_change(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    user = make_user(role)
    ticket_id, kinds, templates = setup(server, client, admin_account, STARTING)

    answer = result_of(switch(client, user, ticket_id, templates["new"]["id"]))

    assert answer == {
        "success": True,
        "summary": {"tasks_preserved": 2, "tasks_removed": 1, "tasks_added": 2, "total_tasks": 4},
    }
    assert task_types_in_order(server, ticket_id) == [
        (kinds["A"], "completed", 1),
        (kinds["C"], "blocked", 2),
        (kinds["E"], "pending", 3),
        (kinds["D"], "pending", 4),
    ]
    with server.db() as session:
        ticket = session.get(ServiceTicketRow, ticket_id)
        assert ticket is not None
        assert ticket.template_id == templates["new"]["id"]
        [change] = session.exec(
            select(TicketTemplateChangeRow).where(TicketTemplateChangeRow.ticket_id == ticket_id)
        ).all()
        assert (change.old_template_id, change.new_template_id, change.reason) == (
            templates["old"]["id"],
            templates["new"]["id"],
            REASON,
        )
        assert change.changed_by_id == user.id
        assert (change.tasks_preserved, change.tasks_removed, change.tasks_added) == (2, 1, 2)


def test_an_unknown_ticket_or_template_is_not_found(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, admin_account: Account
) -> None:
    user = make_user("technician")
    ticket_id, _, templates = setup(server, client, admin_account, STARTING)

    error_of(switch(client, user, MISSING_ID, templates["new"]["id"]), *NOT_FOUND)
    error_of(switch(client, user, ticket_id, MISSING_ID), *NOT_FOUND)


@pytest.mark.parametrize(
    ("case", "rule"),
    [
        ("completed ticket", "only a pending or in_progress ticket"),
        ("cancelled ticket", "only a pending or in_progress ticket"),
        ("inactive template", "not active"),
        ("same template", "already uses this template"),
        ("every task completed", "Every task"),
    ],
)
def test_each_rule_is_precondition_failed_naming_it_and_nothing_changes(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    case: str,
    rule: str,
) -> None:
    user = make_user("manager")
    status = case.split()[0] if case.endswith("ticket") else "in_progress"
    tasks = [("A", "completed")] if case == "every task completed" else STARTING
    ticket_id, _, templates = setup(server, client, admin_account, tasks, status=status)
    target = templates["old" if case == "same template" else "new"]["id"]
    if case == "inactive template":
        with server.db() as session:
            row = session.get(TaskTemplateRow, target)
            assert row is not None
            row.is_active = False
            session.commit()
    before = task_types_in_order(server, ticket_id)

    error = error_of(switch(client, user, ticket_id, target), *PRECONDITION_FAILED)

    assert rule in error["message"]
    assert task_types_in_order(server, ticket_id) == before


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"new_template_id": MISSING_ID, "reason": REASON}, "ticket_id"),
        ({"ticket_id": MISSING_ID, "reason": REASON}, "new_template_id"),
        ({"ticket_id": MISSING_ID, "new_template_id": MISSING_ID}, "reason"),
        ({"ticket_id": MISSING_ID, "new_template_id": MISSING_ID, "reason": "too short"}, "reason"),
        ({"ticket_id": "", "new_template_id": MISSING_ID, "reason": REASON}, "ticket_id"),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], field: str
) -> None:
    user = make_user("technician")

    error = error_of(call(client, user, "workflow.switchTemplate", params), *INVALID_PARAMS)

    assert [field] in issue_paths(error)


def test_not_signed_in_is_unauthorized(client: httpx.Client) -> None:
    error_of(switch(client, None, MISSING_ID, MISSING_ID), *UNAUTHORIZED)


def test_reception_is_forbidden_and_nothing_changes(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, admin_account: Account
) -> None:
    user = make_user("reception")
    ticket_id, _, templates = setup(server, client, admin_account, STARTING)
    before = task_types_in_order(server, ticket_id)

    error_of(switch(client, user, ticket_id, templates["new"]["id"]), *FORBIDDEN)

    assert task_types_in_order(server, ticket_id) == before
