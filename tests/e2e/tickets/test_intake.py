"""``tickets.createTicket`` over real HTTP: the ticket, its customer (given, found by
phone, or made), its parts and their stock, its tasks, comment and email; each declared
error, bad params and signing in; and that a refusal midway writes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

import services.tickets.intake as intake_module
from tests.e2e.browser import (
    BAD_REQUEST,
    CONFLICT,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    PRECONDITION_FAILED,
    UNAUTHORIZED,
    call,
)
from tests.e2e.catalog.parts import (
    ledger,
)
from tests.e2e.conftest import Account, LiveServer, MakeUser, error_of, issue_paths, rpc_call
from tests.e2e.tickets.intake_helpers import (
    create_ticket,
    customers_with_phone_key,
    deactivate,
    emails_of_ticket,
    ledger_of_ticket,
    make_product,
    make_stocked_part,
    make_template,
    spelled,
    ticket_params,
    unique_digits,
    written,
)

INTERNAL = -32603
NUMBER_PATTERN = r"^SV-\d{4}-\d{3,}$"


@pytest.fixture
def user(make_user: MakeUser) -> Account:
    return make_user("reception", full_name="Rita Reception")


def test_create_with_parts_takes_stock_and_answers_the_ticket(
    server: LiveServer, client: httpx.Client, user: Account, admin_account: Account
) -> None:
    product_id = make_product(server)
    screen = make_stocked_part(client, admin_account, 5, "Screen")
    battery = make_stocked_part(client, admin_account, 3, "Battery")
    params = ticket_params(
        product_id,
        customer_data={
            "name": "Casey Customer",
            "phone": spelled(unique_digits()),
            "email": f"casey-{unique_digits()}@example.com",
            "address": "12 Main St\nSpringfield",
        },
        priority_level="high",
        service_fee=50,
        diagnosis_fee=15.5,
        discount_amount=10,
        parts=[
            {"part_id": screen["id"], "quantity": 2, "unit_price": 129.9},
            {"part_id": battery["id"], "quantity": 1, "unit_price": 40},
        ],
    )

    created = create_ticket(client, user, params)

    ticket = created["ticket"]
    assert ticket["ticket_number"].startswith("SV-")
    assert ticket["status"] == "pending"
    assert ticket["priority_level"] == "high"
    assert ticket["warranty_type"] == "paid"
    assert Decimal(str(ticket["parts_total"])) == Decimal("299.80")
    assert Decimal(str(ticket["total_cost"])) == Decimal("355.30")
    assert ticket["created_by"] == user.id
    assert ticket["issue_description"] == "Screen cracked after a drop"
    assert ticket["customers"]["name"] == "Casey Customer"
    assert ticket["products"]["id"] == product_id
    assert set(ticket["products"]["brands"]) == {"name"}
    # The stock went down, through the ledger, with entries naming the ticket.
    entries = ledger_of_ticket(server, ticket["id"])
    assert sorted((entry.part_id, entry.delta) for entry in entries) == sorted(
        [(screen["id"], -2), (battery["id"], -1)]
    )
    assert all(ticket["ticket_number"] in entry.reason for entry in entries)
    assert [entry.stock_after for entry in ledger(server, screen["id"])] == [3, 5]
    part = call(client, user, "catalog.part.get", {"id": screen["id"]})["result"]
    assert part["stock_quantity"] == 3
    # The detail shows the lines and the system's comment.
    detail = call(client, user, "tickets.getTicket", {"id": ticket["id"]})["result"]
    # Lines made at one instant come by id: compared without their order.
    assert sorted((line["part_id"], line["quantity"]) for line in detail["parts"]) == sorted(
        [(screen["id"], 2), (battery["id"], 1)]
    )
    [comment] = detail["comments"]
    assert comment["comment_type"] == "system"
    assert comment["comment"].startswith(f"Ticket {ticket['ticket_number']} created")
    assert comment["profiles"]["id"] == user.id
    # The customer has an email: ticket_created is queued.
    [email] = emails_of_ticket(server, ticket["id"])
    assert email.email_type == "ticket_created"
    assert email.status == "pending"


def test_the_customer_is_found_by_a_differently_spelt_phone(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    product_id = make_product(server)
    digits = unique_digits()
    first = create_ticket(
        client,
        user,
        ticket_params(product_id, customer_data={"name": "Ann", "phone": spelled(digits)}),
    )
    again = ticket_params(
        product_id,
        customer_data={
            "name": "Someone Else",
            "phone": f"{digits[:3]} {digits[3:6]} {digits[6:]}",
            "email": "someone.else@example.com",
        },
    )
    second = create_ticket(client, user, again)

    assert second["ticket"]["customer_id"] == first["ticket"]["customer_id"]
    # The customer found is used as it is: not renamed, no email added.
    assert second["ticket"]["customers"]["name"] == "Ann"
    assert second["ticket"]["customers"]["email"] is None
    assert len(customers_with_phone_key(server, digits)) == 1
    # Without an email, no ticket_created is queued.
    assert emails_of_ticket(server, second["ticket"]["id"]) == []


def test_a_given_customer_is_used_as_it_is(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    product_id = make_product(server)
    first = create_ticket(client, user, ticket_params(product_id))
    customer_id = first["ticket"]["customer_id"]
    params = ticket_params(
        product_id,
        customer_data={"id": customer_id, "name": "Renamed", "phone": spelled(unique_digits())},
    )

    second = create_ticket(client, user, params)

    assert second["ticket"]["customer_id"] == customer_id
    assert second["ticket"]["customers"] == first["ticket"]["customers"]


def test_an_unknown_customer_id_is_not_found(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    product_id = make_product(server)
    digits = unique_digits()
    params = ticket_params(
        product_id, customer_data={"id": MISSING_ID, "name": "Nobody", "phone": spelled(digits)}
    )
    before = written(server)

    error = error_of(call(client, user, "tickets.createTicket", params), *NOT_FOUND)

    assert error["message"] == "Customer not found"
    assert written(server) == before


def test_an_unknown_product_model_is_not_found(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    before = written(server)
    answer = call(client, user, "tickets.createTicket", ticket_params(MISSING_ID))

    error = error_of(answer, *NOT_FOUND)

    assert error["message"] == "Product model not found"
    assert written(server) == before


def test_another_customers_email_is_a_conflict(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    product_id = make_product(server)
    email = f"taken-{unique_digits()}@example.com"
    create_ticket(
        client,
        user,
        ticket_params(
            product_id,
            customer_data={"name": "A", "phone": spelled(unique_digits()), "email": email},
        ),
    )
    params = ticket_params(
        product_id,
        customer_data={"name": "B", "phone": spelled(unique_digits()), "email": email},
    )
    before = written(server)

    error_of(call(client, user, "tickets.createTicket", params), *CONFLICT)

    assert written(server) == before


def test_a_discount_larger_than_the_rest_is_a_bad_request(
    server: LiveServer, client: httpx.Client, user: Account
) -> None:
    product_id = make_product(server)
    params = ticket_params(product_id, service_fee=10, diagnosis_fee=5, discount_amount=15.01)
    before = written(server)

    error = error_of(call(client, user, "tickets.createTicket", params), *BAD_REQUEST)

    assert "discount_amount" in error["message"]
    assert written(server) == before


def test_money_past_the_columns_bound_is_bad_request_and_writes_nothing(
    server: LiveServer, client: httpx.Client, user: Account, admin_account: Account
) -> None:
    product_id = make_product(server)
    screen = make_stocked_part(client, admin_account, 5)
    line = {"part_id": screen["id"], "quantity": 2, "unit_price": 9999999999.99}
    params = ticket_params(product_id, parts=[line])
    before = written(server, [screen["id"]])

    error = error_of(call(client, user, "tickets.createTicket", params), *BAD_REQUEST)

    assert "parts would come to 19999999999.98" in error["message"]
    assert written(server, [screen["id"]]) == before


def test_a_missing_part_is_a_precondition_naming_it(
    server: LiveServer, client: httpx.Client, user: Account, admin_account: Account
) -> None:
    product_id = make_product(server)
    screen = make_stocked_part(client, admin_account, 5)
    params = ticket_params(
        product_id,
        parts=[
            {"part_id": screen["id"], "quantity": 1, "unit_price": 10},
            {"part_id": MISSING_ID, "quantity": 1, "unit_price": 10},
        ],
    )
    before = written(server, [screen["id"]])

    error = error_of(call(client, user, "tickets.createTicket", params), *PRECONDITION_FAILED)

    assert MISSING_ID in error["message"]
    assert written(server, [screen["id"]]) == before


def test_stock_running_out_on_the_third_line_writes_nothing(
    server: LiveServer, client: httpx.Client, user: Account, admin_account: Account
) -> None:
    product_id = make_product(server)
    template_id = make_template(server, product_type=product_id)
    first = make_stocked_part(client, admin_account, 5, "First")
    second = make_stocked_part(client, admin_account, 5, "Second")
    third = make_stocked_part(client, admin_account, 1, "Third")
    part_ids = [first["id"], second["id"], third["id"]]
    digits = unique_digits()
    params = ticket_params(
        product_id,
        customer_data={
            "name": "New Customer",
            "phone": spelled(digits),
            "email": f"new-{digits}@example.com",
        },
        parts=[
            {"part_id": first["id"], "quantity": 2, "unit_price": 10},
            {"part_id": second["id"], "quantity": 2, "unit_price": 10},
            {"part_id": third["id"], "quantity": 2, "unit_price": 10},
        ],
    )
    before = written(server, part_ids)
    try:
        answer = call(client, user, "tickets.createTicket", params)
    finally:
        deactivate(server, template_id)

    error = error_of(answer, *PRECONDITION_FAILED)

    assert "Third" in error["message"]
    assert written(server, part_ids) == before
    assert customers_with_phone_key(server, digits) == []


def test_a_failure_after_the_comment_rolls_everything_back(
    server: LiveServer,
    client: httpx.Client,
    user: Account,
    admin_account: Account,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    product_id = make_product(server)
    template_id = make_template(server, product_type=product_id)
    part = make_stocked_part(client, admin_account, 4)
    digits = unique_digits()
    params = ticket_params(
        product_id,
        customer_data={
            "name": "New Customer",
            "phone": spelled(digits),
            "email": f"new-{digits}@example.com",
        },
        parts=[{"part_id": part["id"], "quantity": 3, "unit_price": 10}],
    )
    seen: list[str] = []

    def failing(*args: Any, **kwargs: Any) -> bool:
        # Called once the ticket, its lines, tasks and comment are written.
        seen.append("called")
        raise RuntimeError("the outbox broke")

    monkeypatch.setattr(intake_module, "queue_ticket_email", failing)
    before = written(server, [part["id"]])
    try:
        answer = call(client, user, "tickets.createTicket", params)
    finally:
        deactivate(server, template_id)

    assert seen == ["called"]
    assert answer["error"]["code"] == INTERNAL
    assert written(server, [part["id"]]) == before
    assert customers_with_phone_key(server, digits) == []
    # The number given back: the next ticket takes it.
    monkeypatch.undo()
    numbers = [
        create_ticket(client, user, ticket_params(product_id))["ticket"]["ticket_number"]
        for _ in range(2)
    ]
    assert int(numbers[1].rsplit("-", 1)[1]) == int(numbers[0].rsplit("-", 1)[1]) + 1


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"description": ""}, ["description"]),
        ({"service_fee": -1}, ["service_fee"]),
        ({"discount_amount": -0.01}, ["discount_amount"]),
        ({"priority_level": "asap"}, ["priority_level"]),
        ({"warranty_type": "free"}, ["warranty_type"]),
        ({"customer_data": {"name": "A", "phone": "12"}}, ["customer_data", "phone"]),
        (
            {"parts": [{"part_id": MISSING_ID, "quantity": 0, "unit_price": 1}]},
            ["parts", 0, "quantity"],
        ),
        (
            {"parts": [{"part_id": MISSING_ID, "quantity": 1, "unit_price": -1}]},
            ["parts", 0, "unit_price"],
        ),
        ({"parts": [{"part_id": MISSING_ID, "quantity": 1, "unit_price": 1}] * 51}, ["parts"]),
        ({"surprise": True}, ["surprise"]),
    ],
)
def test_bad_params_name_the_field(
    client: httpx.Client, user: Account, fields: dict[str, Any], path: list[Any]
) -> None:
    answer = call(client, user, "tickets.createTicket", ticket_params(MISSING_ID, **fields))

    assert path in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_a_missing_service_fee_is_named(client: httpx.Client, user: Account) -> None:
    params = ticket_params(MISSING_ID)
    del params["service_fee"]

    answer = call(client, user, "tickets.createTicket", params)

    assert ["service_fee"] in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_signing_in_is_required(server: LiveServer, client: httpx.Client) -> None:
    answer = rpc_call(client, "tickets.createTicket", ticket_params(MISSING_ID))

    error_of(answer, *UNAUTHORIZED)
