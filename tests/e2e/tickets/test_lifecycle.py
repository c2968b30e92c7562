"""``tickets.updateTicket`` and ``tickets.updateTicketStatus`` over real HTTP: fields,
money, assignment with its tasks, every status move allowed and refused, the required
tasks, the comments left and the completion email."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from db.tables.catalog import PartRow
from db.tables.tickets import ServiceTicketRow, TicketPartRow, TicketTaskRow
from tests.e2e.browser import (
    BAD_REQUEST,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    PRECONDITION_FAILED,
    UNAUTHORIZED,
    call,
)
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    error_of,
    issue_paths,
    result_of,
    rpc_call,
)
from tests.e2e.tickets.lifecycle_helpers import (
    TICKET_KEYS,
    comments_of,
    deactivate,
    email_of_customer,
    emails_of,
    new_task,
    new_ticket,
    task_assignees,
)
from tests.factories.tickets import OPENED_AT

STATUSES = ["pending", "in_progress", "completed", "cancelled"]
ALLOWED = {
    ("pending", "in_progress"),
    ("pending", "cancelled"),
    ("in_progress", "pending"),
    ("in_progress", "completed"),
    ("in_progress", "cancelled"),
}


def update(client: httpx.Client, user: Account, ticket_id: str, **fields: Any) -> Any:
    return call(client, user, "tickets.updateTicket", {"id": ticket_id, **fields})


def set_status(client: httpx.Client, user: Account, ticket_id: str, status: str) -> Any:
    return call(client, user, "tickets.updateTicketStatus", {"id": ticket_id, "status": status})


def test_update_changes_what_is_given_and_comments_each_change(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user("reception")
    ticket = new_ticket(server, notes="Old note")

    answer = result_of(
        update(
            client,
            user,
            ticket.id,
            priority_level="urgent",
            warranty_type="goodwill",
            service_fee=120.5,
            diagnosis_fee=15,
            discount_amount=5.5,
            issue_description="Screen flickers\nafter a drop",
            notes=None,
        )
    )

    assert answer["success"] is True
    updated = answer["ticket"]
    assert set(updated) == TICKET_KEYS
    assert updated["priority_level"] == "urgent"
    assert updated["warranty_type"] == "goodwill"
    assert (updated["service_fee"], updated["diagnosis_fee"], updated["discount_amount"]) == (
        120.5,
        15,
        5.5,
    )
    assert (updated["parts_total"], updated["total_cost"]) == (0, 130)
    assert updated["issue_description"] == "Screen flickers\nafter a drop"
    assert updated["notes"] is None
    assert updated["status"] == "pending"  # left out: unchanged
    assert updated["updated_at"] != updated["created_at"]
    assert sorted(comments_of(server, ticket.id)) == sorted(
        [
            ("system", "Priority: normal → urgent", user.id),
            ("system", "Warranty: paid → goodwill", user.id),
            ("system", "Service fee: 100.00 → 120.50", user.id),
            ("system", "Diagnosis fee: 0.00 → 15.00", user.id),
            ("system", "Discount: 0.00 → 5.50", user.id),
        ]
    )


def test_the_total_counts_the_part_lines(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    ticket = new_ticket(server)
    with server.db() as session:
        part = PartRow(
            name="Screen",
            sku=f"SCR-{ticket.id[:8]}",
            unit_price=Decimal("9.99"),
            stock_quantity=10,
            minimum_stock=0,
            created_at=OPENED_AT,
            updated_at=OPENED_AT,
        )
        session.add(part)
        session.flush()
        session.add(
            TicketPartRow(
                ticket_id=ticket.id,
                part_id=part.id,
                quantity=3,
                unit_price=Decimal("9.99"),
                total=Decimal("29.97"),
                created_at=OPENED_AT,
                updated_at=OPENED_AT,
            )
        )
        session.commit()

    updated = result_of(update(client, user, ticket.id, discount_amount=0.97))["ticket"]

    assert (updated["parts_total"], updated["total_cost"]) == (29.97, 129)


def test_a_discount_larger_than_the_rest_is_bad_request_and_changes_nothing(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    ticket = new_ticket(server)

    error_of(
        update(client, user, ticket.id, discount_amount=100.01, priority_level="high"),
        *BAD_REQUEST,
    )

    again = result_of(update(client, user, ticket.id))["ticket"]
    assert (again["discount_amount"], again["priority_level"]) == (0, "normal")
    assert comments_of(server, ticket.id) == []


def test_fees_past_the_money_columns_bound_are_bad_request_not_a_server_error(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    # Each fee alone is a valid amount; together they pass numeric(12,2)'s bound.
    user = make_user()
    ticket = new_ticket(server)

    refused = error_of(
        update(client, user, ticket.id, service_fee=9999999999.99, diagnosis_fee=1),
        *BAD_REQUEST,
    )

    assert "total would come to 10000000000.99" in refused["message"]
    again = result_of(update(client, user, ticket.id))["ticket"]
    assert (again["service_fee"], again["diagnosis_fee"]) == (100, 0)


def test_assigning_takes_the_unfinished_tasks_along_and_names_the_users(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user("manager")
    first = make_user("technician", full_name="Tara Technician")
    second = make_user("technician", full_name="Tom Technician")
    ticket = new_ticket(server)
    result_of(update(client, user, ticket.id, assigned_to=first.id))
    new_task(server, ticket.id, "Diagnose", 1, status="completed", assigned_to_id=first.id)
    new_task(server, ticket.id, "Clean", 2, status="skipped", assigned_to_id=first.id)
    new_task(server, ticket.id, "Replace", 3, status="in_progress", assigned_to_id=first.id)
    new_task(server, ticket.id, "Test", 4, status="blocked")
    new_task(server, ticket.id, "Pack", 5)

    updated = result_of(update(client, user, ticket.id, assigned_to=second.id))["ticket"]

    assert updated["assigned_to"] == second.id
    assert task_assignees(server, ticket.id) == {
        "Diagnose": first.id,
        "Clean": first.id,
        "Replace": second.id,
        "Test": second.id,
        "Pack": second.id,
    }
    assert [c[:2] for c in comments_of(server, ticket.id)] == [
        ("assignment", "Assigned to Tara Technician"),
        ("assignment", "Reassigned from Tara Technician to Tom Technician"),
    ]

    unassigned = result_of(update(client, user, ticket.id, assigned_to=None))["ticket"]

    assert unassigned["assigned_to"] is None
    assert task_assignees(server, ticket.id)["Pack"] == second.id
    assert comments_of(server, ticket.id)[-1][:2] == (
        "assignment",
        "Unassigned (was Tom Technician)",
    )


def test_assigning_an_unknown_or_deactivated_user_is_not_found(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    gone = make_user("technician")
    deactivate(server, gone.id)
    ticket = new_ticket(server)

    for assignee in (MISSING_ID, gone.id):
        error = error_of(update(client, user, ticket.id, assigned_to=assignee), *NOT_FOUND)
        assert "User not found" in error["message"] + str(error["data"])

    assert comments_of(server, ticket.id) == []


@pytest.mark.parametrize("method", ["tickets.updateTicket", "tickets.updateTicketStatus"])
def test_a_missing_ticket_is_not_found(
    client: httpx.Client, make_user: MakeUser, method: str
) -> None:
    error_of(
        call(client, make_user(), method, {"id": MISSING_ID, "status": "in_progress"}),
        *NOT_FOUND,
    )


@pytest.mark.parametrize("start", STATUSES)
@pytest.mark.parametrize("target", STATUSES)
def test_every_status_move_is_allowed_or_refused_by_the_one_table(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, start: str, target: str
) -> None:
    user = make_user()
    ticket = new_ticket(server, status=start)

    answer = set_status(client, user, ticket.id, target)

    if (start, target) in ALLOWED:
        assert result_of(answer)["ticket"]["status"] == target
        assert comments_of(server, ticket.id) == [
            ("status_change", f"Status: {start} → {target}", user.id)
        ]
    elif start == target and start not in ("completed", "cancelled"):
        assert result_of(answer)["ticket"]["status"] == start
        assert comments_of(server, ticket.id) == []
    else:
        error = error_of(answer, *PRECONDITION_FAILED)
        assert f"is {start}" in error["message"] + str(error["data"])
        assert comments_of(server, ticket.id) == []


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_a_terminal_ticket_refuses_any_field_change(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, status: str
) -> None:
    ticket = new_ticket(server, status=status)

    error = error_of(update(client, make_user(), ticket.id, notes="late"), *PRECONDITION_FAILED)

    assert f"is {status}" in error["message"] + str(error["data"])


def test_started_at_is_kept_on_a_second_start(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    ticket = new_ticket(server)

    first = result_of(set_status(client, user, ticket.id, "in_progress"))["ticket"]
    paused = result_of(update(client, user, ticket.id, status="pending"))["ticket"]
    again = result_of(set_status(client, user, ticket.id, "in_progress"))["ticket"]

    assert first["started_at"] is not None
    assert paused["started_at"] == first["started_at"]
    assert again["started_at"] == first["started_at"]
    assert again["completed_at"] is None


def test_completion_waits_for_required_tasks_then_emails_the_customer(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    ticket = new_ticket(server, status="in_progress")
    new_task(server, ticket.id, "Diagnose", 1, status="completed")
    blocker = new_task(server, ticket.id, "Replace screen", 2)
    new_task(server, ticket.id, "Polish", 3, is_required=False)

    error = error_of(set_status(client, user, ticket.id, "completed"), *PRECONDITION_FAILED)

    assert "Replace screen" in error["message"] + str(error["data"])
    assert "Polish" not in error["message"] + str(error["data"])
    assert emails_of(server, ticket.id) == []

    with server.db() as session:
        task = session.get(TicketTaskRow, blocker)
        assert task is not None
        task.status = "skipped"
        session.add(task)
        session.commit()

    done = result_of(set_status(client, user, ticket.id, "completed"))["ticket"]

    assert done["status"] == "completed"
    assert done["completed_at"] is not None
    assert emails_of(server, ticket.id) == [
        ("service_completed", email_of_customer(server, ticket))
    ]


def test_completing_for_a_customer_without_email_sends_none(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    ticket = new_ticket(server, status="in_progress", with_email=False)

    done = result_of(update(client, make_user(), ticket.id, status="completed"))["ticket"]

    assert done["status"] == "completed"
    assert emails_of(server, ticket.id) == []


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"priority_level": "extreme"}, ["priority_level"]),
        ({"warranty_type": None}, ["warranty_type"]),
        ({"service_fee": -1}, ["service_fee"]),
        ({"discount_amount": 1.001}, ["discount_amount"]),
        ({"status": "done"}, ["status"]),
        ({"issue_description": ""}, ["issue_description"]),
        ({"assigned_to": 5}, ["assigned_to"]),
    ],
)
def test_update_bad_input_names_the_field(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    params: dict[str, Any],
    path: list[str],
) -> None:
    ticket = new_ticket(server)

    error = error_of(update(client, make_user(), ticket.id, **params), *INVALID_PARAMS)

    assert path in issue_paths(error)


def test_status_bad_input_names_the_field(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()

    missing = error_of(
        call(client, user, "tickets.updateTicketStatus", {"id": MISSING_ID}), *INVALID_PARAMS
    )
    wrong = error_of(set_status(client, user, MISSING_ID, "finished"), *INVALID_PARAMS)

    assert ["status"] in issue_paths(missing)
    assert ["status"] in issue_paths(wrong)


@pytest.mark.parametrize("method", ["tickets.updateTicket", "tickets.updateTicketStatus"])
def test_not_signed_in_is_unauthorized(
    server: LiveServer, client: httpx.Client, method: str
) -> None:
    ticket: ServiceTicketRow = new_ticket(server)

    error_of(rpc_call(client, method, {"id": ticket.id, "status": "in_progress"}), *UNAUTHORIZED)

    assert comments_of(server, ticket.id) == []


@pytest.mark.parametrize("role", ["admin", "manager", "technician", "reception"])
def test_every_role_may_change_a_ticket(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    user = admin_account if role == "admin" else make_user(role)
    ticket = new_ticket(server)

    moved = result_of(set_status(client, user, ticket.id, "in_progress"))["ticket"]

    assert moved["status"] == "in_progress"
