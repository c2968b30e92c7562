"""``inventory.listProducts`` over real HTTP: units newest first, narrowed by place,
condition, warranty status (against the server's today) and serial."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from tests.e2e.browser import INVALID_PARAMS, ROLES, UNAUTHORIZED, as_role, call
from tests.e2e.conftest import Account, LiveServer, MakeUser, error_of, issue_paths, rpc_call
from tests.e2e.tickets.lifecycle_helpers import utc_today_for_a_while
from tests.factories.inventory import make_unit, make_warehouse, new_serial

LIST = "inventory.listProducts"


def listed(client: httpx.Client, caller: Account, **params: Any) -> Any:
    return call(client, caller, LIST, params)["result"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_lists_a_warehouse_newest_first_with_the_total(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    caller = as_role(role, make_user, admin_account)
    with server.db() as session:
        warehouse_id = make_warehouse(session).id
        made = [make_unit(session, physical_warehouse_id=warehouse_id).id for _ in range(3)]
    created = [call(client, caller, "inventory.getProduct", {"id": i})["result"] for i in made]

    page = listed(client, caller, physical_warehouse_id=warehouse_id)
    second = listed(client, caller, physical_warehouse_id=warehouse_id, limit=1, offset=1)

    # Same creation time (the factory's): newest first, then by id, descending.
    expected = sorted(created, key=lambda unit: (unit["created_at"], unit["id"]), reverse=True)
    assert page == {"products": expected, "total": 3}
    assert second == {"products": [expected[1]], "total": 3}


def test_filters_by_virtual_warehouse_condition_and_serial(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    token = new_serial()
    with server.db() as session:
        warehouse_id = make_warehouse(session).id
        parts = make_unit(
            session,
            physical_warehouse_id=warehouse_id,
            virtual_warehouse_type="parts",
            serial_number=f"{token}_A",
        )
        stock = make_unit(session, physical_warehouse_id=warehouse_id, serial_number=f"{token}XA")
    scoped = {"physical_warehouse_id": warehouse_id}

    by_kind = listed(client, admin_account, **scoped, virtual_warehouse_type="parts")
    by_condition = listed(client, admin_account, **scoped, condition="faulty")
    by_serial = listed(client, admin_account, search=f"{token.lower()}_")
    by_any = listed(client, admin_account, search=token[3:])

    assert [unit["id"] for unit in by_kind["products"]] == [parts.id]
    assert by_condition == {"products": [], "total": 0}
    assert [unit["id"] for unit in by_serial["products"]] == [parts.id]
    assert {unit["id"] for unit in by_any["products"]} == {parts.id, stock.id}


def test_the_warranty_status_filter_is_judged_on_today(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    today = utc_today_for_a_while()
    ends = {
        "expired": today - timedelta(days=1),
        "ends today": today,
        "in 30 days": today + timedelta(days=30),
        "in 31 days": today + timedelta(days=31),
        "none": None,
    }
    with server.db() as session:
        warehouse_id = make_warehouse(session).id
        ids = {
            name: make_unit(session, physical_warehouse_id=warehouse_id, warranty_end_date=end).id
            for name, end in ends.items()
        }

    def of_status(status: str) -> set[str]:
        page = listed(
            client, admin_account, physical_warehouse_id=warehouse_id, warranty_status=status
        )
        assert all(unit["warranty_status"] == status for unit in page["products"])
        return {unit["id"] for unit in page["products"]}

    assert of_status("expired") == {ids["expired"]}
    assert of_status("expiring_soon") == {ids["ends today"], ids["in 30 days"]}
    assert of_status("active") == {ids["in 31 days"]}
    assert of_status("no_warranty") == {ids["none"]}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "5"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"warranty_status": "soon"}, "warranty_status"),
        ({"virtual_warehouse_type": "attic"}, "virtual_warehouse_type"),
        ({"condition": "mint"}, "condition"),
        ({"physical_warehouse_id": 3}, "physical_warehouse_id"),
        ({"search": ""}, "search"),
        ({"serial": "x"}, "serial"),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, params: dict[str, Any], field: str
) -> None:
    answer = call(client, admin_account, LIST, params)

    assert [field] in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_anonymous_callers_are_unauthorized(client: httpx.Client) -> None:
    error_of(rpc_call(client, LIST, {}), *UNAUTHORIZED)
