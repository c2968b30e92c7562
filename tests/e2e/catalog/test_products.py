"""``catalog.product.*`` over real HTTP: models with their brands, filters, unique SKUs,
a model that parts fit is kept."""

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
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    error_of,
    issue_paths,
    result_of,
    rpc_call,
)
from tests.factories.tickets import make_ticket

PRODUCT_KEYS = {"id", "name", "sku", "type", "description", "brand", "created_at", "updated_at"}


@pytest.mark.parametrize("role", WRITERS)
def test_managers_create_get_update_and_delete_a_model(
    client: httpx.Client, make_user: MakeUser, admin_account: Account, role: str
) -> None:
    writer = as_role(role, make_user, admin_account)
    brand = new_brand(client, writer)
    other_brand = new_brand(client, writer)
    sku = f"ip15-{token()}"

    created = new_product(
        client, writer, brand["id"], name="iPhone 15", sku=sku, description="128 GB"
    )
    got = result_of(call(client, writer, "catalog.product.get", {"id": created["id"]}))
    changes = {"id": created["id"], "brand_id": other_brand["id"], "description": None}
    updated = result_of(call(client, writer, "catalog.product.update", changes))
    deleted = result_of(call(client, writer, "catalog.product.delete", {"id": created["id"]}))

    assert set(created) == PRODUCT_KEYS
    assert (created["name"], created["sku"], created["type"], created["description"]) == (
        "iPhone 15",
        sku,
        "phone",
        "128 GB",
    )
    assert created["brand"] == {"id": brand["id"], "name": brand["name"]}
    assert got == created
    assert updated["brand"] == {"id": other_brand["id"], "name": other_brand["name"]}
    assert (updated["name"], updated["sku"], updated["description"]) == ("iPhone 15", sku, None)
    assert updated["updated_at"] > created["updated_at"]
    assert deleted == {"success": True}
    answer = call(client, writer, "catalog.product.get", {"id": created["id"]})
    assert error_of(answer, *NOT_FOUND)["message"] == "Product model not found"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_models(
    client: httpx.Client, make_user: MakeUser, admin_account: Account, role: str
) -> None:
    brand = new_brand(client, admin_account)
    product = new_product(client, admin_account, brand["id"])
    reader = as_role(role, make_user, admin_account)

    got = result_of(call(client, reader, "catalog.product.get", {"id": product["id"]}))
    listed = result_of(call(client, reader, "catalog.product.list", {"brand_id": brand["id"]}))

    assert got == product
    assert listed == {"products": [product], "total": 1}


def test_list_filters_by_brand_type_and_search_in_name_or_sku(
    client: httpx.Client, admin_account: Account
) -> None:
    word = token()
    apple, lenovo = new_brand(client, admin_account), new_brand(client, admin_account)
    made = {
        "phone": new_product(client, admin_account, apple["id"], name=f"B phone {word}"),
        "tablet": new_product(
            client, admin_account, apple["id"], name="A tablet", sku=f"T-{word}", type="tablet"
        ),
        "laptop": new_product(
            client, admin_account, lenovo["id"], name=f"C laptop {word}", type="laptop"
        ),
    }

    def listed(**params: Any) -> list[str]:
        answer = result_of(call(client, admin_account, "catalog.product.list", params))
        assert answer["total"] == len(answer["products"])
        return [product["id"] for product in answer["products"]]

    assert listed(search=word) == [made[k]["id"] for k in ("tablet", "phone", "laptop")]
    assert listed(search=word.upper(), brand_id=apple["id"]) == [
        made["tablet"]["id"],
        made["phone"]["id"],
    ]
    assert listed(brand_id=apple["id"], type="phone") == [made["phone"]["id"]]
    assert listed(search=word, type="laptop") == [made["laptop"]["id"]]
    assert listed(brand_id=MISSING_ID) == []


def test_list_pages_with_the_total_of_all_matches(
    client: httpx.Client, admin_account: Account
) -> None:
    brand = new_brand(client, admin_account)
    ids = [new_product(client, admin_account, brand["id"], name=f"M{n}")["id"] for n in range(3)]

    page = result_of(
        call(
            client,
            admin_account,
            "catalog.product.list",
            {"brand_id": brand["id"], "limit": 2, "offset": 1},
        )
    )

    assert [p["id"] for p in page["products"]] == ids[1:]
    assert page["total"] == 3


def test_skus_are_unique_exactly_as_written(client: httpx.Client, admin_account: Account) -> None:
    brand = new_brand(client, admin_account)
    sku = f"Sku-{token()}"
    first = new_product(client, admin_account, brand["id"], sku=sku)

    again = call(
        client,
        admin_account,
        "catalog.product.create",
        {"name": "Again", "sku": sku, "type": "phone", "brand_id": brand["id"]},
    )
    other_case = new_product(client, admin_account, brand["id"], sku=sku.upper())
    onto_taken = call(
        client, admin_account, "catalog.product.update", {"id": other_case["id"], "sku": sku}
    )
    own = call(client, admin_account, "catalog.product.update", {"id": first["id"], "sku": sku})

    message = "A product model with this SKU already exists"
    assert error_of(again, *CONFLICT)["message"] == message
    assert other_case["sku"] == sku.upper()
    assert error_of(onto_taken, *CONFLICT)["message"] == message
    assert result_of(own)["sku"] == sku


@pytest.mark.parametrize(
    ("method", "params", "message"),
    [
        ("catalog.product.get", {"id": MISSING_ID}, "Product model not found"),
        ("catalog.product.update", {"id": MISSING_ID, "name": "X"}, "Product model not found"),
        ("catalog.product.delete", {"id": MISSING_ID}, "Product model not found"),
        (
            "catalog.product.create",
            {"name": "X", "sku": "X", "type": "phone", "brand_id": MISSING_ID},
            "Brand not found",
        ),
    ],
)
def test_missing_rows_are_not_found(
    client: httpx.Client,
    admin_account: Account,
    method: str,
    params: dict[str, Any],
    message: str,
) -> None:
    assert error_of(call(client, admin_account, method, params), *NOT_FOUND)["message"] == message


def test_moving_a_model_to_a_missing_brand_is_not_found(
    client: httpx.Client, admin_account: Account
) -> None:
    product = new_product(client, admin_account, new_brand(client, admin_account)["id"])

    answer = call(
        client,
        admin_account,
        "catalog.product.update",
        {"id": product["id"], "brand_id": MISSING_ID},
    )

    assert error_of(answer, *NOT_FOUND)["message"] == "Brand not found"
    got = result_of(call(client, admin_account, "catalog.product.get", {"id": product["id"]}))
    assert got == product


def test_a_model_that_parts_fit_is_kept(client: httpx.Client, admin_account: Account) -> None:
    product = new_product(client, admin_account, new_brand(client, admin_account)["id"])
    part = {
        "name": "Screen",
        "sku": f"P-{token()}",
        "unit_price": 10,
        "product_ids": [product["id"]],
    }
    result_of(call(client, admin_account, "catalog.part.create", part))

    answer = call(client, admin_account, "catalog.product.delete", {"id": product["id"]})

    assert error_of(answer, *CONFLICT)["message"] == "Product model is still used by parts"
    assert result_of(call(client, admin_account, "catalog.product.get", {"id": product["id"]}))


def test_a_model_that_templates_use_is_kept(client: httpx.Client, admin_account: Account) -> None:
    product = new_product(client, admin_account, new_brand(client, admin_account)["id"])
    task_type = result_of(
        call(client, admin_account, "workflow.taskType.create", {"name": f"Inspect {token()}"})
    )
    template = {
        "name": f"Repair {token()}",
        "product_type": product["id"],
        "service_type": "paid",
        "tasks": [{"task_type_id": task_type["id"], "sequence_order": 1}],
    }
    template_id = result_of(call(client, admin_account, "workflow.template.create", template))["id"]
    # A retired template still refers to the model: its versions stay readable.
    deleted = call(client, admin_account, "workflow.template.delete", {"template_id": template_id})
    assert result_of(deleted) == {"success": True, "soft_deleted": True}

    answer = call(client, admin_account, "catalog.product.delete", {"id": product["id"]})

    assert error_of(answer, *CONFLICT)["message"] == "Product model is still used by templates"


def test_a_model_that_tickets_name_is_kept(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    product = new_product(client, admin_account, new_brand(client, admin_account)["id"])
    with server.db() as session:
        make_ticket(session, product_id=product["id"], status="completed")

    answer = call(client, admin_account, "catalog.product.delete", {"id": product["id"]})

    assert error_of(answer, *CONFLICT)["message"] == "Product model is still used by tickets"
    assert result_of(call(client, admin_account, "catalog.product.get", {"id": product["id"]}))


@pytest.mark.parametrize(
    ("method", "params", "path"),
    [
        ("catalog.product.list", {"type": ""}, ["type"]),
        ("catalog.product.list", {"brand_id": 5}, ["brand_id"]),
        ("catalog.product.list", {"limit": 101}, ["limit"]),
        ("catalog.product.list", {"offset": -1}, ["offset"]),
        ("catalog.product.get", {}, ["id"]),
        ("catalog.product.create", {"sku": "S", "type": "t", "brand_id": MISSING_ID}, ["name"]),
        (
            "catalog.product.create",
            {"name": "x" * 256, "sku": "S", "type": "t", "brand_id": MISSING_ID},
            ["name"],
        ),
        (
            "catalog.product.create",
            {"name": "N", "sku": "x" * 65, "type": "t", "brand_id": MISSING_ID},
            ["sku"],
        ),
        (
            "catalog.product.create",
            {"name": "N", "sku": "S", "type": "", "brand_id": MISSING_ID},
            ["type"],
        ),
        ("catalog.product.create", {"name": "N", "sku": "S", "type": "t"}, ["brand_id"]),
        (
            "catalog.product.create",
            {
                "name": "N",
                "sku": "S",
                "type": "t",
                "brand_id": MISSING_ID,
                "description": "x" * 2001,
            },
            ["description"],
        ),
        ("catalog.product.update", {"id": MISSING_ID, "sku": None}, ["sku"]),
        ("catalog.product.update", {"id": MISSING_ID, "brand_id": None}, ["brand_id"]),
        ("catalog.product.update", {"id": MISSING_ID, "name": ""}, ["name"]),
        ("catalog.product.update", {"id": MISSING_ID, "type": "a\x07"}, ["type"]),
        ("catalog.product.update", {"name": "N"}, ["id"]),
        ("catalog.product.delete", {"id": None}, ["id"]),
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
        ("catalog.product.create", {"name": "N", "sku": "S", "type": "t", "brand_id": MISSING_ID}),
        ("catalog.product.update", {"id": MISSING_ID, "name": "N"}),
        ("catalog.product.delete", {"id": MISSING_ID}),
    ],
)
def test_readers_may_not_write(
    client: httpx.Client, make_user: MakeUser, role: str, method: str, params: dict[str, Any]
) -> None:
    error_of(call(client, make_user(role), method, params), *FORBIDDEN)


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("catalog.product.list", {}),
        ("catalog.product.get", {"id": MISSING_ID}),
        ("catalog.product.create", {"name": "N", "sku": "S", "type": "t", "brand_id": MISSING_ID}),
        ("catalog.product.update", {"id": MISSING_ID, "name": "N"}),
        ("catalog.product.delete", {"id": MISSING_ID}),
    ],
)
def test_anonymous_callers_are_unauthorized(
    client: httpx.Client, method: str, params: dict[str, Any]
) -> None:
    error_of(rpc_call(client, method, params), *UNAUTHORIZED)
