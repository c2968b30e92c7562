"""``inventory.assignToTicket`` over real HTTP (SQLite and PostgreSQL): a unit into
service on a ticket, with its movement and the ticket's comment, all or nothing; and of
parallel assignments of one unit to several tickets, exactly one wins and the others
are CONFLICT, never a server error."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import httpx
import pytest

from tests.e2e.browser import (
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
from tests.e2e.inventory.movement_helpers import Place, comments_on, history, hold_in_rma, place
from tests.e2e.tickets.parts_helpers import new_ticket
from tests.factories.inventory import make_unit, make_warehouse

RIVALS = 6


def new_unit(server: LiveServer, virtual: str = "warranty_stock") -> tuple[str, str, str]:
    """A unit in a warehouse of its own: (id, serial, warehouse id)."""
    with server.db() as session:
        warehouse = make_warehouse(session, name="Counter")
        unit = make_unit(
            session, physical_warehouse_id=warehouse.id, virtual_warehouse_type=virtual
        )
    return unit.id, unit.serial_number, warehouse.id


def assign(client: httpx.Client, user: Account, serial: str, ticket_id: str) -> Any:
    return call(
        client, user, "inventory.assignToTicket", {"serial_number": serial, "ticket_id": ticket_id}
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_role_puts_a_unit_in_service_with_its_movement_and_comment(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    unit_id, serial, warehouse_id = new_unit(server)
    ticket = new_ticket(server)
    user = as_role(role, make_user, admin_account)

    answer = assign(client, user, serial.lower(), ticket.id)

    assert result_of(answer) == {"success": True}
    assert place(client, user, unit_id) == Place("in_service", warehouse_id, ticket.id)
    newest = history(client, user, unit_id)["movements"][0]
    assert newest["movement_type"] == "assignment"
    assert newest["ticket"] == {"id": ticket.id, "ticket_number": ticket.number}
    assert newest["moved_by"]["id"] == user.id
    [comment] = comments_on(server, ticket.id)
    assert serial in comment
    assert "warranty_stock" in comment
    assert "Counter" in comment


def test_assigning_again_to_the_same_ticket_writes_nothing_more(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, serial, _ = new_unit(server)
    ticket = new_ticket(server)
    result_of(assign(client, admin_account, serial, ticket.id))

    again = assign(client, admin_account, serial, ticket.id)

    assert result_of(again) == {"success": True}
    assert history(client, admin_account, unit_id)["total"] == 2
    assert len(comments_on(server, ticket.id)) == 1


def test_a_unit_serving_another_ticket_conflicts(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, serial, _ = new_unit(server)
    first, second = new_ticket(server), new_ticket(server)
    result_of(assign(client, admin_account, serial, first.id))

    answer = assign(client, admin_account, serial, second.id)

    assert first.number in error_of(answer, *CONFLICT)["message"]
    assert place(client, admin_account, unit_id).ticket == first.id
    assert comments_on(server, second.id) == []


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_a_finished_ticket_takes_no_unit(
    server: LiveServer, client: httpx.Client, admin_account: Account, status: str
) -> None:
    unit_id, serial, warehouse_id = new_unit(server)
    ticket = new_ticket(server, status=status)

    answer = assign(client, admin_account, serial, ticket.id)

    assert status in error_of(answer, *PRECONDITION_FAILED)["message"]
    assert place(client, admin_account, unit_id) == Place("warranty_stock", warehouse_id)


def test_a_unit_in_an_open_rma_batch_is_not_assigned(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit_id, serial, warehouse_id = new_unit(server, "rma_staging")
    hold_in_rma(server, unit_id, "submitted")
    ticket = new_ticket(server)

    answer = assign(client, admin_account, serial, ticket.id)

    assert "RMA" in error_of(answer, *PRECONDITION_FAILED)["message"]
    assert place(client, admin_account, unit_id) == Place("rma_staging", warehouse_id)
    assert history(client, admin_account, unit_id)["total"] == 1
    assert comments_on(server, ticket.id) == []


def test_unknown_ticket_or_unit_is_not_found(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    _, serial, _ = new_unit(server)
    ticket = new_ticket(server)

    no_ticket = assign(client, admin_account, serial, "no-such-ticket")
    no_unit = assign(client, admin_account, "NO-SUCH-SERIAL", ticket.id)

    assert error_of(no_ticket, *NOT_FOUND)["message"] == "Ticket not found"
    assert error_of(no_unit, *NOT_FOUND)["message"] == "Product not found"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"serial_number": "AB1", "ticket_id": "t"}, "serial_number"),
        ({"serial_number": 123456, "ticket_id": "t"}, "serial_number"),
        ({"serial_number": "SN-00001"}, "ticket_id"),
        ({"serial_number": "SN-00001", "ticket_id": 9}, "ticket_id"),
        ({"serial_number": "SN-00001", "ticket_id": "t", "force": True}, "force"),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, params: dict[str, object], field: str
) -> None:
    answer = call(client, admin_account, "inventory.assignToTicket", params)

    assert [field] in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_anonymous_callers_are_unauthorized(client: httpx.Client) -> None:
    answer = rpc_call(
        client, "inventory.assignToTicket", {"serial_number": "SN-00001", "ticket_id": "t"}
    )

    error_of(answer, *UNAUTHORIZED)


def in_parallel(server: LiveServer, user: Account, params_list: list[dict[str, Any]]) -> list[Any]:
    """One assignToTicket per params, each from a thread of its own, released at once."""
    answers: list[Any] = []
    lock = threading.Lock()
    start = threading.Barrier(len(params_list))

    def one(params: dict[str, Any]) -> None:
        with httpx.Client(base_url=server.url, timeout=60) as own:
            start.wait()
            answer = call(own, user, "inventory.assignToTicket", params)
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=one, args=(params,)) for params in params_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.parametrize("round_", range(3))
def test_of_parallel_assignments_of_one_unit_exactly_one_wins(
    server: LiveServer, client: httpx.Client, admin_account: Account, round_: int
) -> None:
    unit_id, serial, _ = new_unit(server)
    tickets = [new_ticket(server) for _ in range(RIVALS)]

    answers = in_parallel(
        server,
        admin_account,
        [{"serial_number": serial, "ticket_id": ticket.id} for ticket in tickets],
    )

    outcomes = Counter(
        "ok" if "result" in answer else answer["error"]["data"]["code"] for answer in answers
    )
    assert outcomes == {"ok": 1, "CONFLICT": RIVALS - 1}, answers
    winner = place(client, admin_account, unit_id).ticket
    assert winner in {ticket.id for ticket in tickets}
    assert history(client, admin_account, unit_id)["total"] == 2
    assert [len(comments_on(server, ticket.id)) for ticket in tickets].count(1) == 1
    assert sum(len(comments_on(server, ticket.id)) for ticket in tickets) == 1
