"""``catalog.warehouse.*`` over real HTTP: every role reads, managers write, codes
stored upper case and unique."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.browser import (
    CONFLICT,
    FORBIDDEN,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    ROLES,
    UNAUTHORIZED,
    as_role,
    call,
)
from tests.e2e.catalog.helpers import (
    READERS_ONLY,
    WRITERS,
    new_warehouse,
    token,
)
from tests.e2e.conftest import Account, MakeUser, error_of, issue_paths, result_of, rpc_call

WAREHOUSE_KEYS = {"id", "name", "code", "location", "created_at", "updated_at"}


@pytest.mark.parametrize("role", WRITERS)
def test_managers_create_update_and_delete_a_warehouse(
    client: httpx.Client, make_user: MakeUser, admin_account: Account, role: str
) -> None:
    writer = as_role(role, make_user, admin_account)
    word = token()

    created = new_warehouse(
        client, writer, name=f"Main {word}", code=f"main-{word}", location="Back room"
    )
    changes = {"id": created["id"], "code": f"m2-{word}", "location": None}
    updated = result_of(call(client, writer, "catalog.warehouse.update", changes))
    deleted = result_of(call(client, writer, "catalog.warehouse.delete", {"id": created["id"]}))

    assert set(created) == WAREHOUSE_KEYS
    assert (created["name"], created["code"], created["location"]) == (
        f"Main {word}",
        f"MAIN-{word.upper()}",
        "Back room",
    )
    assert (updated["name"], updated["code"], updated["location"]) == (
        f"Main {word}",
        f"M2-{word.upper()}",
        None,
    )
    assert updated["updated_at"] > created["updated_at"]
    assert deleted == {"success": True}
    listed = result_of(call(client, writer, "catalog.warehouse.list", {"search": word}))
    assert listed == {"warehouses": [], "total": 0}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_lists_warehouses_by_name_searching_name_and_code(
    client: httpx.Client, make_user: MakeUser, admin_account: Account, role: str
) -> None:
    word = token()
    by_code = new_warehouse(client, admin_account, name="A side", code=f"X-{word}")
    by_name = new_warehouse(client, admin_account, name=f"B {word}")
    reader = as_role(role, make_user, admin_account)

    everything = result_of(call(client, reader, "catalog.warehouse.list", {"search": word}))
    second = result_of(
        call(client, reader, "catalog.warehouse.list", {"search": word, "offset": 1, "limit": 5})
    )

    assert everything == {"warehouses": [by_code, by_name], "total": 2}
    assert second == {"warehouses": [by_name], "total": 2}


def test_a_taken_code_in_any_case_is_a_conflict(
    client: httpx.Client, admin_account: Account
) -> None:
    taken = new_warehouse(client, admin_account)
    other = new_warehouse(client, admin_account)

    again = call(
        client,
        admin_account,
        "catalog.warehouse.create",
        {"name": "Again", "code": taken["code"].lower()},
    )
    onto_taken = call(
        client,
        admin_account,
        "catalog.warehouse.update",
        {"id": other["id"], "code": taken["code"]},
    )

    message = "A warehouse with this code already exists"
    assert error_of(again, *CONFLICT)["message"] == message
    assert error_of(onto_taken, *CONFLICT)["message"] == message


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("catalog.warehouse.update", {"id": MISSING_ID, "name": "Nowhere"}),
        ("catalog.warehouse.delete", {"id": MISSING_ID}),
    ],
)
def test_a_missing_warehouse_is_not_found(
    client: httpx.Client, admin_account: Account, method: str, params: dict[str, Any]
) -> None:
    answer = call(client, admin_account, method, params)
    assert error_of(answer, *NOT_FOUND)["message"] == "Warehouse not found"


@pytest.mark.parametrize(
    ("method", "params", "path"),
    [
        ("catalog.warehouse.list", {"limit": 0}, ["limit"]),
        ("catalog.warehouse.list", {"offset": 1.5}, ["offset"]),
        ("catalog.warehouse.create", {"code": "AB"}, ["name"]),
        ("catalog.warehouse.create", {"name": "x" * 101, "code": "AB"}, ["name"]),
        ("catalog.warehouse.create", {"name": "N"}, ["code"]),
        ("catalog.warehouse.create", {"name": "N", "code": "A"}, ["code"]),
        ("catalog.warehouse.create", {"name": "N", "code": "A" * 21}, ["code"]),
        ("catalog.warehouse.create", {"name": "N", "code": "AB_1"}, ["code"]),
        ("catalog.warehouse.create", {"name": "N", "code": "AB 1"}, ["code"]),
        ("catalog.warehouse.create", {"name": "N", "code": "ÄB"}, ["code"]),
        (
            "catalog.warehouse.create",
            {"name": "N", "code": "AB", "location": "x" * 256},
            ["location"],
        ),
        ("catalog.warehouse.update", {"id": MISSING_ID, "code": None}, ["code"]),
        ("catalog.warehouse.update", {"id": MISSING_ID, "name": None}, ["name"]),
        ("catalog.warehouse.update", {"code": "AB"}, ["id"]),
        ("catalog.warehouse.delete", {}, ["id"]),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client,
    admin_account: Account,
    method: str,
    params: dict[str, Any],
    path: list[str],
) -> None:
    error = error_of(call(client, admin_account, method, params), *INVALID_PARAMS)
    assert issue_paths(error) == [path]


@pytest.mark.parametrize("role", READERS_ONLY)
@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("catalog.warehouse.create", {"name": "N", "code": "AB"}),
        ("catalog.warehouse.update", {"id": MISSING_ID, "name": "N"}),
        ("catalog.warehouse.delete", {"id": MISSING_ID}),
    ],
)
def test_readers_may_not_write(
    client: httpx.Client, make_user: MakeUser, role: str, method: str, params: dict[str, Any]
) -> None:
    error_of(call(client, make_user(role), method, params), *FORBIDDEN)


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("catalog.warehouse.list", {}),
        ("catalog.warehouse.create", {"name": "N", "code": "AB"}),
        ("catalog.warehouse.update", {"id": MISSING_ID, "name": "N"}),
        ("catalog.warehouse.delete", {"id": MISSING_ID}),
    ],
)
def test_anonymous_callers_are_unauthorized(
    client: httpx.Client, method: str, params: dict[str, Any]
) -> None:
    error_of(rpc_call(client, method, params), *UNAUTHORIZED)
