"""``inventory.createProduct`` over real HTTP: a unit registered with its receipt
movement, its warranty end computed, and every way it is refused."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import httpx
import pytest
from dateutil.relativedelta import relativedelta

from tests.e2e.browser import (
    BAD_REQUEST,
    CONFLICT,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    ROLES,
    UNAUTHORIZED,
    as_role,
    call,
)
from tests.e2e.conftest import Account, LiveServer, MakeUser, error_of, issue_paths, rpc_call
from tests.e2e.inventory.unit_helpers import (
    new_unit_params,
    receipts_of,
    units_with_serials,
)
from tests.e2e.tickets.lifecycle_helpers import utc_today_for_a_while

CREATE = "inventory.createProduct"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_registers_a_unit_with_its_receipt(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    caller = as_role(role, make_user, admin_account)
    params = new_unit_params(
        server,
        warranty_start_date="2026-01-31",
        warranty_months=1,
        purchase_date="2026-01-20",
        supplier_id="8d3f1c2a-5b7e-4c9d-a1f0-3e6b2d4c8a17",
        supplier_name="Ingram Micro",
        purchase_price=649.99,
        notes="Sealed box",
        photo_urls=["https://img.example.com/a.jpg"],
    )
    params["serial_number"] = params["serial_number"].lower()

    created = call(client, caller, CREATE, params)["result"]

    assert created["serial_number"] == params["serial_number"].upper()
    assert created["warranty_end_date"] == "2026-02-28"  # calendar months, clamped
    assert created["purchase_price"] == 649.99
    assert created["photo_urls"] == ["https://img.example.com/a.jpg"]
    assert created["current_ticket_id"] is None
    assert created["physical_warehouse"]["id"] == params["physical_warehouse_id"]
    fetched = call(client, caller, "inventory.getProduct", {"id": created["id"]})["result"]
    assert fetched == created
    (receipt,) = receipts_of(server, created["id"])
    assert receipt.movement_type == "receipt"
    assert receipt.from_virtual_warehouse_type is None
    assert receipt.to_virtual_warehouse_type == "warranty_stock"
    assert receipt.to_physical_warehouse_id == params["physical_warehouse_id"]
    assert receipt.moved_by_id == caller.id


def test_months_without_a_start_count_from_the_purchase_day_else_today(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    today = utc_today_for_a_while()
    bought = call(
        client,
        admin_account,
        CREATE,
        new_unit_params(server, warranty_months=12, purchase_date="2025-03-10"),
    )["result"]
    two_months = new_unit_params(server, warranty_months=2)
    unbought = call(client, admin_account, CREATE, two_months)["result"]
    without_months = call(
        client, admin_account, CREATE, new_unit_params(server, warranty_start_date="2026-01-01")
    )["result"]

    assert (bought["warranty_start_date"], bought["warranty_end_date"]) == (
        "2025-03-10",
        "2026-03-10",
    )
    assert unbought["warranty_start_date"] == today.isoformat()
    assert unbought["warranty_end_date"] == (today + relativedelta(months=2)).isoformat()
    assert unbought["warranty_status"] == "active"
    assert without_months["warranty_end_date"] is None
    assert without_months["warranty_status"] == "no_warranty"


def test_a_unit_without_a_warehouse_or_optional_fields(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    params = new_unit_params(server, virtual_warehouse_type="parts", condition="for_parts")
    del params["physical_warehouse_id"]

    created = call(client, admin_account, CREATE, params)["result"]

    assert created["physical_warehouse"] is None
    assert created["photo_urls"] == []
    assert created["purchase_price"] is None
    assert created["warranty_status"] == "no_warranty"


def test_a_serial_taken_in_any_case_is_a_conflict(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    params = new_unit_params(server)
    call(client, admin_account, CREATE, params)
    again = {**params, "serial_number": params["serial_number"].lower()}

    error_of(call(client, admin_account, CREATE, again), *CONFLICT)

    assert len(units_with_serials(server, [params["serial_number"]])) == 1


def test_two_creators_racing_for_a_serial_get_one_unit_and_a_conflict(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    params = new_unit_params(server)

    def create(_: int) -> Any:
        with httpx.Client(base_url=server.url, timeout=30) as own:
            return call(own, admin_account, CREATE, params)

    for _ in range(3):
        serial = params["serial_number"] = params["serial_number"] + "X"
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(create, range(4)))
        assert sum("result" in answer for answer in answers) == 1, answers
        for answer in answers:
            if "error" in answer:
                error_of(answer, *CONFLICT)
        (unit,) = units_with_serials(server, [serial])
        assert len(receipts_of(server, unit.id)) == 1


def test_an_unknown_model_or_warehouse_is_not_found_naming_it(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    no_model = new_unit_params(server, product_id=MISSING_ID)
    no_warehouse = new_unit_params(server, physical_warehouse_id=MISSING_ID)

    model_error = error_of(call(client, admin_account, CREATE, no_model), *NOT_FOUND)
    warehouse_error = error_of(call(client, admin_account, CREATE, no_warehouse), *NOT_FOUND)

    assert model_error["message"] == "Product model not found"
    assert warehouse_error["message"] == "Warehouse not found"
    assert units_with_serials(server, [no_model["serial_number"]]) == []


def test_a_unit_is_never_registered_in_service(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    params = new_unit_params(server, virtual_warehouse_type="in_service")

    error = error_of(call(client, admin_account, CREATE, params), *BAD_REQUEST)

    assert "assignToTicket" in error["message"]
    assert units_with_serials(server, [params["serial_number"]]) == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"serial_number": "AB12"}, "serial_number"),
        ({"serial_number": "AB 123"}, "serial_number"),
        ({"serial_number": 123456}, "serial_number"),
        ({"product_id": 5}, "product_id"),
        ({"virtual_warehouse_type": "attic"}, "virtual_warehouse_type"),
        ({"condition": "mint"}, "condition"),
        ({"warranty_start_date": "2026-02-30"}, "warranty_start_date"),
        ({"purchase_date": 20260101}, "purchase_date"),
        ({"warranty_months": -1}, "warranty_months"),
        ({"warranty_months": 601}, "warranty_months"),
        ({"warranty_months": "12"}, "warranty_months"),
        ({"warranty_months": 1.5}, "warranty_months"),
        ({"purchase_price": -0.01}, "purchase_price"),
        ({"purchase_price": 1.234}, "purchase_price"),
        ({"purchase_price": "5"}, "purchase_price"),
        ({"supplier_id": "PO-7731"}, "supplier_id"),
        ({"supplier_name": "x" * 256}, "supplier_name"),
        ({"notes": "x" * 2001}, "notes"),
        ({"photo_urls": "https://a.example"}, "photo_urls"),
        ({"photo_urls": ["ftp://a.example/x.jpg"]}, "photo_urls"),
        ({"photo_urls": ["https://a.example/" + "x" * 2048]}, "photo_urls"),
        ({"photo_urls": ["https://a.example/x.jpg"] * 21}, "photo_urls"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_names_the_field(
    server: LiveServer,
    client: httpx.Client,
    admin_account: Account,
    fields: dict[str, Any],
    field: str,
) -> None:
    params = {**new_unit_params(server), **fields}

    answer = call(client, admin_account, CREATE, params)

    assert field in {path[0] for path in issue_paths(error_of(answer, *INVALID_PARAMS))}


@pytest.mark.parametrize("missing", ["serial_number", "product_id", "virtual_warehouse_type"])
def test_a_required_field_left_out_is_named(
    server: LiveServer, client: httpx.Client, admin_account: Account, missing: str
) -> None:
    params = new_unit_params(server)
    del params[missing]

    answer = call(client, admin_account, CREATE, params)

    assert [missing] in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_anonymous_callers_are_unauthorized(server: LiveServer, client: httpx.Client) -> None:
    answer = rpc_call(client, CREATE, new_unit_params(server))

    error_of(answer, *UNAUTHORIZED)


def test_the_registered_dates_are_calendar_dates(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    params = new_unit_params(server, warranty_start_date="2024-02-29", warranty_months=12)

    created = call(client, admin_account, CREATE, params)["result"]

    assert date.fromisoformat(created["warranty_end_date"]) == date(2025, 2, 28)
