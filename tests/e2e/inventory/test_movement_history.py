"""``inventory.getMovementHistory`` over real HTTP: a unit's movements newest first,
with warehouses, ticket and mover; and a history that replays, from the receipt on, to
where the unit is after a series of movements and an assignment."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from db.tables.auth import UserRow
from tests.e2e.browser import INVALID_PARAMS, NOT_FOUND, ROLES, UNAUTHORIZED, as_role, call
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    error_of,
    issue_paths,
    result_of,
    rpc_call,
)
from tests.e2e.inventory.movement_helpers import Place, history, move, place
from tests.e2e.tickets.parts_helpers import new_ticket
from tests.factories.inventory import make_unit, make_warehouse


def replayed(movements: list[dict[str, Any]]) -> Place:
    """Where the movements, oldest first, leave a unit; each must start where the one
    before it ended (the first, the receipt, from nowhere)."""
    here: Place | None = None
    for movement in movements:
        came_from = (
            None
            if movement["from_virtual_warehouse"] is None
            else Place(
                movement["from_virtual_warehouse"],
                (movement["from_physical"] or {}).get("id"),
            )
        )
        assert came_from == (None if here is None else Place(here.virtual, here.physical))
        ticket = (
            movement["ticket"]["id"] if movement["to_virtual_warehouse"] == "in_service" else None
        )
        here = Place(
            movement["to_virtual_warehouse"], (movement["to_physical"] or {}).get("id"), ticket
        )
    assert here is not None
    return here


def test_a_units_history_replays_to_where_it_is(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        shelf = make_warehouse(session, name="Shelf").id
        bench = make_warehouse(session, name="Bench").id
        unit_id = make_unit(session, physical_warehouse_id=shelf).id
    ticket = new_ticket(server)
    steps: list[dict[str, Any]] = [
        {"movement_type": "transfer", "to_physical_warehouse_id": bench},
        {"movement_type": "assignment", "reference_ticket_id": ticket.id},
        {"movement_type": "return", "to_virtual_warehouse_type": "parts", "force": True},
        {"movement_type": "transfer", "to_physical_warehouse_id": None},
        {"movement_type": "receipt", "to_physical_warehouse_id": shelf},
        {"movement_type": "disposal"},
    ]
    for step in steps:
        result_of(move(client, admin_account, unit_id, **step))

    answer = history(client, admin_account, unit_id)

    assert answer["total"] == len(steps) + 1
    oldest_first = answer["movements"][::-1]
    assert [m["movement_type"] for m in oldest_first] == ["receipt"] + [
        step["movement_type"] for step in steps
    ]
    assert replayed(oldest_first) == place(client, admin_account, unit_id)
    assert place(client, admin_account, unit_id) == Place("dead_stock", shelf)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_a_history_newest_first_with_its_names(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    with server.db() as session:
        warehouse = make_warehouse(session)
        unit_id = make_unit(session, physical_warehouse_id=warehouse.id).id
    ticket = new_ticket(server)
    reader = as_role(role, make_user, admin_account)
    result_of(
        move(client, reader, unit_id, movement_type="assignment", reference_ticket_id=ticket.id)
    )

    answer = history(client, reader, unit_id)

    assignment, receipt = answer["movements"]
    warehouse_json = {
        "id": warehouse.id,
        "name": warehouse.name,
        "code": warehouse.code,
        "location": warehouse.location,
    }
    assert answer["total"] == 2
    assert assignment["movement_type"] == "assignment"
    assert assignment["from_physical"] == assignment["to_physical"] == warehouse_json
    assert (assignment["from_virtual_warehouse"], assignment["to_virtual_warehouse"]) == (
        "warranty_stock",
        "in_service",
    )
    assert assignment["ticket"] == {"id": ticket.id, "ticket_number": ticket.number}
    assert assignment["moved_by"] == {"id": reader.id, "full_name": full_name_of(server, reader)}
    assert receipt["movement_type"] == "receipt"
    assert (receipt["from_physical"], receipt["from_virtual_warehouse"]) == (None, None)
    assert (receipt["ticket"], receipt["moved_by"]) == (None, None)
    assert receipt["created_at"] < assignment["created_at"]


def full_name_of(server: LiveServer, user: Account) -> str:
    with server.db() as session:
        row = session.get(UserRow, user.id)
        assert row is not None
        return row.full_name


def test_a_page_of_a_history(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        unit_id = make_unit(session).id
    for virtual in ("parts", "warranty_stock", "parts"):
        result_of(
            move(
                client,
                admin_account,
                unit_id,
                movement_type="transfer",
                to_virtual_warehouse_type=virtual,
            )
        )
    whole = history(client, admin_account, unit_id)["movements"]

    page = history(client, admin_account, unit_id, limit=2, offset=1)

    assert page["total"] == 4
    assert page["movements"] == whole[1:3]


def test_an_unknown_unit_is_not_found(client: httpx.Client, admin_account: Account) -> None:
    answer = call(client, admin_account, "inventory.getMovementHistory", {"product_id": "nope"})

    assert error_of(answer, *NOT_FOUND)["message"] == "Product not found"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"product_id": 5}, "product_id"),
        ({}, "product_id"),
        ({"product_id": "x", "limit": 0}, "limit"),
        ({"product_id": "x", "limit": 101}, "limit"),
        ({"product_id": "x", "limit": "5"}, "limit"),
        ({"product_id": "x", "offset": -1}, "offset"),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, params: dict[str, object], field: str
) -> None:
    answer = call(client, admin_account, "inventory.getMovementHistory", params)

    assert [field] in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_anonymous_callers_are_unauthorized(client: httpx.Client) -> None:
    answer = rpc_call(client, "inventory.getMovementHistory", {"product_id": "x"})

    error_of(answer, *UNAUTHORIZED)
