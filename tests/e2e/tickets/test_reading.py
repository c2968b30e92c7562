"""``tickets.getTickets`` and ``tickets.getTicket`` over real HTTP: the array without
params, the filtered page with them, one ticket with its parts and comments."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from db.tables.tickets import ServiceTicketRow
from tests.e2e.browser import INVALID_PARAMS, MISSING_ID, NOT_FOUND, UNAUTHORIZED, call
from tests.e2e.conftest import Account, LiveServer, MakeUser, error_of, issue_paths, rpc_call
from tests.e2e.tickets.intake_helpers import (
    create_ticket,
    make_product,
    make_stocked_part,
    spelled,
    ticket_params,
    unique_digits,
)
from tests.e2e.tickets.lifecycle_helpers import (
    TICKET_KEYS,
)


@pytest.fixture
def user(make_user: MakeUser) -> Account:
    return make_user("manager")


def get_tickets(client: httpx.Client, user: Account, params: Any = None) -> Any:
    answer = call(client, user, "tickets.getTickets", params)
    assert "error" not in answer, answer
    return answer["result"]


def open_tickets(
    server: LiveServer, client: httpx.Client, user: Account, count: int, **customer: str
) -> list[dict[str, Any]]:
    """``count`` tickets of one new customer (named ``name`` or by a tag), oldest first."""
    product_id = make_product(server)
    data = {"name": f"Customer {uuid.uuid4().hex[:8]}", "phone": spelled(unique_digits())}
    data.update(customer)
    return [
        create_ticket(client, user, ticket_params(product_id, customer_data=data))["ticket"]
        for _ in range(count)
    ]


@pytest.mark.parametrize("params", [None, {}])
def test_without_params_the_array_newest_first(
    server: LiveServer, client: httpx.Client, user: Account, params: Any
) -> None:
    opened = open_tickets(server, client, user, 3)

    tickets = get_tickets(client, user, params)

    assert isinstance(tickets, list)
    assert all(set(ticket) == TICKET_KEYS for ticket in tickets)
    ids = [ticket["id"] for ticket in tickets]
    assert ids[:3] == [ticket["id"] for ticket in reversed(opened)]
    created = [ticket["created_at"] for ticket in tickets]
    assert created == sorted(created, reverse=True)


def test_a_page_of_one_customers_tickets(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    opened = open_tickets(server, client, user, 3)
    customer_id = opened[0]["customer_id"]

    page = get_tickets(client, user, {"customer_id": customer_id, "limit": 2, "offset": 1})

    assert page["total"] == 3
    assert [ticket["id"] for ticket in page["tickets"]] == [opened[1]["id"], opened[0]["id"]]


def test_search_finds_the_number_the_name_and_the_phone_spelt_otherwise(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    name = f"Searchable {uuid.uuid4().hex[:8]}"
    digits = unique_digits()
    [ticket] = open_tickets(server, client, user, 1, name=name, phone=spelled(digits))

    by_name = get_tickets(client, user, {"search": name.upper()})
    by_phone = get_tickets(client, user, {"search": f"{digits[:3]} {digits[3:]}"})
    by_number = get_tickets(client, user, {"search": ticket["ticket_number"].lower()})
    literal = get_tickets(client, user, {"search": "%"})

    assert [found["id"] for found in by_name["tickets"]] == [ticket["id"]]
    assert by_name["total"] == 1
    assert [found["id"] for found in by_phone["tickets"]] == [ticket["id"]]
    assert ticket["id"] in [found["id"] for found in by_number["tickets"]]
    assert all(ticket["ticket_number"] in found["ticket_number"] for found in by_number["tickets"])
    assert literal == {"tickets": [], "total": 0}


def test_filters_by_status_priority_and_assignee(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    first, second = open_tickets(server, client, user, 2)
    with server.db() as session:
        row = session.get(ServiceTicketRow, second["id"])
        assert row is not None
        row.assigned_to = user.id
        row.status = "in_progress"
        row.priority_level = "urgent"
        session.commit()
    customer_id = first["customer_id"]

    def ids(**filters: Any) -> list[str]:
        page = get_tickets(client, user, {"customer_id": customer_id, **filters})
        assert page["total"] == len(page["tickets"])
        return [ticket["id"] for ticket in page["tickets"]]

    assert ids(status="in_progress") == [second["id"]]
    assert ids(status="pending") == [first["id"]]
    assert ids(priority_level="urgent") == [second["id"]]
    assert ids(assigned_to=user.id) == [second["id"]]
    assert ids(assigned_to=user.id, status="pending") == []


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"limit": 0}, ["limit"]),
        ({"limit": 101}, ["limit"]),
        ({"offset": -1}, ["offset"]),
        ({"status": "open"}, ["status"]),
        ({"priority_level": "asap"}, ["priority_level"]),
        ({"search": ""}, ["search"]),
        ({"sort": "name"}, ["sort"]),
    ],
)
def test_get_tickets_bad_params_name_the_field(
    client: httpx.Client, user: Account, params: dict[str, Any], path: list[str]
) -> None:
    answer = call(client, user, "tickets.getTickets", params)

    assert path in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_get_ticket_with_its_parts_and_comments(
    server: LiveServer, client: httpx.Client, user: Account, admin_account: Account
) -> None:
    product_id = make_product(server)
    part = make_stocked_part(client, admin_account, 2, "Back cover")
    params = ticket_params(
        product_id, parts=[{"part_id": part["id"], "quantity": 2, "unit_price": 12.5}]
    )
    ticket = create_ticket(client, user, params)["ticket"]

    detail = call(client, user, "tickets.getTicket", {"id": ticket["id"]})["result"]

    assert set(detail) == TICKET_KEYS | {"parts", "comments"}
    assert {key: detail[key] for key in TICKET_KEYS} == ticket
    [line] = detail["parts"]
    assert (line["quantity"], line["unit_price"], line["total"]) == (2, 12.5, 25)
    assert line["parts"] == {"id": part["id"], "name": "Back cover", "sku": part["sku"]}
    [comment] = detail["comments"]
    assert comment["comment_type"] == "system"


def test_get_ticket_unknown_is_not_found(client: httpx.Client, user: Account) -> None:
    answer = call(client, user, "tickets.getTicket", {"id": MISSING_ID})

    assert error_of(answer, *NOT_FOUND)["message"] == "Ticket not found"


@pytest.mark.parametrize(("params", "path"), [({}, ["id"]), ({"id": ""}, ["id"])])
def test_get_ticket_bad_params_name_the_field(
    client: httpx.Client, user: Account, params: dict[str, Any], path: list[str]
) -> None:
    answer = call(client, user, "tickets.getTicket", params)

    assert path in issue_paths(error_of(answer, *INVALID_PARAMS))


@pytest.mark.parametrize(
    ("method", "params"),
    [("tickets.getTickets", None), ("tickets.getTicket", {"id": MISSING_ID})],
)
def test_reading_needs_signing_in(client: httpx.Client, method: str, params: Any) -> None:
    error_of(rpc_call(client, method, params), *UNAUTHORIZED)
