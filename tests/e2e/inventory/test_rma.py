"""``inventory.*`` RMA batches over real HTTP: creating a draft, submitting it, listing
batches and reading one with its units, and who may call each RMA procedure (adding
units: test_rma_adding.py)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.browser import (
    FORBIDDEN,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    PRECONDITION_FAILED,
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
from tests.e2e.inventory.rma_helpers import (
    add_units,
    create_batch,
    set_status,
)
from tests.factories.inventory import make_unit, make_warehouse

MANAGER_PROCEDURES = [
    ("inventory.createRMABatch", {"supplier_name": "Ingram Micro"}),
    ("inventory.addProductsToRMA", {"batch_id": MISSING_ID, "product_ids": [MISSING_ID]}),
    ("inventory.finalizeRMABatch", {"batch_id": MISSING_ID}),
    ("inventory.getRMABatches", {}),
]
PROCEDURES = [*MANAGER_PROCEDURES, ("inventory.getRMABatchDetails", {"batch_id": MISSING_ID})]


# createRMABatch


@pytest.mark.parametrize("role", ["admin", "manager"])
def test_admins_and_managers_start_a_draft_batch(
    client: httpx.Client, make_user: MakeUser, admin_account: Account, role: str
) -> None:
    user = as_role(role, make_user, admin_account)

    batch = create_batch(
        client,
        user,
        supplier_name="  Ingram Micro  ",
        shipping_date="2026-12-01",
        tracking_number="1Z999AA10123456784",
        notes="Dead on arrival\nNovember delivery",
    )

    assert batch["supplier_name"] == "Ingram Micro"
    assert batch["status"] == "draft"
    assert (batch["shipping_date"], batch["tracking_number"]) == (
        "2026-12-01",
        "1Z999AA10123456784",
    )
    assert batch["notes"] == "Dead on arrival\nNovember delivery"
    assert batch["submitted_at"] is None
    assert batch["created_at"] == batch["updated_at"]
    assert batch["created_by"] == {"id": user.id, "full_name": batch["created_by"]["full_name"]}
    assert batch["product_count"] == 0


def test_a_batch_needs_only_its_supplier(client: httpx.Client, admin_account: Account) -> None:
    batch = create_batch(client, admin_account, supplier_name="HP")

    assert (batch["shipping_date"], batch["tracking_number"], batch["notes"]) == (None, None, None)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"supplier_name": " A "}, "supplier_name"),
        ({"supplier_name": "A" * 256}, "supplier_name"),
        ({"supplier_name": 42}, "supplier_name"),
        ({}, "supplier_name"),
        ({"supplier_name": "HP", "shipping_date": "01/12/2026"}, "shipping_date"),
        ({"supplier_name": "HP", "shipping_date": "2026-02-30"}, "shipping_date"),
        ({"supplier_name": "HP", "tracking_number": "X" * 101}, "tracking_number"),
        ({"supplier_name": "HP", "tracking_number": "1Z\n99"}, "tracking_number"),
        ({"supplier_name": "HP", "notes": 7}, "notes"),
        ({"supplier_name": "HP", "supplier": "HP"}, "supplier"),
    ],
)
def test_creating_with_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, params: dict[str, Any], field: str
) -> None:
    answer = call(client, admin_account, "inventory.createRMABatch", params)

    assert [field] in issue_paths(error_of(answer, *INVALID_PARAMS))


# finalizeRMABatch


def test_a_draft_with_units_is_submitted_with_its_shipping_details(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, admin_account: Account
) -> None:
    with server.db() as session:
        unit = make_unit(session)
    batch = create_batch(client, admin_account, tracking_number="OLD-1", notes="Keep me")
    add_units(client, admin_account, batch["id"], unit.id)

    submitted = result_of(
        call(
            client,
            make_user("manager"),
            "inventory.finalizeRMABatch",
            {"batch_id": batch["id"], "shipping_date": "2026-12-03", "tracking_number": "NEW-2"},
        )
    )

    assert submitted["status"] == "submitted"
    assert submitted["submitted_at"] is not None
    assert submitted["submitted_at"] == submitted["updated_at"]
    assert (submitted["shipping_date"], submitted["tracking_number"]) == ("2026-12-03", "NEW-2")
    assert (submitted["notes"], submitted["product_count"]) == ("Keep me", 1)
    assert submitted["created_by"]["id"] == admin_account.id


def test_finalizing_keeps_the_fields_left_out(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        unit = make_unit(session)
    batch = create_batch(client, admin_account, shipping_date="2026-12-01", tracking_number="T-1")
    add_units(client, admin_account, batch["id"], unit.id)

    submitted = result_of(
        call(client, admin_account, "inventory.finalizeRMABatch", {"batch_id": batch["id"]})
    )

    assert (submitted["shipping_date"], submitted["tracking_number"]) == ("2026-12-01", "T-1")


def test_an_empty_batch_is_not_finalized(client: httpx.Client, admin_account: Account) -> None:
    batch = create_batch(client, admin_account)

    answer = call(client, admin_account, "inventory.finalizeRMABatch", {"batch_id": batch["id"]})

    assert "empty" in error_of(answer, *PRECONDITION_FAILED)["message"]
    again = call(client, admin_account, "inventory.getRMABatchDetails", {"batch_id": batch["id"]})
    assert result_of(again)["batch"]["status"] == "draft"


def test_a_batch_is_finalized_once(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        unit = make_unit(session)
    batch = create_batch(client, admin_account)
    add_units(client, admin_account, batch["id"], unit.id)
    params = {"batch_id": batch["id"], "tracking_number": "LATE-9"}
    first = result_of(call(client, admin_account, "inventory.finalizeRMABatch", params))

    answer = call(client, admin_account, "inventory.finalizeRMABatch", params)

    assert "already submitted" in error_of(answer, *PRECONDITION_FAILED)["message"]
    again = call(client, admin_account, "inventory.getRMABatchDetails", {"batch_id": batch["id"]})
    assert result_of(again)["batch"] == first


def test_finalizing_an_unknown_batch_is_not_found(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = call(client, admin_account, "inventory.finalizeRMABatch", {"batch_id": MISSING_ID})

    error_of(answer, *NOT_FOUND)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "batch_id"),
        ({"batch_id": MISSING_ID, "shipping_date": None}, "shipping_date"),
        ({"batch_id": MISSING_ID, "shipping_date": 20261201}, "shipping_date"),
        ({"batch_id": MISSING_ID, "tracking_number": None}, "tracking_number"),
        ({"batch_id": MISSING_ID, "tracking_number": ""}, "tracking_number"),
        ({"batch_id": MISSING_ID, "status": "submitted"}, "status"),
    ],
)
def test_finalizing_with_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, params: dict[str, Any], field: str
) -> None:
    answer = call(client, admin_account, "inventory.finalizeRMABatch", params)

    assert [field] in issue_paths(error_of(answer, *INVALID_PARAMS))


# getRMABatches


def test_batches_are_listed_newest_first_with_their_counts(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, admin_account: Account
) -> None:
    with server.db() as session:
        units = [make_unit(session) for _ in range(3)]
    made = [create_batch(client, admin_account, supplier_name=f"Listed {n}") for n in range(3)]
    add_units(client, admin_account, made[1]["id"], *(unit.id for unit in units))

    page = result_of(call(client, make_user("manager"), "inventory.getRMABatches", {"limit": 100}))

    listed = page["batches"]
    keys = [(batch["created_at"], batch["id"]) for batch in listed]
    # Newest first; batches made in the same instant by id.
    by_id = sorted(keys, key=lambda key: key[1])
    assert keys == sorted(by_id, key=lambda key: key[0], reverse=True)
    mine = {batch["id"]: batch for batch in listed if batch["id"] in {b["id"] for b in made}}
    assert [mine[batch["id"]]["product_count"] for batch in made] == [0, 3, 0]
    assert mine[made[0]["id"]]["created_by"] == made[0]["created_by"]
    assert page["total"] >= len(made)


def test_batches_are_filtered_by_status_and_paged(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    made = [create_batch(client, admin_account, supplier_name=f"Shipped {n}") for n in range(3)]
    for batch in made:
        set_status(server, batch["id"], "shipped")
    everything = result_of(
        call(client, admin_account, "inventory.getRMABatches", {"status": "shipped"})
    )

    second = result_of(
        call(
            client,
            admin_account,
            "inventory.getRMABatches",
            {"status": "shipped", "limit": 1, "offset": 1},
        )
    )

    assert {batch["status"] for batch in everything["batches"]} == {"shipped"}
    assert {batch["id"] for batch in made} <= {batch["id"] for batch in everything["batches"]}
    assert everything["total"] == len(everything["batches"]) == second["total"]
    assert second["batches"] == everything["batches"][1:2]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "10"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"status": "lost"}, "status"),
        ({"search": "x"}, "search"),
    ],
)
def test_listing_with_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, params: dict[str, Any], field: str
) -> None:
    answer = call(client, admin_account, "inventory.getRMABatches", params)

    assert [field] in issue_paths(error_of(answer, *INVALID_PARAMS))


# getRMABatchDetails


@pytest.mark.parametrize("role", ["admin", "manager", "technician", "reception"])
def test_every_role_reads_a_batch_with_its_units_in_the_order_added(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    adder = make_user("manager", full_name="Mona Manager")
    with server.db() as session:
        warehouse = make_warehouse(session)
        first, second = (make_unit(session, physical_warehouse_id=warehouse.id) for _ in range(2))
    batch = create_batch(client, admin_account)
    add_units(client, adder, batch["id"], second.id)
    add_units(client, admin_account, batch["id"], first.id)
    reader = as_role(role, make_user, admin_account)

    details = result_of(
        call(client, reader, "inventory.getRMABatchDetails", {"batch_id": batch["id"]})
    )

    assert details["batch"] == {
        **batch,
        "product_count": 2,
        "updated_at": details["batch"]["updated_at"],
    }
    entries = details["products"]
    assert [entry["product_id"] for entry in entries] == [second.id, first.id]
    assert entries[0]["added_by"] == {"id": adder.id, "full_name": "Mona Manager"}
    assert entries[0]["added_at"] <= entries[1]["added_at"]
    assert len({entry["id"] for entry in entries} | {second.id, first.id}) == 4
    unit = entries[0]["product"]
    single = result_of(call(client, reader, "inventory.getProduct", {"id": second.id}))
    assert {key: value for key, value in unit.items() if key != "product_info"} == single
    assert unit["virtual_warehouse_type"] == "rma_staging"
    assert unit["product_info"] == {
        "name": single["product"]["name"],
        "sku": single["product"]["sku"],
        "type": single["product"]["type"],
    }


def test_an_empty_batch_has_no_units(client: httpx.Client, admin_account: Account) -> None:
    batch = create_batch(client, admin_account)

    details = call(client, admin_account, "inventory.getRMABatchDetails", {"batch_id": batch["id"]})

    assert result_of(details) == {"batch": batch, "products": []}


def test_reading_an_unknown_batch_is_not_found(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = call(client, admin_account, "inventory.getRMABatchDetails", {"batch_id": MISSING_ID})

    assert error_of(answer, *NOT_FOUND)["message"] == "RMA batch not found"


@pytest.mark.parametrize(
    ("params", "field"), [({}, "batch_id"), ({"batch_id": 3}, "batch_id"), ({"id": "x"}, "id")]
)
def test_reading_with_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, params: dict[str, Any], field: str
) -> None:
    answer = call(client, admin_account, "inventory.getRMABatchDetails", params)

    assert [field] in issue_paths(error_of(answer, *INVALID_PARAMS))


# Who may call


@pytest.mark.parametrize("role", ["technician", "reception"])
@pytest.mark.parametrize(("method", "params"), MANAGER_PROCEDURES)
def test_other_roles_are_forbidden_to_build_or_list_batches(
    client: httpx.Client, make_user: MakeUser, role: str, method: str, params: dict[str, Any]
) -> None:
    answer = call(client, make_user(role), method, params)

    error_of(answer, *FORBIDDEN)


@pytest.mark.parametrize(("method", "params"), PROCEDURES)
def test_anonymous_callers_are_unauthorized(
    client: httpx.Client, method: str, params: dict[str, Any]
) -> None:
    answer = rpc_call(client, method, params)

    error_of(answer, *UNAUTHORIZED)
