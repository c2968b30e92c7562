"""``tickets.addTicketPart``, ``updateTicketPart`` and ``deleteTicketPart`` over real
HTTP: the answer, the stock and its ledger, the ticket's money and its comments, and
every refusal leaving all of them as they were."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

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
from tests.e2e.tickets.parts_helpers import (
    comments_of,
    ledger_of,
    lines_of,
    money_of,
    new_part,
    new_ticket,
    set_ticket,
    stock_of,
)

LINE_KEYS = {
    "id",
    "ticket_id",
    "part_id",
    "quantity",
    "unit_price",
    "total",
    "created_at",
    "updated_at",
    "parts",
}
PROCEDURES: dict[str, dict[str, Any]] = {
    "tickets.addTicketPart": {
        "ticket_id": MISSING_ID,
        "part_id": MISSING_ID,
        "quantity": 1,
        "unit_price": 1,
    },
    "tickets.updateTicketPart": {"id": MISSING_ID, "quantity": 1},
    "tickets.deleteTicketPart": {"id": MISSING_ID},
}


def add(
    client: httpx.Client,
    user: Account,
    ticket_id: str,
    part_id: str,
    quantity: int = 1,
    unit_price: float = 10,
) -> Any:
    return call(
        client,
        user,
        "tickets.addTicketPart",
        {
            "ticket_id": ticket_id,
            "part_id": part_id,
            "quantity": quantity,
            "unit_price": unit_price,
        },
    )


def added(client: httpx.Client, user: Account, *args: Any, **kwargs: Any) -> dict[str, Any]:
    line: dict[str, Any] = result_of(add(client, user, *args, **kwargs))["part"]
    return line


# -- addTicketPart ---------------------------------------------------------------------


def test_add_answers_the_line_and_takes_the_stock_exactly(
    server: LiveServer, client: httpx.Client, admin_account: Account, make_user: MakeUser
) -> None:
    ticket = new_ticket(server)
    part = new_part(client, admin_account, stock=7)
    technician = make_user("technician")

    answer = result_of(add(client, technician, ticket.id, part["id"], quantity=3, unit_price=0.1))

    assert answer["success"] is True
    line = answer["part"]
    assert set(line) == LINE_KEYS
    assert (line["ticket_id"], line["part_id"], line["quantity"]) == (ticket.id, part["id"], 3)
    # 3 x 0.10 is 0.30 exactly, on the wire and in the database.
    assert (line["unit_price"], line["total"]) == (0.1, 0.3)
    assert line["parts"] == {"id": part["id"], "name": part["name"], "sku": part["sku"]}
    assert line["created_at"] == line["updated_at"]
    assert money_of(server, ticket.id) == (Decimal("0.30"), Decimal("100.30"))
    assert stock_of(server, part["id"]) == 4
    taken = ledger_of(server, part["id"])[-1]
    assert (taken.delta, taken.stock_after, taken.ticket_id, taken.actor_id) == (
        -3,
        4,
        ticket.id,
        technician.id,
    )
    assert taken.reason == f"Used on ticket {ticket.number}"
    [comment] = comments_of(server, ticket.id)
    assert comment.comment == "Part added: Screen, 3 x 0.10 = 0.30"
    assert (comment.comment_type, comment.created_by) == ("system", technician.id)


def test_the_same_part_again_is_a_second_line(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    ticket = new_ticket(server)
    part = new_part(client, admin_account, stock=5)

    first = added(client, admin_account, ticket.id, part["id"], unit_price=10)
    second = added(client, admin_account, ticket.id, part["id"], quantity=2, unit_price=7.5)

    assert first["id"] != second["id"]
    assert len(lines_of(server, ticket.id)) == 2
    assert money_of(server, ticket.id) == (Decimal("25.00"), Decimal("125.00"))
    assert stock_of(server, part["id"]) == 2


def test_add_beyond_the_stock_is_refused_naming_the_part(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    ticket = new_ticket(server)
    part = new_part(client, admin_account, stock=2, name="Battery pack")

    error = error_of(
        add(client, admin_account, ticket.id, part["id"], quantity=3), *PRECONDITION_FAILED
    )

    assert "Battery pack" in error["message"]
    assert stock_of(server, part["id"]) == 2
    assert len(ledger_of(server, part["id"])) == 1
    assert (lines_of(server, ticket.id), comments_of(server, ticket.id)) == ([], [])
    assert money_of(server, ticket.id) == (Decimal("0.00"), Decimal("100.00"))


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_a_terminal_tickets_parts_do_not_change(
    server: LiveServer, client: httpx.Client, admin_account: Account, status: str
) -> None:
    ticket = new_ticket(server)
    part = new_part(client, admin_account, stock=5)
    line = added(client, admin_account, ticket.id, part["id"], quantity=2)
    set_ticket(server, ticket.id, status=status)

    refusals = [
        add(client, admin_account, ticket.id, part["id"]),
        call(client, admin_account, "tickets.updateTicketPart", {"id": line["id"], "quantity": 1}),
        call(client, admin_account, "tickets.deleteTicketPart", {"id": line["id"]}),
    ]

    for answer in refusals:
        error = error_of(answer, *PRECONDITION_FAILED)
        assert f"{ticket.number} is {status}" in error["message"]
    assert stock_of(server, part["id"]) == 3
    assert [row.quantity for row in lines_of(server, ticket.id)] == [2]
    assert len(comments_of(server, ticket.id)) == 1


def test_add_names_what_is_not_found(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    ticket = new_ticket(server)
    part = new_part(client, admin_account, stock=5)

    error = error_of(add(client, admin_account, ticket.id, MISSING_ID), *NOT_FOUND)
    assert MISSING_ID in error["message"]
    error = error_of(add(client, admin_account, MISSING_ID, part["id"]), *NOT_FOUND)
    assert "Ticket" in error["message"]
    assert stock_of(server, part["id"]) == 5
    assert comments_of(server, ticket.id) == []


def test_money_past_the_columns_bound_is_bad_request(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    ticket = new_ticket(server)
    part = new_part(client, admin_account, stock=5)

    answer = add(
        client, admin_account, ticket.id, part["id"], quantity=2, unit_price=9_999_999_999.99
    )

    error_of(answer, *BAD_REQUEST)
    assert (stock_of(server, part["id"]), lines_of(server, ticket.id)) == (5, [])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"quantity": 0}, "quantity"),
        ({"quantity": 1_000_001}, "quantity"),
        ({"quantity": 1.5}, "quantity"),
        ({"quantity": "2"}, "quantity"),
        ({"unit_price": -0.01}, "unit_price"),
        ({"unit_price": 0.001}, "unit_price"),
        ({"unit_price": "10"}, "unit_price"),
        ({"ticket_id": None}, "ticket_id"),
        ({"part_id": ""}, "part_id"),
        ({"extra": 1}, "extra"),
    ],
)
def test_add_names_bad_input(
    client: httpx.Client, admin_account: Account, change: dict[str, Any], field: str
) -> None:
    params = {**PROCEDURES["tickets.addTicketPart"], **change}

    error = error_of(call(client, admin_account, "tickets.addTicketPart", params), *INVALID_PARAMS)

    assert [field] in issue_paths(error)


# -- updateTicketPart ------------------------------------------------------------------


def test_update_moves_the_difference_and_shows_old_and_new(
    server: LiveServer, client: httpx.Client, admin_account: Account, make_user: MakeUser
) -> None:
    ticket = new_ticket(server)
    part = new_part(client, admin_account, stock=6)
    line = added(client, admin_account, ticket.id, part["id"], quantity=2, unit_price=0.1)
    reception = make_user("reception")

    more = result_of(
        call(client, reception, "tickets.updateTicketPart", {"id": line["id"], "quantity": 5})
    )
    assert more["success"] is True
    assert (more["part"]["quantity"], more["part"]["total"]) == (5, 0.5)
    assert more["part"]["created_at"] == line["created_at"]
    assert more["part"]["updated_at"] > line["updated_at"]
    assert stock_of(server, part["id"]) == 1
    fewer = result_of(
        call(
            client,
            reception,
            "tickets.updateTicketPart",
            {"id": line["id"], "quantity": 1, "unit_price": 0.2},
        )
    )["part"]
    assert (fewer["quantity"], fewer["unit_price"], fewer["total"]) == (1, 0.2, 0.2)
    assert stock_of(server, part["id"]) == 5
    assert money_of(server, ticket.id) == (Decimal("0.20"), Decimal("100.20"))

    entries = ledger_of(server, part["id"])
    assert [(entry.delta, entry.stock_after) for entry in entries] == [
        (6, 6),
        (-2, 4),
        (-3, 1),
        (4, 5),
    ]
    assert entries[-1].reason == f"Returned from ticket {ticket.number}"
    assert [row.comment for row in comments_of(server, ticket.id)][1:] == [
        "Part changed: Screen, quantity 2 → 5; total 0.20 → 0.50",
        "Part changed: Screen, quantity 5 → 1, unit price 0.10 → 0.20; total 0.50 → 0.20",
    ]


def test_update_beyond_the_stock_is_refused(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    ticket = new_ticket(server)
    part = new_part(client, admin_account, stock=3, name="Hinge")
    line = added(client, admin_account, ticket.id, part["id"], quantity=2)

    answer = call(
        client, admin_account, "tickets.updateTicketPart", {"id": line["id"], "quantity": 4}
    )

    assert "Hinge" in error_of(answer, *PRECONDITION_FAILED)["message"]
    assert stock_of(server, part["id"]) == 1
    assert [row.quantity for row in lines_of(server, ticket.id)] == [2]
    assert money_of(server, ticket.id) == (Decimal("20.00"), Decimal("120.00"))


def test_update_and_delete_of_an_unknown_line_are_not_found(
    client: httpx.Client, admin_account: Account
) -> None:
    for method, params in PROCEDURES.items():
        if method != "tickets.addTicketPart":
            error_of(call(client, admin_account, method, params), *NOT_FOUND)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"id": MISSING_ID, "quantity": 0}, ["quantity"]),
        ({"id": MISSING_ID, "quantity": None}, ["quantity"]),
        ({"id": MISSING_ID, "unit_price": None}, ["unit_price"]),
        ({"id": MISSING_ID, "unit_price": -1}, ["unit_price"]),
        ({"quantity": 1}, ["id"]),
    ],
)
def test_update_names_bad_input(
    client: httpx.Client, admin_account: Account, params: dict[str, Any], field: list[str]
) -> None:
    error = error_of(
        call(client, admin_account, "tickets.updateTicketPart", params), *INVALID_PARAMS
    )

    assert field in issue_paths(error)


def test_update_with_nothing_to_change_is_invalid_params(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = call(client, admin_account, "tickets.updateTicketPart", {"id": MISSING_ID})

    error = error_of(answer, *INVALID_PARAMS)
    messages = " ".join(issue["message"] for issue in error["data"]["issues"])
    assert "quantity" in messages
    assert "unit_price" in messages


# -- deleteTicketPart ------------------------------------------------------------------


def test_delete_gives_the_parts_back(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    ticket = new_ticket(server)
    part = new_part(client, admin_account, stock=4)
    kept = added(client, admin_account, ticket.id, part["id"], quantity=1, unit_price=5)
    removed = added(client, admin_account, ticket.id, part["id"], quantity=3, unit_price=0.1)

    answer = call(client, admin_account, "tickets.deleteTicketPart", {"id": removed["id"]})

    assert result_of(answer) == {"success": True}
    assert [row.id for row in lines_of(server, ticket.id)] == [kept["id"]]
    assert stock_of(server, part["id"]) == 3
    assert ledger_of(server, part["id"])[-1].delta == 3
    assert money_of(server, ticket.id) == (Decimal("5.00"), Decimal("105.00"))
    assert comments_of(server, ticket.id)[-1].comment == (
        "Part removed: Screen, 3 x 0.10 = 0.30 (returned to stock)"
    )
    # Gone: a second delete finds nothing.
    again = call(client, admin_account, "tickets.deleteTicketPart", {"id": removed["id"]})
    error_of(again, *NOT_FOUND)


def test_delete_names_bad_input(client: httpx.Client, admin_account: Account) -> None:
    error = error_of(call(client, admin_account, "tickets.deleteTicketPart", {}), *INVALID_PARAMS)

    assert ["id"] in issue_paths(error)


# -- the discount, and callers ---------------------------------------------------------


def test_a_discount_larger_than_what_is_left_refuses_the_change(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    ticket = new_ticket(server)
    part = new_part(client, admin_account, stock=5)
    line = added(client, admin_account, ticket.id, part["id"], quantity=2, unit_price=50)
    # 100.00 fee + 100.00 of parts, less 160.00: 40.00 to pay.
    set_ticket(server, ticket.id, discount_amount=Decimal("160.00"), total_cost=Decimal("40.00"))

    refusals = [
        call(client, admin_account, "tickets.deleteTicketPart", {"id": line["id"]}),
        call(client, admin_account, "tickets.updateTicketPart", {"id": line["id"], "quantity": 1}),
        call(
            client,
            admin_account,
            "tickets.updateTicketPart",
            {"id": line["id"], "unit_price": 29.99},
        ),
    ]

    for answer in refusals:
        assert "discount_amount 160.00" in error_of(answer, *BAD_REQUEST)["message"]
    assert stock_of(server, part["id"]) == 3
    assert [(row.quantity, row.unit_price) for row in lines_of(server, ticket.id)] == [
        (2, Decimal("50.00"))
    ]
    assert money_of(server, ticket.id) == (Decimal("100.00"), Decimal("40.00"))
    assert len(comments_of(server, ticket.id)) == 1
    # Exactly what the discount needs is still allowed.
    changed = call(
        client, admin_account, "tickets.updateTicketPart", {"id": line["id"], "unit_price": 30}
    )
    assert result_of(changed)["part"]["total"] == 60
    assert money_of(server, ticket.id) == (Decimal("60.00"), Decimal("0.00"))


@pytest.mark.parametrize("method", sorted(PROCEDURES))
def test_not_signed_in_is_unauthorized(client: httpx.Client, method: str) -> None:
    error_of(rpc_call(client, method, PROCEDURES[method]), *UNAUTHORIZED)
    error_of(rpc_call(client, method, PROCEDURES[method], "not-a-token"), *UNAUTHORIZED)
