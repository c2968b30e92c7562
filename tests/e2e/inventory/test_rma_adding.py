"""``inventory.addProductsToRMA`` over real HTTP: units put in a draft batch move to RMA
staging with a transfer movement; those that cannot go in are reported one by one while
the others are added."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.browser import INVALID_PARAMS, MISSING_ID, NOT_FOUND, PRECONDITION_FAILED, call
from tests.e2e.conftest import Account, LiveServer, MakeUser, error_of, issue_paths, result_of
from tests.e2e.inventory.rma_helpers import (
    add_units,
    create_batch,
    movements,
    put_in_service,
    set_status,
    unit_row,
)
from tests.factories.inventory import make_unit, make_warehouse


def test_added_units_move_to_rma_staging_on_their_shelf_with_a_transfer(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, admin_account: Account
) -> None:
    manager = make_user("manager")
    with server.db() as session:
        warehouse = make_warehouse(session)
        shelved = make_unit(session, physical_warehouse_id=warehouse.id)
        loose = make_unit(session, virtual_warehouse_type="dead_stock")
    batch = create_batch(client, admin_account)

    added = add_units(client, manager, batch["id"], shelved.id, loose.id, shelved.id)

    assert added == {"success": True, "added": 2, "errors": []}
    moved = unit_row(server, shelved.id)
    assert (moved.virtual_warehouse_type, moved.physical_warehouse_id) == (
        "rma_staging",
        warehouse.id,
    )
    assert unit_row(server, loose.id).virtual_warehouse_type == "rma_staging"
    history = movements(server, shelved.id)
    assert [(row.movement_type, row.to_virtual_warehouse_type) for row in history] == [
        ("receipt", "warranty_stock"),
        ("transfer", "rma_staging"),
    ]
    transfer = history[-1]
    assert transfer.from_virtual_warehouse_type == "warranty_stock"
    assert transfer.from_physical_warehouse_id == transfer.to_physical_warehouse_id == warehouse.id
    assert transfer.moved_by_id == manager.id
    assert transfer.notes is not None
    assert batch["id"] in transfer.notes
    assert [row.from_virtual_warehouse_type for row in movements(server, loose.id)][-1] == (
        "dead_stock"
    )


def test_units_that_cannot_go_in_are_reported_and_the_others_added(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        free, again, held, serving, returned = (make_unit(session) for _ in range(5))
    batch = create_batch(client, admin_account)
    other = create_batch(client, admin_account, supplier_name="Other supplier")
    done = create_batch(client, admin_account, supplier_name="Earlier supplier")
    add_units(client, admin_account, batch["id"], again.id)
    add_units(client, admin_account, other["id"], held.id)
    add_units(client, admin_account, done["id"], returned.id)
    set_status(server, done["id"], "completed")
    put_in_service(server, serving.id)
    unknown = "no-such-unit"

    added = add_units(
        client,
        admin_account,
        batch["id"],
        unknown,
        again.id,
        free.id,
        held.id,
        serving.id,
        returned.id,
    )

    # free, and returned: the batch that had it is completed.
    assert added["added"] == 2
    errors = added["errors"]
    assert len(errors) == 4
    assert unknown in errors[0]
    assert "not found" in errors[0]
    assert again.serial_number in errors[1]
    assert "already in this batch" in errors[1]
    assert held.serial_number in errors[2]
    assert other["id"] in errors[2]
    assert serving.serial_number in errors[3]
    assert "in service" in errors[3]
    assert unit_row(server, serving.id).virtual_warehouse_type == "in_service"
    # Its receipt, and its move for the other batch.
    assert len(movements(server, held.id)) == 2
    details = result_of(
        call(client, admin_account, "inventory.getRMABatchDetails", {"batch_id": batch["id"]})
    )
    assert sorted(entry["product_id"] for entry in details["products"]) == sorted(
        [again.id, free.id, returned.id]
    )


@pytest.mark.parametrize("status", ["submitted", "shipped", "completed"])
def test_only_a_draft_takes_units(
    server: LiveServer, client: httpx.Client, admin_account: Account, status: str
) -> None:
    with server.db() as session:
        unit = make_unit(session)
    batch = create_batch(client, admin_account)
    set_status(server, batch["id"], status)

    answer = call(
        client,
        admin_account,
        "inventory.addProductsToRMA",
        {"batch_id": batch["id"], "product_ids": [unit.id]},
    )

    assert status in error_of(answer, *PRECONDITION_FAILED)["message"]
    assert unit_row(server, unit.id).virtual_warehouse_type == "warranty_stock"
    assert len(movements(server, unit.id)) == 1


def test_adding_to_an_unknown_batch_is_not_found(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        unit = make_unit(session)

    answer = call(
        client,
        admin_account,
        "inventory.addProductsToRMA",
        {"batch_id": MISSING_ID, "product_ids": [unit.id]},
    )

    assert error_of(answer, *NOT_FOUND)["message"] == "RMA batch not found"
    assert unit_row(server, unit.id).virtual_warehouse_type == "warranty_stock"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"batch_id": MISSING_ID, "product_ids": []}, "product_ids"),
        ({"batch_id": MISSING_ID, "product_ids": [f"u{n}" for n in range(501)]}, "product_ids"),
        ({"batch_id": MISSING_ID, "product_ids": "abc"}, "product_ids"),
        ({"batch_id": MISSING_ID}, "product_ids"),
        ({"batch_id": 5, "product_ids": ["a"]}, "batch_id"),
        ({"batch_id": "", "product_ids": ["a"]}, "batch_id"),
    ],
)
def test_adding_with_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, params: dict[str, Any], field: str
) -> None:
    answer = call(client, admin_account, "inventory.addProductsToRMA", params)

    assert [field] in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_a_bad_id_in_the_list_is_named_by_its_place(
    client: httpx.Client, admin_account: Account
) -> None:
    params = {"batch_id": MISSING_ID, "product_ids": ["a", 2]}
    answer = call(client, admin_account, "inventory.addProductsToRMA", params)

    assert ["product_ids", 1] in issue_paths(error_of(answer, *INVALID_PARAMS))
