"""``inventory.recordMovement`` over real HTTP: a unit moves only from where it is, to
where the request says, with a movement row; every refusal leaves it and its history as
they were."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.browser import (
    BAD_REQUEST,
    CONFLICT,
    INVALID_PARAMS,
    NOT_FOUND,
    PRECONDITION_FAILED,
    ROLES,
    UNAUTHORIZED,
    as_role,
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
from tests.e2e.inventory.movement_helpers import (
    Place,
    comments_on,
    history,
    hold_in_rma,
    move,
    place,
)
from tests.e2e.tickets.parts_helpers import new_ticket
from tests.factories.inventory import make_unit, make_warehouse


def new_unit(server: LiveServer, virtual: str = "warranty_stock") -> tuple[str, str]:
    """A unit standing in a warehouse of its own: (unit id, warehouse id)."""
    with server.db() as session:
        warehouse = make_warehouse(session)
        unit = make_unit(
            session, physical_warehouse_id=warehouse.id, virtual_warehouse_type=virtual
        )
    return unit.id, warehouse.id


def other_warehouse(server: LiveServer) -> str:
    with server.db() as session:
        return make_warehouse(session, name="Repair bench").id


def in_service(server: LiveServer, client: httpx.Client, user: Account, unit_id: str) -> str:
    """Puts the unit in service on a new ticket (through the assignment): its id."""
    ticket = new_ticket(server)
    result_of(
        move(client, user, unit_id, movement_type="assignment", reference_ticket_id=ticket.id)
    )
    return ticket.id


@pytest.mark.parametrize("role", ROLES)
def test_every_role_transfers_a_unit_and_the_movement_is_recorded(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    unit_id, warehouse_id = new_unit(server)
    bench = other_warehouse(server)
    mover = as_role(role, make_user, admin_account)

    answer = move(
        client,
        mover,
        unit_id,
        movement_type="transfer",
        from_physical_warehouse_id=warehouse_id,
        from_virtual_warehouse_type="warranty_stock",
        to_physical_warehouse_id=bench,
        notes="To the repair bench",
    )

    assert result_of(answer) == {"success": True}
    assert place(client, mover, unit_id) == Place("warranty_stock", bench)
    newest = history(client, mover, unit_id)["movements"][0]
    assert newest["movement_type"] == "transfer"
    assert (newest["from_physical"]["id"], newest["to_physical"]["id"]) == (warehouse_id, bench)
    assert newest["to_virtual_warehouse"] == "warranty_stock"
    assert newest["moved_by"]["id"] == mover.id
    assert newest["notes"] == "To the repair bench"


def test_a_dimension_left_out_stays_and_null_leaves_the_warehouse(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, warehouse_id = new_unit(server)

    result_of(
        move(
            client,
            admin_account,
            unit_id,
            movement_type="transfer",
            to_virtual_warehouse_type="parts",
        )
    )
    kept = place(client, admin_account, unit_id)
    result_of(
        move(
            client, admin_account, unit_id, movement_type="transfer", to_physical_warehouse_id=None
        )
    )

    assert kept == Place("parts", warehouse_id)
    assert place(client, admin_account, unit_id) == Place("parts", None)


def test_a_disposal_goes_to_dead_stock(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, warehouse_id = new_unit(server)

    result_of(move(client, admin_account, unit_id, movement_type="disposal"))

    assert place(client, admin_account, unit_id) == Place("dead_stock", warehouse_id)
    assert history(client, admin_account, unit_id)["movements"][0]["movement_type"] == "disposal"


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"movement_type": "disposal", "to_virtual_warehouse_type": "parts"}, "dead_stock"),
        ({"movement_type": "assignment"}, "reference_ticket_id"),
        ({"movement_type": "transfer", "to_virtual_warehouse_type": "in_service"}, "assignment"),
        ({"movement_type": "transfer", "to_virtual_warehouse_type": "warranty_stock"}, "nothing"),
    ],
    ids=["disposal-elsewhere", "assignment-without-ticket", "into-service", "no-change"],
)
def test_combinations_no_unit_can_make_right_are_bad_requests(
    server: LiveServer,
    client: httpx.Client,
    admin_account: Account,
    fields: dict[str, Any],
    said: str,
) -> None:
    unit_id, warehouse_id = new_unit(server)

    answer = move(client, admin_account, unit_id, **fields)

    assert said in error_of(answer, *BAD_REQUEST)["message"]
    assert place(client, admin_account, unit_id) == Place("warranty_stock", warehouse_id)
    assert history(client, admin_account, unit_id)["total"] == 1


@pytest.mark.parametrize(
    ("field", "wrong"),
    [
        ("from_virtual_warehouse_type", "parts"),
        ("from_physical_warehouse_id", "elsewhere"),
        ("from_physical_warehouse_id", None),
    ],
)
def test_a_from_that_is_not_where_the_unit_is_fails_naming_it(
    server: LiveServer, client: httpx.Client, admin_account: Account, field: str, wrong: Any
) -> None:
    unit_id, warehouse_id = new_unit(server)

    answer = move(client, admin_account, unit_id, movement_type="disposal", **{field: wrong})

    assert field in error_of(answer, *PRECONDITION_FAILED)["message"]
    assert place(client, admin_account, unit_id) == Place("warranty_stock", warehouse_id)


def test_a_unit_in_service_moves_only_with_force_and_lets_its_ticket_go(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, warehouse_id = new_unit(server)
    in_service(server, client, admin_account, unit_id)

    refused = move(
        client, admin_account, unit_id, movement_type="return", to_virtual_warehouse_type="parts"
    )
    forced = move(
        client,
        admin_account,
        unit_id,
        movement_type="return",
        to_virtual_warehouse_type="parts",
        force=True,
    )

    assert "force" in error_of(refused, *PRECONDITION_FAILED)["message"]
    assert result_of(forced) == {"success": True}
    assert place(client, admin_account, unit_id) == Place("parts", warehouse_id, None)


def test_a_unit_in_service_stays_in_service_only_on_its_assignment(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, _ = new_unit(server)
    ticket_id = in_service(server, client, admin_account, unit_id)
    bench = other_warehouse(server)

    answer = move(
        client,
        admin_account,
        unit_id,
        movement_type="transfer",
        to_physical_warehouse_id=bench,
        force=True,
    )

    error_of(answer, *BAD_REQUEST)
    assert place(client, admin_account, unit_id).ticket == ticket_id


@pytest.mark.parametrize("status", ["draft", "submitted", "shipped"])
def test_a_unit_in_an_open_rma_batch_moves_only_with_force(
    server: LiveServer, client: httpx.Client, admin_account: Account, status: str
) -> None:
    unit_id, _ = new_unit(server, "rma_staging")
    hold_in_rma(server, unit_id, status)

    refused = move(
        client, admin_account, unit_id, movement_type="transfer", to_virtual_warehouse_type="parts"
    )
    forced = move(
        client,
        admin_account,
        unit_id,
        movement_type="transfer",
        to_virtual_warehouse_type="parts",
        force=True,
    )

    assert "RMA" in error_of(refused, *PRECONDITION_FAILED)["message"]
    assert result_of(forced) == {"success": True}


def test_a_completed_rma_batch_holds_the_unit_no_more(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, _ = new_unit(server, "rma_staging")
    hold_in_rma(server, unit_id, "completed")

    answer = move(
        client, admin_account, unit_id, movement_type="transfer", to_virtual_warehouse_type="parts"
    )

    assert result_of(answer) == {"success": True}


def test_an_assignment_puts_the_unit_in_service_with_the_tickets_comment(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, warehouse_id = new_unit(server)
    ticket = new_ticket(server)

    answer = move(
        client,
        admin_account,
        unit_id,
        movement_type="assignment",
        from_virtual_warehouse_type="warranty_stock",
        reference_ticket_id=ticket.id,
        notes="Replacement unit",
    )

    assert result_of(answer) == {"success": True}
    assert place(client, admin_account, unit_id) == Place("in_service", warehouse_id, ticket.id)
    newest = history(client, admin_account, unit_id)["movements"][0]
    assert (newest["movement_type"], newest["ticket"]) == (
        "assignment",
        {"id": ticket.id, "ticket_number": ticket.number},
    )
    assert newest["notes"] == "Replacement unit"
    [comment] = comments_on(server, ticket.id)
    assert "warranty_stock" in comment


def test_an_assignment_again_to_its_ticket_changes_nothing(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, _ = new_unit(server)
    ticket_id = in_service(server, client, admin_account, unit_id)

    answer = move(
        client, admin_account, unit_id, movement_type="assignment", reference_ticket_id=ticket_id
    )

    error_of(answer, *BAD_REQUEST)
    assert history(client, admin_account, unit_id)["total"] == 2


def test_an_assignment_of_a_unit_serving_another_ticket_conflicts(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, _ = new_unit(server)
    first = in_service(server, client, admin_account, unit_id)
    second = new_ticket(server)

    answer = move(
        client,
        admin_account,
        unit_id,
        movement_type="assignment",
        reference_ticket_id=second.id,
        force=True,
    )

    error_of(answer, *CONFLICT)
    assert place(client, admin_account, unit_id).ticket == first
    assert comments_on(server, second.id) == []


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_an_assignment_to_a_finished_ticket_fails(
    server: LiveServer, client: httpx.Client, admin_account: Account, status: str
) -> None:
    unit_id, warehouse_id = new_unit(server)
    ticket = new_ticket(server, status=status)

    answer = move(
        client, admin_account, unit_id, movement_type="assignment", reference_ticket_id=ticket.id
    )

    assert status in error_of(answer, *PRECONDITION_FAILED)["message"]
    assert place(client, admin_account, unit_id) == Place("warranty_stock", warehouse_id)


def test_an_assignment_of_a_unit_in_an_rma_batch_fails_even_forced(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, _ = new_unit(server, "rma_staging")
    hold_in_rma(server, unit_id)
    ticket = new_ticket(server)

    answer = move(
        client,
        admin_account,
        unit_id,
        movement_type="assignment",
        reference_ticket_id=ticket.id,
        force=True,
    )

    error_of(answer, *PRECONDITION_FAILED)
    assert place(client, admin_account, unit_id).virtual == "rma_staging"


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"product_id": "no-such-unit"}, "Product not found"),
        ({"to_physical_warehouse_id": "no-such-warehouse"}, "Warehouse not found"),
        ({"reference_ticket_id": "no-such-ticket"}, "Ticket not found"),
        (
            {"reference_ticket_id": "no-such-ticket", "movement_type": "assignment"},
            "Ticket not found",
        ),
    ],
    ids=["unit", "warehouse", "reference-ticket", "assignment-ticket"],
)
def test_unknown_ids_are_not_found_naming_what(
    server: LiveServer,
    client: httpx.Client,
    admin_account: Account,
    fields: dict[str, Any],
    said: str,
) -> None:
    unit_id, _ = new_unit(server)
    params = {"product_id": unit_id, "movement_type": "disposal", **fields}

    answer = call(client, admin_account, "inventory.recordMovement", params)

    assert error_of(answer, *NOT_FOUND)["message"] == said
    assert history(client, admin_account, unit_id)["total"] == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"movement_type": "teleport"}, "movement_type"),
        ({"movement_type": 3}, "movement_type"),
        ({"force": "yes"}, "force"),
        ({"force": 1}, "force"),
        ({"product_id": 7}, "product_id"),
        ({"to_virtual_warehouse_type": "attic"}, "to_virtual_warehouse_type"),
        ({"notes": "a\x00b"}, "notes"),
        ({"quantity": 2}, "quantity"),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, fields: dict[str, Any], field: str
) -> None:
    params = {"product_id": "x", "movement_type": "transfer", **fields}

    answer = call(client, admin_account, "inventory.recordMovement", params)

    assert [field] in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_anonymous_callers_are_unauthorized(client: httpx.Client) -> None:
    answer = rpc_call(
        client, "inventory.recordMovement", {"product_id": "x", "movement_type": "disposal"}
    )

    error_of(answer, *UNAUTHORIZED)
