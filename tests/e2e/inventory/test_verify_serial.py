"""``inventory.verifySerial`` over real HTTP: a serial's unit, its warranty today and
where it is; an unknown serial is an answer, not an error."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tests.e2e.browser import INVALID_PARAMS, ROLES, UNAUTHORIZED, as_role, call
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    error_of,
    issue_paths,
    result_of,
    rpc_call,
)
from tests.e2e.inventory.movement_helpers import move
from tests.e2e.tickets.lifecycle_helpers import utc_today_for_a_while
from tests.e2e.tickets.parts_helpers import new_ticket
from tests.factories.inventory import make_unit, make_warehouse


@pytest.mark.parametrize("role", ROLES)
def test_every_role_checks_a_serial_in_any_case(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    today = utc_today_for_a_while()
    end = today + timedelta(days=10)
    with server.db() as session:
        warehouse = make_warehouse(session)
        unit = make_unit(session, physical_warehouse_id=warehouse.id, warranty_end_date=end)
    checker = as_role(role, make_user, admin_account)

    answer = result_of(
        call(
            client, checker, "inventory.verifySerial", {"serial_number": unit.serial_number.lower()}
        )
    )

    assert answer["found"] is True
    assert answer["message"] is None
    assert answer["product"]["id"] == unit.id
    assert answer["product"] == result_of(
        call(client, checker, "inventory.getProduct", {"id": unit.id})
    )
    assert answer["warranty"] == {
        "status": "expiring_soon",
        "daysRemaining": 10,
        "startDate": None,
        "endDate": end.isoformat(),
    }
    assert answer["location"] == {
        "physical": {
            "id": warehouse.id,
            "name": warehouse.name,
            "code": warehouse.code,
            "location": warehouse.location,
        },
        "virtual": {"type": "warranty_stock"},
    }
    assert answer["inService"] is False


@pytest.mark.parametrize(
    ("days", "status", "remaining"),
    [(31, "active", 31), (0, "expiring_soon", 0), (-1, "expired", 0)],
)
def test_the_warranty_is_read_against_today(
    server: LiveServer,
    client: httpx.Client,
    admin_account: Account,
    days: int,
    status: str,
    remaining: int,
) -> None:
    today = utc_today_for_a_while()
    with server.db() as session:
        unit = make_unit(session, warranty_end_date=today + timedelta(days=days))

    answer = result_of(
        call(client, admin_account, "inventory.verifySerial", {"serial_number": unit.serial_number})
    )

    assert (answer["warranty"]["status"], answer["warranty"]["daysRemaining"]) == (
        status,
        remaining,
    )


def test_a_unit_without_warranty_or_warehouse(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        unit = make_unit(session, virtual_warehouse_type="parts")

    answer = result_of(
        call(client, admin_account, "inventory.verifySerial", {"serial_number": unit.serial_number})
    )

    assert answer["warranty"] == {
        "status": "no_warranty",
        "daysRemaining": None,
        "startDate": None,
        "endDate": None,
    }
    assert answer["location"] == {"physical": None, "virtual": {"type": "parts"}}


def test_a_unit_in_service_says_so(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        unit = make_unit(session)
    ticket = new_ticket(server)
    result_of(
        move(
            client,
            admin_account,
            unit.id,
            movement_type="assignment",
            reference_ticket_id=ticket.id,
        )
    )

    answer = result_of(
        call(client, admin_account, "inventory.verifySerial", {"serial_number": unit.serial_number})
    )

    assert answer["inService"] is True
    assert answer["location"]["virtual"] == {"type": "in_service"}
    assert answer["product"]["current_ticket_id"] == ticket.id


def test_an_unknown_serial_is_an_answer_not_an_error(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = result_of(
        call(client, admin_account, "inventory.verifySerial", {"serial_number": "NO-SUCH-SERIAL"})
    )

    assert answer["found"] is False
    assert answer["message"]
    assert answer["inService"] is False
    assert (answer["product"], answer["warranty"], answer["location"]) == (None, None, None)


@pytest.mark.parametrize(
    "params",
    [
        {"serial_number": "AB12"},
        {"serial_number": "AB 12345"},
        {"serial_number": 123456},
        {},
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, params: dict[str, object]
) -> None:
    answer = call(client, admin_account, "inventory.verifySerial", params)

    assert ["serial_number"] in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_anonymous_callers_are_unauthorized(client: httpx.Client) -> None:
    answer = rpc_call(client, "inventory.verifySerial", {"serial_number": "SN-00001"})

    error_of(answer, *UNAUTHORIZED)
