"""Which template a new ticket's tasks come from, over real HTTP, and ``tickets.getTasks``.

Each test deactivates the templates it made before it ends: another test of the same
server must not find them (a generic template would give every later ticket tasks).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from db.tables.tickets import TicketTaskRow
from tests.e2e.browser import INVALID_PARAMS, MISSING_ID, NOT_FOUND, UNAUTHORIZED, call
from tests.e2e.conftest import Account, LiveServer, MakeUser, error_of, issue_paths, rpc_call
from tests.e2e.tickets.intake_helpers import (
    MADE_AT,
    create_ticket,
    deactivate,
    make_product,
    make_template,
    ticket_params,
)

TASK_KEYS = {
    "id",
    "name",
    "status",
    "sequence_order",
    "is_required",
    "assigned_to_id",
    "started_at",
    "completed_at",
    "task_type",
    "assigned_to",
}


@pytest.fixture
def user(make_user: MakeUser) -> Account:
    return make_user("technician")


def tasks_of(client: httpx.Client, user: Account, ticket_id: str) -> list[dict[str, Any]]:
    answer = call(client, user, "tickets.getTasks", {"ticketId": ticket_id})
    tasks: list[dict[str, Any]] = answer["result"]
    return tasks


def test_a_template_for_the_product_model_wins_over_a_generic_one(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    product_id = make_product(server)
    # The generic one is newer: the product model's still wins.
    generic = make_template(server, product_type=None, steps=3, created_at=MADE_AT)
    specific = make_template(
        server, product_type=product_id, steps=2, created_at=MADE_AT - timedelta(days=1)
    )
    try:
        created = create_ticket(client, user, ticket_params(product_id))
        other_product = create_ticket(client, user, ticket_params(make_product(server)))
    finally:
        deactivate(server, generic, specific)

    assert created["ticket"]["template_id"] == specific
    tasks = created["tasks"]
    assert [task["sequence_order"] for task in tasks] == [1, 2]
    assert all(set(task) == TASK_KEYS for task in tasks)
    assert all(task["status"] == "pending" and task["assigned_to"] is None for task in tasks)
    assert [task["is_required"] for task in tasks] == [True, False]
    assert [task["name"] for task in tasks] == [task["task_type"]["name"] for task in tasks]
    assert tasks_of(client, user, created["ticket"]["id"]) == tasks
    # A model without a template of its own takes the generic one.
    assert other_product["ticket"]["template_id"] == generic
    assert len(other_product["tasks"]) == 3


def test_among_equal_templates_the_newest_wins(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    product_id = make_product(server)
    older = make_template(server, product_type=product_id, created_at=MADE_AT)
    newer = make_template(server, product_type=product_id, created_at=MADE_AT + timedelta(1))
    try:
        created = create_ticket(client, user, ticket_params(product_id))
    finally:
        deactivate(server, older, newer)

    assert created["ticket"]["template_id"] == newer


@pytest.mark.parametrize("warranty_type", ["warranty", "goodwill"])
def test_warranty_and_goodwill_tickets_use_warranty_templates(
    server: LiveServer, client: httpx.Client, user: Account, warranty_type: str
) -> None:
    product_id = make_product(server)
    paid = make_template(server, product_type=product_id, service_type="paid")
    warranty = make_template(server, product_type=product_id, service_type="warranty", steps=1)
    try:
        created = create_ticket(
            client, user, ticket_params(product_id, warranty_type=warranty_type)
        )
        paid_ticket = create_ticket(client, user, ticket_params(product_id))
    finally:
        deactivate(server, paid, warranty)

    assert created["ticket"]["template_id"] == warranty
    assert len(created["tasks"]) == 1
    assert paid_ticket["ticket"]["template_id"] == paid


def test_no_active_template_means_no_tasks(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    product_id = make_product(server)
    inactive = make_template(server, product_type=product_id, is_active=False)
    replacement = make_template(server, product_type=product_id, service_type="replacement")
    try:
        created = create_ticket(client, user, ticket_params(product_id))
    finally:
        deactivate(server, replacement)

    assert inactive != created["ticket"]["template_id"]
    assert created["ticket"]["template_id"] is None
    assert created["tasks"] == []
    assert tasks_of(client, user, created["ticket"]["id"]) == []


def test_get_tasks_shows_the_assignee(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    product_id = make_product(server)
    template = make_template(server, product_type=product_id)
    try:
        created = create_ticket(client, user, ticket_params(product_id))
    finally:
        deactivate(server, template)
    # Assigned straight in the database (updateTicket is another slice's).
    with server.db() as session:
        row = session.get(TicketTaskRow, created["tasks"][0]["id"])
        assert row is not None
        row.assigned_to_id = user.id
        session.commit()

    first, second = tasks_of(client, user, created["ticket"]["id"])

    assert first["assigned_to_id"] == user.id
    technician = {"id": user.id, "full_name": "Test Technician", "role": user.role}
    assert first["assigned_to"] == technician
    assert second["assigned_to"] is None


def test_get_tasks_of_an_unknown_ticket_is_not_found(client: httpx.Client, user: Account) -> None:
    answer = call(client, user, "tickets.getTasks", {"ticketId": MISSING_ID})

    assert error_of(answer, *NOT_FOUND)["message"] == "Ticket not found"


@pytest.mark.parametrize(
    ("params", "path"),
    [({}, ["ticketId"]), ({"ticketId": ""}, ["ticketId"]), ({"ticket_id": MISSING_ID}, None)],
)
def test_get_tasks_takes_the_contracts_ticket_id(
    client: httpx.Client, user: Account, params: dict[str, Any], path: list[str] | None
) -> None:
    answer = call(client, user, "tickets.getTasks", params)

    paths = issue_paths(error_of(answer, *INVALID_PARAMS))
    assert path is None or path in paths


def test_get_tasks_needs_signing_in(client: httpx.Client) -> None:
    answer = rpc_call(client, "tickets.getTasks", {"ticketId": MISSING_ID})

    error_of(answer, *UNAUTHORIZED)
