"""``tickets.addComment`` over real HTTP: the comment with its author, on any ticket,
and the refusals (among them ``system``, the server's own type)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.browser import INVALID_PARAMS, MISSING_ID, NOT_FOUND, UNAUTHORIZED, call
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
    new_ticket,
    ticket_of,
)

COMMENT_KEYS = {
    "id",
    "ticket_id",
    "comment",
    "is_internal",
    "comment_type",
    "created_at",
    "profiles",
}


def comment(client: httpx.Client, user: Account, ticket_id: str, **fields: Any) -> Any:
    params = {"ticket_id": ticket_id, "comment": "Customer will call back", **fields}
    return call(client, user, "tickets.addComment", params)


def test_a_comment_is_answered_with_its_author(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    ticket = new_ticket(server)
    technician = make_user("technician", full_name="Tara Technician")
    before = ticket_of(server, ticket.id).updated_at

    answer = result_of(
        comment(
            client,
            technician,
            ticket.id,
            comment="  Board shows liquid damage\nQuote before repair  ",
            is_internal=True,
            comment_type="status_change",
        )
    )

    assert answer["success"] is True
    made = answer["comment"]
    assert set(made) == COMMENT_KEYS
    # Trimmed around, line breaks kept.
    assert made["comment"] == "Board shows liquid damage\nQuote before repair"
    assert (made["ticket_id"], made["is_internal"], made["comment_type"]) == (
        ticket.id,
        True,
        "status_change",
    )
    assert made["profiles"] == {
        "id": technician.id,
        "full_name": "Tara Technician",
        "role": "technician",
    }
    [row] = comments_of(server, ticket.id)
    assert (row.id, row.created_by, row.comment) == (made["id"], technician.id, made["comment"])
    assert ticket_of(server, ticket.id).updated_at == before


def test_the_defaults_are_a_public_note(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    ticket = new_ticket(server)

    made = result_of(comment(client, admin_account, ticket.id))["comment"]

    assert (made["is_internal"], made["comment_type"]) == (False, "note")
    assert made["profiles"]["role"] == "admin"


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_terminal_tickets_take_comments(
    server: LiveServer, client: httpx.Client, admin_account: Account, status: str
) -> None:
    ticket = new_ticket(server, status=status)

    result_of(comment(client, admin_account, ticket.id, comment="Collected, all fine"))

    assert [row.comment for row in comments_of(server, ticket.id)] == ["Collected, all fine"]


def test_an_unknown_ticket_is_not_found(client: httpx.Client, admin_account: Account) -> None:
    error_of(comment(client, admin_account, MISSING_ID), *NOT_FOUND)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"comment_type": "system"}, "comment_type"),
        ({"comment_type": "shout"}, "comment_type"),
        ({"comment": "   "}, "comment"),
        ({"comment": "x" * 2001}, "comment"),
        ({"comment": "bell\x07"}, "comment"),
        ({"comment": None}, "comment"),
        ({"is_internal": "yes"}, "is_internal"),
        ({"ticket_id": ""}, "ticket_id"),
    ],
)
def test_bad_input_is_named(
    server: LiveServer,
    client: httpx.Client,
    admin_account: Account,
    change: dict[str, Any],
    field: str,
) -> None:
    ticket = new_ticket(server)
    params = {"ticket_id": ticket.id, "comment": "Hello", **change}

    error = error_of(call(client, admin_account, "tickets.addComment", params), *INVALID_PARAMS)

    assert [field] in issue_paths(error)
    assert comments_of(server, ticket.id) == []


def test_the_longest_comment_is_kept(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    ticket = new_ticket(server)

    made = result_of(comment(client, admin_account, ticket.id, comment="é" * 2000))["comment"]

    assert made["comment"] == "é" * 2000


def test_not_signed_in_is_unauthorized(client: httpx.Client) -> None:
    params = {"ticket_id": MISSING_ID, "comment": "Hello"}
    error_of(rpc_call(client, "tickets.addComment", params), *UNAUTHORIZED)
    error_of(rpc_call(client, "tickets.addComment", params, "not-a-token"), *UNAUTHORIZED)
