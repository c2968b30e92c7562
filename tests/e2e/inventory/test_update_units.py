"""``inventory.updateProduct`` over real HTTP: a unit's details change, its place never
does (that is a movement), and its warranty end follows its start and months."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

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
)
from tests.factories.inventory import make_warehouse
from tests.factories.workflow import make_product_model

UPDATE = "inventory.updateProduct"


def registered(server: LiveServer, client: httpx.Client, admin: Account, **fields: Any) -> Any:
    params = new_unit_params(
        server,
        warranty_start_date="2026-01-15",
        warranty_months=12,
        purchase_date="2026-01-10",
        supplier_name="Ingram Micro",
        purchase_price=100,
        notes="Sealed",
        photo_urls=["https://img.example.com/a.jpg"],
        **fields,
    )
    return call(client, admin, "inventory.createProduct", params)["result"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_changes_details_and_what_is_left_out_stays(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    unit = registered(server, client, admin_account)
    with server.db() as session:
        other_model_id = make_product_model(session, name="Pixel 9").id
    caller = as_role(role, make_user, admin_account)

    updated = call(
        client,
        caller,
        UPDATE,
        {
            "id": unit["id"],
            "serial_number": unit["serial_number"].lower() + "b",
            "product_id": other_model_id,
            "condition": "refurbished",
            "notes": None,
            "purchase_price": None,
            "photo_urls": [],
        },
    )["result"]

    assert updated["serial_number"] == unit["serial_number"] + "B"
    assert updated["product"]["name"] == "Pixel 9"
    assert updated["condition"] == "refurbished"
    assert (updated["notes"], updated["purchase_price"], updated["photo_urls"]) == (None, None, [])
    for kept in ("supplier_name", "warranty_end_date", "physical_warehouse", "created_at"):
        assert updated[kept] == unit[kept]
    assert updated == call(client, caller, "inventory.getProduct", {"id": unit["id"]})["result"]


def test_a_new_start_or_new_months_recompute_the_end(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit = registered(server, client, admin_account)

    longer = call(client, admin_account, UPDATE, {"id": unit["id"], "warranty_months": 24})
    moved = call(
        client, admin_account, UPDATE, {"id": unit["id"], "warranty_start_date": "2026-03-31"}
    )
    cleared = call(client, admin_account, UPDATE, {"id": unit["id"], "warranty_months": None})

    assert longer["result"]["warranty_end_date"] == "2028-01-15"
    assert moved["result"]["warranty_end_date"] == "2028-03-31"
    assert cleared["result"]["warranty_end_date"] is None
    assert cleared["result"]["warranty_status"] == "no_warranty"


def test_repeating_the_place_is_no_change_and_naming_another_is_a_bad_request(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit = registered(server, client, admin_account)
    with server.db() as session:
        elsewhere_id = make_warehouse(session, name="Elsewhere").id
    same_place = {
        "id": unit["id"],
        "virtual_warehouse_type": unit["virtual_warehouse_type"],
        "physical_warehouse_id": unit["physical_warehouse_id"],
        "condition": "used",
    }

    kept = call(client, admin_account, UPDATE, same_place)["result"]
    refusals = [
        call(client, admin_account, UPDATE, {"id": unit["id"], **fields})
        for fields in (
            {"virtual_warehouse_type": "dead_stock"},
            {"virtual_warehouse_type": "in_service"},
            {"physical_warehouse_id": elsewhere_id},
            {"physical_warehouse_id": None},
        )
    ]

    assert kept["condition"] == "used"
    for answer in refusals:
        assert "inventory.recordMovement" in error_of(answer, *BAD_REQUEST)["message"]
    after = call(client, admin_account, "inventory.getProduct", {"id": unit["id"]})["result"]
    assert (after["virtual_warehouse_type"], after["physical_warehouse_id"]) == (
        unit["virtual_warehouse_type"],
        unit["physical_warehouse_id"],
    )
    assert len(receipts_of(server, unit["id"])) == 1  # no movement written


def test_a_serial_another_unit_has_is_a_conflict_and_its_own_is_not(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit = registered(server, client, admin_account)
    other = registered(server, client, admin_account)

    taken = call(
        client,
        admin_account,
        UPDATE,
        {"id": unit["id"], "serial_number": other["serial_number"].lower()},
    )
    own = call(
        client,
        admin_account,
        UPDATE,
        {"id": unit["id"], "serial_number": unit["serial_number"].lower()},
    )

    error_of(taken, *CONFLICT)
    assert own["result"]["serial_number"] == unit["serial_number"]


def test_an_unknown_unit_or_model_is_not_found(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit = registered(server, client, admin_account)

    no_unit = call(client, admin_account, UPDATE, {"id": MISSING_ID, "condition": "used"})
    no_model = call(client, admin_account, UPDATE, {"id": unit["id"], "product_id": MISSING_ID})

    assert error_of(no_unit, *NOT_FOUND)["message"] == "Product not found"
    assert error_of(no_model, *NOT_FOUND)["message"] == "Product model not found"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"serial_number": None}, "serial_number"),
        ({"serial_number": "ab"}, "serial_number"),
        ({"product_id": None}, "product_id"),
        ({"condition": None}, "condition"),
        ({"condition": "mint"}, "condition"),
        ({"virtual_warehouse_type": None}, "virtual_warehouse_type"),
        ({"photo_urls": None}, "photo_urls"),
        ({"warranty_months": "3"}, "warranty_months"),
        ({"purchase_price": -1}, "purchase_price"),
        ({"warranty_start_date": "yesterday"}, "warranty_start_date"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, fields: dict[str, Any], field: str
) -> None:
    answer = call(client, admin_account, UPDATE, {"id": MISSING_ID, **fields})

    assert field in {path[0] for path in issue_paths(error_of(answer, *INVALID_PARAMS))}


def test_anonymous_callers_are_unauthorized(client: httpx.Client) -> None:
    answer = rpc_call(client, UPDATE, {"id": MISSING_ID, "condition": "used"})

    error_of(answer, *UNAUTHORIZED)
