"""``inventory.getProduct`` over real HTTP: a unit by id or by serial number, with its
model, brand and warehouse embedded."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.browser import (
    BAD_REQUEST,
    INVALID_PARAMS,
    NOT_FOUND,
    ROLES,
    UNAUTHORIZED,
    as_role,
    call,
)
from tests.e2e.conftest import Account, LiveServer, MakeUser, error_of, issue_paths, rpc_call
from tests.factories.inventory import make_unit, make_warehouse


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_a_unit_by_id_or_by_serial_in_any_case(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    with server.db() as session:
        warehouse = make_warehouse(session)
        unit = make_unit(session, physical_warehouse_id=warehouse.id)
    reader = as_role(role, make_user, admin_account)

    by_id = call(client, reader, "inventory.getProduct", {"id": unit.id})["result"]
    by_serial = call(
        client, reader, "inventory.getProduct", {"serial_number": unit.serial_number.lower()}
    )["result"]

    assert by_id == by_serial
    assert by_id["serial_number"] == unit.serial_number
    assert by_id["virtual_warehouse_type"] == "warranty_stock"
    assert by_id["warranty_status"] == "no_warranty"
    assert by_id["product"]["id"] == unit.product_id
    assert set(by_id["product"]) == {"id", "name", "sku", "type", "brand"}
    assert by_id["physical_warehouse"] == {
        "id": warehouse.id,
        "name": warehouse.name,
        "code": warehouse.code,
        "location": warehouse.location,
    }


def test_a_unit_in_no_warehouse_shows_none(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        unit = make_unit(session, virtual_warehouse_type="parts")

    found = call(client, admin_account, "inventory.getProduct", {"id": unit.id})["result"]

    assert (found["physical_warehouse_id"], found["physical_warehouse"]) == (None, None)


def test_neither_id_nor_serial_is_a_bad_request(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = call(client, admin_account, "inventory.getProduct", {})

    assert "id" in error_of(answer, *BAD_REQUEST)["message"]


def test_an_unknown_unit_or_disagreeing_keys_are_not_found(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        unit = make_unit(session)
        other = make_unit(session)

    unknown_id = call(client, admin_account, "inventory.getProduct", {"id": other.id + "x"})
    unknown_serial = call(
        client, admin_account, "inventory.getProduct", {"serial_number": "NOSUCH1"}
    )
    disagreeing = call(
        client,
        admin_account,
        "inventory.getProduct",
        {"id": unit.id, "serial_number": other.serial_number},
    )

    for answer in (unknown_id, unknown_serial, disagreeing):
        error_of(answer, *NOT_FOUND)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"serial_number": "AB12"}, "serial_number"),
        ({"serial_number": "AB 12345"}, "serial_number"),
        ({"serial_number": 12345}, "serial_number"),
        ({"id": 7}, "id"),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, params: dict[str, object], field: str
) -> None:
    answer = call(client, admin_account, "inventory.getProduct", params)

    assert [field] in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_anonymous_callers_are_unauthorized(client: httpx.Client) -> None:
    answer = rpc_call(client, "inventory.getProduct", {"id": "x"})

    error_of(answer, *UNAUTHORIZED)
