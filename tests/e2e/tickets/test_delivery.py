"""``tickets.confirmDelivery``, ``tickets.getPendingDeliveries`` and
``tickets.getPendingDeliveriesCount`` over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.e2e.browser import (
    BAD_REQUEST,
    CONFLICT,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
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
    completed_ticket,
    email_of_customer,
    emails_of,
    new_ticket,
)

SIGNATURE = "https://files.example.com/signatures/one.png"
# Completed long ago: before every other completed ticket of the module, so these come
# first among the pending deliveries, oldest first.
LONG_AGO = datetime(2001, 1, 1, tzinfo=UTC)


def confirm(client: httpx.Client, user: Account, ticket_id: str, **fields: Any) -> Any:
    params = {"ticket_id": ticket_id, "signature_url": SIGNATURE, **fields}
    return call(client, user, "tickets.confirmDelivery", params)


def count(client: httpx.Client, user: Account) -> int:
    counted: int = result_of(call(client, user, "tickets.getPendingDeliveriesCount"))
    return counted


def test_confirming_sets_the_delivery_comments_and_emails(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user("reception")
    ticket = completed_ticket(server, datetime.now(UTC) - timedelta(hours=2))

    answer = result_of(confirm(client, user, ticket.id, notes="Collected by partner"))

    assert answer["success"] is True
    delivered = answer["ticket"]
    assert set(delivered) == TICKET_KEYS
    assert delivered["status"] == "completed"
    assert delivered["delivery_confirmed_at"] is not None
    assert delivered["delivery_confirmed_by_id"] == user.id
    assert delivered["delivery_signature_url"] == SIGNATURE
    assert delivered["delivery_notes"] == "Collected by partner"
    assert comments_of(server, ticket.id) == [
        (
            "system",
            "Delivered to the customer, signature received. Notes: Collected by partner",
            user.id,
        )
    ]
    assert emails_of(server, ticket.id) == [
        ("delivery_confirmed", email_of_customer(server, ticket))
    ]


def test_no_email_for_a_customer_without_one(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    ticket = completed_ticket(server, datetime.now(UTC), with_email=False)

    delivered = result_of(confirm(client, make_user(), ticket.id))["ticket"]

    assert delivered["delivery_notes"] is None
    assert emails_of(server, ticket.id) == []


@pytest.mark.parametrize("status", ["pending", "in_progress", "cancelled"])
def test_a_ticket_not_completed_is_bad_request(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, status: str
) -> None:
    ticket = new_ticket(server, status=status)

    error = error_of(confirm(client, make_user(), ticket.id), *BAD_REQUEST)

    assert f"is {status}" in error["message"] + str(error["data"])
    assert comments_of(server, ticket.id) == []


def test_a_second_confirmation_is_a_conflict(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    ticket = completed_ticket(server, datetime.now(UTC))
    first = result_of(confirm(client, user, ticket.id))["ticket"]

    error_of(confirm(client, user, ticket.id, notes="again"), *CONFLICT)

    assert len(comments_of(server, ticket.id)) == 1
    assert len(emails_of(server, ticket.id)) == 1
    again = result_of(call(client, user, "tickets.getPendingDeliveries", {"limit": 100}))
    assert first["id"] not in [t["id"] for t in again["tickets"]]


def test_a_missing_ticket_is_not_found(client: httpx.Client, make_user: MakeUser) -> None:
    error_of(confirm(client, make_user(), MISSING_ID), *NOT_FOUND)


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"signature_url": "not a url"}, ["signature_url"]),
        ({"signature_url": "ftp://files.example.com/sig.png"}, ["signature_url"]),
        ({"signature_url": "https://e.com/" + "a" * 2048}, ["signature_url"]),
        ({"signature_url": None}, ["signature_url"]),
        ({"notes": 5}, ["notes"]),
        ({"ticket_id": ""}, ["ticket_id"]),
    ],
)
def test_confirm_bad_input_names_the_field(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    sent = {"ticket_id": MISSING_ID, "signature_url": SIGNATURE, **params}
    error = error_of(call(client, make_user(), "tickets.confirmDelivery", sent), *INVALID_PARAMS)

    assert path in issue_paths(error)


def test_pending_deliveries_are_completed_undelivered_oldest_first_in_pages(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    before = count(client, user)
    late = completed_ticket(server, LONG_AGO + timedelta(days=2))
    early = completed_ticket(server, LONG_AGO + timedelta(days=1))
    delivered = completed_ticket(server, LONG_AGO)
    new_ticket(server, status="in_progress")
    result_of(confirm(client, user, delivered.id))

    page = result_of(call(client, user, "tickets.getPendingDeliveries", {"limit": 1}))
    second = result_of(
        call(client, user, "tickets.getPendingDeliveries", {"limit": 1, "offset": 1})
    )
    default = result_of(call(client, user, "tickets.getPendingDeliveries"))

    assert set(page) == {"tickets", "total", "limit", "offset"}
    assert (page["limit"], page["offset"]) == (1, 0)
    assert [t["id"] for t in page["tickets"]] == [early.id]
    assert set(page["tickets"][0]) == TICKET_KEYS
    assert page["tickets"][0]["customers"]["id"] == early.customer_id
    assert [t["id"] for t in second["tickets"]] == [late.id]
    assert page["total"] == before + 2
    assert count(client, user) == before + 2
    assert (default["limit"], default["offset"]) == (50, 0)
    assert all(t["status"] == "completed" for t in default["tickets"])
    assert all(t["delivery_confirmed_at"] is None for t in default["tickets"])


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"limit": 0}, ["limit"]),
        ({"limit": 101}, ["limit"]),
        ({"limit": "5"}, ["limit"]),
        ({"offset": -1}, ["offset"]),
    ],
)
def test_pending_deliveries_bad_input_names_the_field(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    error = error_of(
        call(client, make_user(), "tickets.getPendingDeliveries", params), *INVALID_PARAMS
    )

    assert path in issue_paths(error)


def test_the_count_takes_no_input(client: httpx.Client, make_user: MakeUser) -> None:
    error_of(
        call(client, make_user(), "tickets.getPendingDeliveriesCount", {"limit": 1}),
        *INVALID_PARAMS,
    )


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("tickets.confirmDelivery", {"ticket_id": MISSING_ID, "signature_url": SIGNATURE}),
        ("tickets.getPendingDeliveries", {}),
        ("tickets.getPendingDeliveriesCount", None),
    ],
)
def test_not_signed_in_is_unauthorized(
    client: httpx.Client, method: str, params: dict[str, Any] | None
) -> None:
    error_of(rpc_call(client, method, params), *UNAUTHORIZED)
