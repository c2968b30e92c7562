"""``catalog.part.*`` over real HTTP: answers, filters, the ledger, roles and refusals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from db.tables.catalog import PartRow
from tests.e2e.browser import (
    CONFLICT,
    FORBIDDEN,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    PRECONDITION_FAILED,
    UNAUTHORIZED,
    call,
)
from tests.e2e.catalog.parts import (
    add_ticket_entries,
    create_part,
    ledger,
    ledger_sum,
    make_product,
    unique_sku,
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
from tests.factories.tickets import make_ticket, ticket_part

PART_KEYS = {
    "id",
    "name",
    "sku",
    "unit_price",
    "stock_quantity",
    "minimum_stock",
    "is_low_stock",
    "products",
    "created_at",
    "updated_at",
}
PROCEDURES = ["list", "get", "create", "update", "delete", "adjustStock"]
WRITES = ["create", "update", "delete", "adjustStock"]
# Params valid for each procedure (the part and models need not exist: refusals of the
# caller come before any lookup).
VALID_PARAMS: dict[str, dict[str, Any]] = {
    "list": {},
    "get": {"id": MISSING_ID},
    "create": {"name": "Screen", "sku": "SKU-ROLE", "unit_price": 1},
    "update": {"id": MISSING_ID, "name": "Screen"},
    "delete": {"id": MISSING_ID},
    "adjustStock": {"part_id": MISSING_ID, "delta": 1, "reason": "Delivery"},
}


def test_create_answers_the_part_and_get_and_list_agree(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    phone, tablet = make_product(server, "Phone X"), make_product(server, "Alpha Tab")
    sku = unique_sku()
    params = {
        "name": "Screen assembly",
        "sku": sku,
        "unit_price": 129.9,
        "stock_quantity": 12,
        "minimum_stock": 3,
        "product_ids": [phone["id"], tablet["id"]],
    }

    created = result_of(call(client, admin_account, "catalog.part.create", params))

    assert set(created) == PART_KEYS
    assert (created["name"], created["sku"], created["unit_price"]) == (
        "Screen assembly",
        sku,
        129.9,
    )
    assert (created["stock_quantity"], created["minimum_stock"], created["is_low_stock"]) == (
        12,
        3,
        False,
    )
    # The models a part fits come by name.
    assert created["products"] == [tablet, phone]
    assert created["created_at"] == created["updated_at"]
    got = result_of(call(client, admin_account, "catalog.part.get", {"id": created["id"]}))
    assert got == created
    listed = result_of(call(client, admin_account, "catalog.part.list", {"search": sku}))
    assert listed == {"parts": [created], "total": 1}


def test_initial_stock_is_the_ledgers_first_entry(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    stocked = create_part(client, admin_account, stock_quantity=7)
    empty = create_part(client, admin_account)

    [entry] = ledger(server, stocked["id"])
    assert (entry.delta, entry.stock_after, entry.reason) == (7, 7, "Initial stock")
    assert (entry.actor_id, entry.ticket_id) == (admin_account.id, None)
    assert ledger(server, empty["id"]) == []


def test_money_is_stored_and_answered_exactly(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    created = create_part(client, admin_account, unit_price=0.1)
    response = client.post(
        "/rpc",
        json={
            "jsonrpc": "2.0",
            "id": 1,
            "method": "catalog.part.get",
            "params": {"id": created["id"]},
        },
        headers={"Authorization": f"Bearer {admin_account.token}"},
    )

    assert '"unit_price":0.1,' in response.text.replace(" ", "")
    with server.db() as session:
        row = session.get(PartRow, created["id"])
        assert row is not None
        assert row.unit_price == Decimal("0.10")
    whole = create_part(client, admin_account, unit_price=5)
    assert whole["unit_price"] == 5
    assert isinstance(whole["unit_price"], int)


def test_every_role_reads_only_managers_write(
    client: httpx.Client, admin_account: Account, make_user: MakeUser
) -> None:
    part = create_part(client, admin_account)
    manager = make_user("manager")
    for role in ("technician", "reception"):
        reader = make_user(role)
        assert result_of(call(client, reader, "catalog.part.get", {"id": part["id"]})) == part
        assert result_of(call(client, reader, "catalog.part.list", {"limit": 1}))["total"] >= 1

    changed = result_of(
        call(
            client,
            manager,
            "catalog.part.adjustStock",
            {"part_id": part["id"], "delta": 2, "reason": "Delivery"},
        )
    )

    assert changed["stock_quantity"] == 2


@pytest.mark.parametrize("procedure", WRITES)
@pytest.mark.parametrize("role", ["technician", "reception"])
def test_writes_are_forbidden_to_other_roles(
    client: httpx.Client, make_user: MakeUser, procedure: str, role: str
) -> None:
    answer = call(client, make_user(role), f"catalog.part.{procedure}", VALID_PARAMS[procedure])

    error_of(answer, *FORBIDDEN)


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_anonymous_callers_are_unauthorized(client: httpx.Client, procedure: str) -> None:
    answer = rpc_call(client, f"catalog.part.{procedure}", VALID_PARAMS[procedure])

    error_of(answer, *UNAUTHORIZED)


def test_list_filters_by_model_search_and_low_stock(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    model = make_product(server)
    tag = unique_sku("TAG")
    low = create_part(
        client,
        admin_account,
        f"{tag} low 100%",
        stock_quantity=2,
        minimum_stock=2,
        product_ids=[model["id"]],
    )
    high = create_part(
        client,
        admin_account,
        f"{tag} high",
        stock_quantity=9,
        minimum_stock=2,
        product_ids=[model["id"]],
    )
    other = create_part(client, admin_account, f"{tag} other", stock_quantity=0)

    def ids(**params: Any) -> list[str]:
        page = result_of(call(client, admin_account, "catalog.part.list", params))
        assert page["total"] == len(page["parts"])
        return [part["id"] for part in page["parts"]]

    assert ids(search=tag) == [high["id"], low["id"], other["id"]]
    assert ids(product_id=model["id"]) == [high["id"], low["id"]]
    assert ids(search=tag, low_stock=True) == [low["id"], other["id"]]
    assert ids(search=tag, low_stock=False) == [high["id"]]
    assert ids(product_id=model["id"], low_stock=True) == [low["id"]]
    # % is a character to find, not a wildcard.
    assert ids(search=f"{tag} low 100%") == [low["id"]]
    assert ids(search=f"{tag}%high") == []
    assert ids(search=high["sku"].lower()) == [high["id"]]
    assert ids(product_id=MISSING_ID) == []
    assert low["is_low_stock"] is True
    assert other["is_low_stock"] is True


def test_list_pages_with_a_total(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    model = make_product(server)
    tag = unique_sku("PAGE")
    made = [
        create_part(client, admin_account, f"{tag} {n}", product_ids=[model["id"]])
        for n in range(5)
    ]

    page = result_of(
        call(client, admin_account, "catalog.part.list", {"search": tag, "limit": 2, "offset": 3})
    )

    assert page["total"] == 5
    assert [part["id"] for part in page["parts"]] == [made[3]["id"], made[4]["id"]]
    assert all(part["products"] == [model] for part in page["parts"])
    beyond = result_of(
        call(client, admin_account, "catalog.part.list", {"search": tag, "offset": 5})
    )
    assert beyond == {"parts": [], "total": 5}


def test_get_of_a_missing_part_is_not_found(client: httpx.Client, admin_account: Account) -> None:
    error_of(call(client, admin_account, "catalog.part.get", {"id": MISSING_ID}), *NOT_FOUND)


def test_create_refuses_a_taken_sku_and_missing_models(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    first = create_part(client, admin_account)
    model = make_product(server)
    params = {"name": "Other", "sku": first["sku"], "unit_price": 1}

    error_of(call(client, admin_account, "catalog.part.create", params), *CONFLICT)
    missing = call(
        client,
        admin_account,
        "catalog.part.create",
        {**params, "sku": unique_sku(), "product_ids": [model["id"], MISSING_ID]},
    )
    assert MISSING_ID in error_of(missing, *NOT_FOUND)["message"]


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"name": ""}, ["name"]),
        ({"name": "x" * 256}, ["name"]),
        ({"name": "a\nb"}, ["name"]),
        ({"sku": "x" * 65}, ["sku"]),
        ({"unit_price": "19.99"}, ["unit_price"]),
        ({"unit_price": 19.999}, ["unit_price"]),
        ({"unit_price": -1}, ["unit_price"]),
        ({"unit_price": True}, ["unit_price"]),
        ({"stock_quantity": -1}, ["stock_quantity"]),
        ({"stock_quantity": 2.0}, ["stock_quantity"]),
        ({"minimum_stock": "3"}, ["minimum_stock"]),
        ({"product_ids": [MISSING_ID, MISSING_ID]}, ["product_ids"]),
        ({"product_ids": MISSING_ID}, ["product_ids"]),
        ({"is_low_stock": True}, ["is_low_stock"]),
    ],
)
def test_create_names_the_bad_field(
    client: httpx.Client, admin_account: Account, params: dict[str, Any], path: list[str]
) -> None:
    base = {"name": "Screen", "sku": unique_sku(), "unit_price": 1}

    answer = call(client, admin_account, "catalog.part.create", {**base, **params})

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


@pytest.mark.parametrize(
    ("procedure", "params", "path"),
    [
        ("list", {"limit": 0}, ["limit"]),
        ("list", {"limit": 101}, ["limit"]),
        ("list", {"offset": -1}, ["offset"]),
        ("list", {"low_stock": "true"}, ["low_stock"]),
        ("list", {"product_id": ""}, ["product_id"]),
        ("get", {}, ["id"]),
        ("update", {"id": MISSING_ID, "stock_quantity": 3}, ["stock_quantity"]),
        ("update", {"id": MISSING_ID, "name": None}, ["name"]),
        ("update", {"id": MISSING_ID, "unit_price": 1.005}, ["unit_price"]),
        ("delete", {"id": 5}, ["id"]),
        ("adjustStock", {"part_id": MISSING_ID, "delta": 0, "reason": "Count"}, ["delta"]),
        ("adjustStock", {"part_id": MISSING_ID, "delta": 1.0, "reason": "Count"}, ["delta"]),
        ("adjustStock", {"part_id": MISSING_ID, "delta": 1_000_001, "reason": "Count"}, ["delta"]),
        ("adjustStock", {"part_id": MISSING_ID, "delta": 1, "reason": "ab"}, ["reason"]),
        ("adjustStock", {"part_id": MISSING_ID, "delta": 1, "reason": "x" * 501}, ["reason"]),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client,
    admin_account: Account,
    procedure: str,
    params: dict[str, Any],
    path: list[str],
) -> None:
    answer = call(client, admin_account, f"catalog.part.{procedure}", params)

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_update_changes_what_is_given_and_replaces_the_models(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    old, new = make_product(server, "Old"), make_product(server, "New")
    part = create_part(
        client, admin_account, stock_quantity=4, minimum_stock=1, product_ids=[old["id"]]
    )
    sku = unique_sku()

    updated = result_of(
        call(
            client,
            admin_account,
            "catalog.part.update",
            {
                "id": part["id"],
                "sku": sku,
                "unit_price": 7.5,
                "minimum_stock": 4,
                "product_ids": [new["id"]],
            },
        )
    )

    assert (updated["name"], updated["sku"], updated["unit_price"]) == (part["name"], sku, 7.5)
    assert (updated["stock_quantity"], updated["minimum_stock"], updated["is_low_stock"]) == (
        4,
        4,
        True,
    )
    assert updated["products"] == [new]
    assert updated["updated_at"] >= part["updated_at"]
    assert result_of(call(client, admin_account, "catalog.part.get", {"id": part["id"]})) == updated
    cleared = result_of(
        call(client, admin_account, "catalog.part.update", {"id": part["id"], "product_ids": []})
    )
    assert cleared["products"] == []


def test_update_refuses_a_taken_sku_missing_models_and_parts(
    client: httpx.Client, admin_account: Account
) -> None:
    first, second = create_part(client, admin_account), create_part(client, admin_account)

    error_of(
        call(
            client, admin_account, "catalog.part.update", {"id": second["id"], "sku": first["sku"]}
        ),
        *CONFLICT,
    )
    error_of(
        call(
            client,
            admin_account,
            "catalog.part.update",
            {"id": second["id"], "product_ids": [MISSING_ID]},
        ),
        *NOT_FOUND,
    )
    error_of(
        call(client, admin_account, "catalog.part.update", {"id": MISSING_ID, "name": "X"}),
        *NOT_FOUND,
    )
    # Its own SKU is no conflict.
    same = call(
        client, admin_account, "catalog.part.update", {"id": first["id"], "sku": first["sku"]}
    )
    assert result_of(same)["sku"] == first["sku"]


def test_delete_takes_the_fits_and_the_ledger_with_it(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    model = make_product(server)
    part = create_part(client, admin_account, stock_quantity=3, product_ids=[model["id"]])

    deleted = result_of(call(client, admin_account, "catalog.part.delete", {"id": part["id"]}))

    assert deleted == {"success": True}
    assert ledger(server, part["id"]) == []
    error_of(call(client, admin_account, "catalog.part.get", {"id": part["id"]}), *NOT_FOUND)
    error_of(call(client, admin_account, "catalog.part.delete", {"id": part["id"]}), *NOT_FOUND)
    # The model stays, fitting one part less.
    other = create_part(client, admin_account, product_ids=[model["id"]])
    assert other["products"] == [model]


def test_delete_is_refused_while_a_ticket_moved_its_stock(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    part = create_part(client, admin_account, stock_quantity=3)
    add_ticket_entries(server, part["id"], 3)

    error_of(call(client, admin_account, "catalog.part.delete", {"id": part["id"]}), *CONFLICT)

    assert (
        result_of(call(client, admin_account, "catalog.part.get", {"id": part["id"]}))[
            "stock_quantity"
        ]
        == 3
    )


def test_delete_is_refused_while_a_ticket_lists_the_part(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    part = create_part(client, admin_account, stock_quantity=3)
    with server.db() as session:
        ticket = make_ticket(session)
        session.add(ticket_part(ticket.id, part["id"]))
        session.commit()

    answer = call(client, admin_account, "catalog.part.delete", {"id": part["id"]})

    assert "ticket" in error_of(answer, *CONFLICT)["message"]
    result_of(call(client, admin_account, "catalog.part.get", {"id": part["id"]}))


def test_adjust_stock_writes_the_ledger(
    server: LiveServer, client: httpx.Client, admin_account: Account, make_user: MakeUser
) -> None:
    manager = make_user("manager")
    part = create_part(client, admin_account, stock_quantity=5, minimum_stock=3)

    taken = result_of(
        call(
            client,
            manager,
            "catalog.part.adjustStock",
            {"part_id": part["id"], "delta": -2, "reason": "Broken in transit"},
        )
    )

    assert (taken["stock_quantity"], taken["is_low_stock"]) == (3, True)
    entries = ledger(server, part["id"])
    assert [(e.delta, e.stock_after, e.reason) for e in entries] == [
        (-2, 3, "Broken in transit"),
        (5, 5, "Initial stock"),
    ]
    assert entries[0].actor_id == manager.id
    assert ledger_sum(server, part["id"]) == 3


def test_adjust_stock_below_zero_is_refused_and_changes_nothing(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    part = create_part(client, admin_account, stock_quantity=2)

    answer = call(
        client,
        admin_account,
        "catalog.part.adjustStock",
        {"part_id": part["id"], "delta": -3, "reason": "Stocktake"},
    )

    message = error_of(answer, *PRECONDITION_FAILED)["message"]
    assert part["name"] in message
    assert "2" in message
    assert result_of(call(client, admin_account, "catalog.part.get", {"id": part["id"]})) == part
    assert ledger_sum(server, part["id"]) == 2


def test_adjust_stock_of_a_missing_part_is_not_found(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = call(
        client,
        admin_account,
        "catalog.part.adjustStock",
        {"part_id": MISSING_ID, "delta": 1, "reason": "Count"},
    )

    error_of(answer, *NOT_FOUND)
