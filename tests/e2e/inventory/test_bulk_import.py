"""``inventory.bulkImport`` over real HTTP: each row on its own merit, the valid ones
registered in one transaction with their receipts, the others reported by row.

The module's server takes bodies of a few MiB: 10,000 rows of createProduct input are
about 1.5 MiB of JSON, past the default limit of 1 MiB.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from sqlmodel import col, func, select

from db.tables.inventory import StockMovementRow
from tests.e2e.browser import (
    CONFLICT,
    INVALID_PARAMS,
    MISSING_ID,
    ROLES,
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
    rpc_call,
)
from tests.e2e.inventory.unit_helpers import (
    new_unit_params,
    units_with_serials,
)
from tests.factories.inventory import make_unit, new_serial

IMPORT = "inventory.bulkImport"
logger = logging.getLogger(__name__)


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=300) as http:
        yield http


def rows_like(template: dict[str, Any], count: int) -> list[dict[str, Any]]:
    return [{**template, "serial_number": new_serial()} for _ in range(count)]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_imports_rows_and_hears_of_each_bad_one(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    caller = as_role(role, make_user, admin_account)
    template = new_unit_params(server, warranty_months=12, purchase_date="2026-01-10")
    with server.db() as session:
        stored_serial = make_unit(session).serial_number
    good = rows_like(template, 3)
    rows = [
        good[0],
        {**good[1], "serial_number": good[1]["serial_number"].lower()},
        {**template, "serial_number": "AB"},  # bad field
        {**good[0], "serial_number": good[0]["serial_number"].lower()},  # repeats row 1
        {**template, "serial_number": stored_serial},  # in the database
        {**good[2], "product_id": MISSING_ID},
        {**template, "serial_number": new_serial(), "physical_warehouse_id": MISSING_ID},
        {**template, "serial_number": new_serial(), "virtual_warehouse_type": "in_service"},
        {**template, "serial_number": new_serial(), "colour": "red", "warranty_months": "1"},
        {"serial_number": 42},
    ]

    result = call(client, caller, IMPORT, {"products": rows})["result"]

    assert (result["total"], result["success_count"], result["error_count"]) == (10, 2, 8)
    assert [(done["row"], done["serial_number"]) for done in result["success"]] == [
        (1, good[0]["serial_number"]),
        (2, good[1]["serial_number"]),
    ]
    errors = {error["row"]: error for error in result["errors"]}
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert errors[3]["serial"] == "AB"
    assert errors[3]["error"].startswith("serial_number: ")
    assert errors[4] == {
        "row": 4,
        "serial": good[0]["serial_number"],
        "error": "serial_number: repeats row 1 of this import",
    }
    assert errors[5]["error"].startswith("serial_number: ")
    assert errors[6]["error"] == "product_id: product model not found"
    assert errors[7]["error"] == "physical_warehouse_id: warehouse not found"
    assert errors[8]["error"].startswith("virtual_warehouse_type: ")
    assert "colour: " in errors[9]["error"]
    assert "warranty_months: " in errors[9]["error"]
    assert errors[10]["serial"] == ""
    imported = call(client, caller, "inventory.getProduct", {"id": result["success"][0]["id"]})
    assert imported["result"]["warranty_end_date"] == "2027-01-10"
    assert imported["result"]["physical_warehouse_id"] == template["physical_warehouse_id"]
    assert units_with_serials(server, [good[2]["serial_number"]]) == []


def test_ten_thousand_rows_with_one_percent_bad_import_exactly_the_good_ones(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    template = new_unit_params(server, warranty_months=24, supplier_name="Ingram Micro")
    with server.db() as session:
        stored = [make_unit(session).serial_number for _ in range(25)]
    rows = rows_like(template, 10_000)
    bad_rows: dict[int, str] = {}  # row number -> what is wrong with it
    for kind in range(4):
        for index in range(25):
            number = 100 * (kind * 25 + index) + 50 + kind  # spread through the call
            row = rows[number - 1]
            if kind == 0:
                row["purchase_price"] = -5
            elif kind == 1:
                row["serial_number"] = rows[number - 40]["serial_number"].lower()
            elif kind == 2:
                row["serial_number"] = stored[index]
            else:
                row["product_id"] = MISSING_ID
            bad_rows[number] = ["purchase_price", "repeats", "exists", "product_id"][kind]

    started = time.perf_counter()
    result = call(client, admin_account, IMPORT, {"products": rows})["result"]
    seconds = time.perf_counter() - started
    # A measurement to read (pytest -o log_cli=true), never a timed assertion.
    logger.info("bulkImport of 10,000 rows (1%% bad) over HTTP: %.2f s", seconds)

    assert (result["total"], result["success_count"], result["error_count"]) == (
        10_000,
        9_900,
        100,
    )
    assert {error["row"] for error in result["errors"]} == set(bad_rows)
    for error in result["errors"]:
        assert bad_rows[error["row"]] in error["error"]
    good = [number for number in range(1, 10_001) if number not in bad_rows]
    assert [done["row"] for done in result["success"]] == good
    serials = [rows[number - 1]["serial_number"] for number in good]
    assert [done["serial_number"] for done in result["success"]] == serials
    ids = [done["id"] for done in result["success"]]
    with server.db() as session:
        receipts = session.exec(
            select(func.count()).where(col(StockMovementRow.product_id).in_(ids))
        ).one()
    assert receipts == 9_900
    assert len(units_with_serials(server, serials)) == 9_900


def test_more_than_ten_thousand_rows_name_products(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = call(client, admin_account, IMPORT, {"products": [{}] * 10_001})

    assert ["products"] in issue_paths(error_of(answer, *INVALID_PARAMS))


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({}, ["products"]),
        ({"products": {"serial_number": "ABCDE"}}, ["products"]),
        ({"products": ["ABCDE"]}, ["products", 0]),
        ({"products": [], "dry_run": True}, ["dry_run"]),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client, admin_account: Account, params: dict[str, Any], path: list[Any]
) -> None:
    answer = call(client, admin_account, IMPORT, params)

    assert path in issue_paths(error_of(answer, *INVALID_PARAMS))


def test_no_rows_import_nothing(client: httpx.Client, admin_account: Account) -> None:
    result = call(client, admin_account, IMPORT, {"products": []})["result"]

    assert result == {"total": 0, "success_count": 0, "error_count": 0, "success": [], "errors": []}


def test_two_imports_racing_for_the_same_serials_register_them_once(
    server: LiveServer, admin_account: Account
) -> None:
    rows = rows_like(new_unit_params(server), 300)

    def run(_: int) -> Any:
        with httpx.Client(base_url=server.url, timeout=120) as own:
            return call(own, admin_account, IMPORT, {"products": rows})

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(run, range(2)))

    # One registers every row; the other either saw them taken (it checked after the
    # first committed) or lost the race at the unique constraint: CONFLICT, never an
    # internal error, and nothing of it kept.
    results = [answer["result"] for answer in answers if "result" in answer]
    assert 300 in [result["success_count"] for result in results], answers
    for answer in answers:
        if "error" in answer:
            error_of(answer, *CONFLICT)
        elif answer["result"]["success_count"] == 0:
            assert answer["result"]["error_count"] == 300
    serials = [row["serial_number"] for row in rows]
    assert len(units_with_serials(server, serials)) == 300


def test_anonymous_callers_are_unauthorized(client: httpx.Client) -> None:
    error_of(rpc_call(client, IMPORT, {"products": []}), *UNAUTHORIZED)
