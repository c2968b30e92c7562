"""``catalog.brand.*`` over real HTTP: every role reads, managers write, names unique
ignoring case, a brand in use is kept."""

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
    new_brand,
    new_product,
    token,
)
from tests.e2e.conftest import Account, MakeUser, error_of, issue_paths, result_of, rpc_call

BRAND_KEYS = {"id", "name", "created_at", "updated_at"}


@pytest.mark.parametrize("role", WRITERS)
def test_managers_create_update_and_delete_a_brand(
    client: httpx.Client, make_user: MakeUser, admin_account: Account, role: str
) -> None:
    writer = as_role(role, make_user, admin_account)
    name = f"Acme {token()}"

    created = new_brand(client, writer, name)
    renamed = result_of(
        call(client, writer, "catalog.brand.update", {"id": created["id"], "name": name + " 2"})
    )
    deleted = result_of(call(client, writer, "catalog.brand.delete", {"id": created["id"]}))

    assert set(created) == BRAND_KEYS
    assert created["name"] == name
    assert created["created_at"] == created["updated_at"]
    assert (renamed["id"], renamed["name"]) == (created["id"], name + " 2")
    assert renamed["updated_at"] > created["updated_at"]
    assert renamed["created_at"] == created["created_at"]
    assert deleted == {"success": True}
    listed = result_of(call(client, writer, "catalog.brand.list", {"search": name}))
    assert listed == {"brands": [], "total": 0}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_lists_brands_by_name_in_pages(
    client: httpx.Client, make_user: MakeUser, admin_account: Account, role: str
) -> None:
    word = token()
    ids = {n: new_brand(client, admin_account, f"{n} {word}")["id"] for n in ("Cc", "Aa", "Bb")}
    reader = as_role(role, make_user, admin_account)

    everything = result_of(call(client, reader, "catalog.brand.list", {"search": word}))
    second = result_of(
        call(
            client, reader, "catalog.brand.list", {"search": word.upper(), "limit": 1, "offset": 1}
        )
    )

    assert [b["id"] for b in everything["brands"]] == [ids["Aa"], ids["Bb"], ids["Cc"]]
    assert everything["total"] == 3
    assert set(everything["brands"][0]) == BRAND_KEYS
    assert second == {"brands": [everything["brands"][1]], "total": 3}


def test_list_search_takes_percent_and_underscore_literally(
    client: httpx.Client, admin_account: Account
) -> None:
    word = token()
    percent = new_brand(client, admin_account, f"100% {word}")
    new_brand(client, admin_account, f"100x {word}")

    found = result_of(call(client, admin_account, "catalog.brand.list", {"search": f"0% {word}"}))

    assert [b["id"] for b in found["brands"]] == [percent["id"]]


def test_list_defaults_to_fifty_from_the_start(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = result_of(call(client, admin_account, "catalog.brand.list"))
    assert len(answer["brands"]) <= 50
    assert answer["total"] >= len(answer["brands"])


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"limit": 0}, ["limit"]),
        ({"limit": 101}, ["limit"]),
        ({"limit": "10"}, ["limit"]),
        ({"offset": -1}, ["offset"]),
        ({"search": ""}, ["search"]),
        ({"search": "x" * 101}, ["search"]),
        ({"sort": "name"}, ["sort"]),
    ],
)
def test_list_refuses_bad_paging(
    client: httpx.Client, admin_account: Account, params: dict[str, Any], path: list[str]
) -> None:
    error = error_of(call(client, admin_account, "catalog.brand.list", params), *INVALID_PARAMS)
    assert issue_paths(error) == [path]


def test_a_taken_name_in_another_case_is_a_conflict(
    client: httpx.Client, admin_account: Account
) -> None:
    name = f"Straße {token()}"
    new_brand(client, admin_account, name)

    answer = call(client, admin_account, "catalog.brand.create", {"name": name.upper()})

    assert error_of(answer, *CONFLICT)["message"] == "A brand with this name already exists"


def test_renaming_onto_another_brands_name_is_a_conflict(
    client: httpx.Client, admin_account: Account
) -> None:
    taken = new_brand(client, admin_account)
    other = new_brand(client, admin_account)

    answer = call(
        client,
        admin_account,
        "catalog.brand.update",
        {"id": other["id"], "name": taken["name"].lower()},
    )

    error_of(answer, *CONFLICT)


def test_a_brand_may_take_its_own_name_in_another_case(
    client: httpx.Client, admin_account: Account
) -> None:
    brand = new_brand(client, admin_account, f"lower {token()}")
    params = {"id": brand["id"], "name": brand["name"].title()}

    renamed = result_of(call(client, admin_account, "catalog.brand.update", params))

    assert renamed["name"] == brand["name"].title()


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("catalog.brand.update", {"id": MISSING_ID, "name": "Nobody"}),
        ("catalog.brand.delete", {"id": MISSING_ID}),
    ],
)
def test_a_missing_brand_is_not_found(
    client: httpx.Client, admin_account: Account, method: str, params: dict[str, Any]
) -> None:
    answer = call(client, admin_account, method, params)
    assert error_of(answer, *NOT_FOUND)["message"] == "Brand not found"


def test_a_brand_with_product_models_is_kept(client: httpx.Client, admin_account: Account) -> None:
    brand = new_brand(client, admin_account)
    new_product(client, admin_account, brand["id"])

    answer = call(client, admin_account, "catalog.brand.delete", {"id": brand["id"]})

    assert error_of(answer, *CONFLICT)["message"] == "Brand is still used by product models"
    listed = result_of(call(client, admin_account, "catalog.brand.list", {"search": brand["name"]}))
    assert listed["total"] == 1


@pytest.mark.parametrize(
    ("method", "params", "path"),
    [
        ("catalog.brand.create", {}, ["name"]),
        ("catalog.brand.create", {"name": ""}, ["name"]),
        ("catalog.brand.create", {"name": "   "}, ["name"]),
        ("catalog.brand.create", {"name": "x" * 101}, ["name"]),
        ("catalog.brand.create", {"name": "a\x00b"}, ["name"]),
        ("catalog.brand.create", {"name": 7}, ["name"]),
        ("catalog.brand.create", {"name": "ok", "id": MISSING_ID}, ["id"]),
        ("catalog.brand.update", {"name": "ok"}, ["id"]),
        ("catalog.brand.update", {"id": MISSING_ID}, ["name"]),
        ("catalog.brand.update", {"id": MISSING_ID, "name": None}, ["name"]),
        ("catalog.brand.update", {"id": "", "name": "ok"}, ["id"]),
        ("catalog.brand.delete", {}, ["id"]),
        ("catalog.brand.delete", {"id": "x" * 65}, ["id"]),
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
        ("catalog.brand.create", {"name": "Forbidden"}),
        ("catalog.brand.update", {"id": MISSING_ID, "name": "Forbidden"}),
        ("catalog.brand.delete", {"id": MISSING_ID}),
    ],
)
def test_readers_may_not_write(
    client: httpx.Client, make_user: MakeUser, role: str, method: str, params: dict[str, Any]
) -> None:
    error_of(call(client, make_user(role), method, params), *FORBIDDEN)


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("catalog.brand.list", {}),
        ("catalog.brand.create", {"name": "Anonymous"}),
        ("catalog.brand.update", {"id": MISSING_ID, "name": "Anonymous"}),
        ("catalog.brand.delete", {"id": MISSING_ID}),
    ],
)
def test_anonymous_callers_are_unauthorized(
    client: httpx.Client, method: str, params: dict[str, Any]
) -> None:
    error_of(rpc_call(client, method, params), *UNAUTHORIZED)
