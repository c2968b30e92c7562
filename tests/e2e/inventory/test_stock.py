"""``inventory.getStockLevels``, ``setThreshold``, ``getLowStockAlerts`` and
``exportStockReport`` over real HTTP: levels counted from the units, thresholds set by
every role, alerts critical first, and a CSV that Python's csv reader reads back with
the values getStockLevels answers, hostile names included.

The server and its database live for the module: each test makes models named with a
tag of its own and reads them back by that tag.
"""

from __future__ import annotations

import csv
import io
import threading
import uuid
from typing import Any

import httpx
import pytest

from db.tables.catalog import ProductModelRow
from tests.e2e.browser import (
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
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
    result_of,
    rpc_call,
)
from tests.e2e.tickets.lifecycle_helpers import utc_today_for_a_while
from tests.factories.inventory import make_unit
from tests.factories.workflow import make_product_model

LEVEL_KEYS = {
    "product_id",
    "product_name",
    "sku",
    "product_type",
    "virtual_warehouse_type",
    "current_stock",
    "threshold",
    "reorder_quantity",
    "status",
    "alert_enabled",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A field the bad-input case leaves out of an otherwise valid call.
LEFT_OUT: Any = object()


def new_tag() -> str:
    return f"T{uuid.uuid4().hex[:10]}"


def stocked_model(
    server: LiveServer, name: str, units: dict[str, int] | None = None
) -> ProductModelRow:
    """A new product model with ``units`` (virtual warehouse -> how many)."""
    with server.db() as session:
        model = make_product_model(session, name=name)
        session.refresh(model)
        session.expunge(model)
        for place, count in (units or {}).items():
            for _ in range(count):
                make_unit(session, product_id=model.id, virtual_warehouse_type=place)
    return model


def set_threshold(
    client: httpx.Client, user: Account, product_id: str, place: str, minimum: int, **more: Any
) -> Any:
    params = {"product_id": product_id, "warehouse_type": place, "minimum_quantity": minimum}
    return call(client, user, "inventory.setThreshold", params | more)


def levels_of(client: httpx.Client, user: Account, **params: Any) -> Any:
    return result_of(call(client, user, "inventory.getStockLevels", params))


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_levels_and_sets_thresholds(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    role: str,
) -> None:
    tag = new_tag()
    model = stocked_model(server, f"Phone {tag}", {"warranty_stock": 3, "parts": 1})
    user = as_role(role, make_user, admin_account)

    assert result_of(set_threshold(client, user, model.id, "warranty_stock", 2)) == {
        "success": True
    }
    page = levels_of(client, user, search=tag)

    assert page["total"] == 2
    assert page["stockLevels"] == [
        {
            "product_id": model.id,
            "product_name": f"Phone {tag}",
            "sku": model.sku,
            "product_type": "phone",
            "virtual_warehouse_type": "parts",
            "current_stock": 1,
            "threshold": 0,
            "reorder_quantity": 0,
            "status": "ok",
            "alert_enabled": False,
        },
        {
            "product_id": model.id,
            "product_name": f"Phone {tag}",
            "sku": model.sku,
            "product_type": "phone",
            "virtual_warehouse_type": "warranty_stock",
            "current_stock": 3,
            "threshold": 2,
            "reorder_quantity": 4,  # minimum x 2
            "status": "warning",
            "alert_enabled": True,
        },
    ]


def test_a_threshold_where_no_unit_is_a_level_of_zero_and_set_again_changes(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    tag = new_tag()
    model = stocked_model(server, f"Empty {tag}")
    set_threshold(client, admin_account, model.id, "rma_staging", 4)

    first = levels_of(client, admin_account, search=tag)["stockLevels"]
    set_threshold(
        client,
        admin_account,
        model.id,
        "rma_staging",
        0,
        reorder_quantity=7,
        alert_enabled=False,
    )
    second = levels_of(client, admin_account, search=tag)["stockLevels"]

    assert [(row["current_stock"], row["threshold"], row["status"]) for row in first] == [
        (0, 4, "critical")
    ]
    assert [
        (row["threshold"], row["reorder_quantity"], row["alert_enabled"], row["status"])
        for row in second
    ] == [(0, 7, False, "critical")]


def test_the_filters_and_the_page(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    tag = new_tag()
    models = [
        stocked_model(server, f"{tag} {index}", {"parts": index, "dead_stock": 1})
        for index in (1, 2, 3)
    ]
    for model in models:
        set_threshold(client, admin_account, model.id, "parts", 2)

    parts = levels_of(client, admin_account, search=tag.lower(), warehouse_type="parts")
    critical = levels_of(client, admin_account, search=tag, status="critical")
    second_page = levels_of(client, admin_account, search=tag, limit=2, offset=2)

    assert [(row["product_name"], row["status"]) for row in parts["stockLevels"]] == [
        (f"{tag} 1", "critical"),
        (f"{tag} 2", "critical"),
        (f"{tag} 3", "warning"),
    ]
    assert [row["product_name"] for row in critical["stockLevels"]] == [f"{tag} 1", f"{tag} 2"]
    assert critical["total"] == 2
    assert [
        (row["product_name"], row["virtual_warehouse_type"]) for row in second_page["stockLevels"]
    ] == [(f"{tag} 2", "dead_stock"), (f"{tag} 2", "parts")]
    assert second_page["total"] == 6


def test_the_alerts_are_the_alerting_levels_critical_first(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, admin_account: Account
) -> None:
    tag = new_tag()
    warning = stocked_model(server, f"A {tag}", {"parts": 3})
    critical = stocked_model(server, f"B {tag}", {"parts": 1})
    silent = stocked_model(server, f"C {tag}", {"parts": 1})
    fine = stocked_model(server, f"D {tag}", {"parts": 9})
    for model, minimum in ((warning, 2), (critical, 1), (silent, 5), (fine, 2)):
        set_threshold(client, admin_account, model.id, "parts", minimum)
    set_threshold(client, admin_account, silent.id, "parts", 5, alert_enabled=False)
    before = result_of(call(client, admin_account, "inventory.getLowStockAlerts"))

    reader = make_user("reception")
    answer = result_of(call(client, reader, "inventory.getLowStockAlerts"))

    mine = [row for row in answer["alerts"] if row["product_name"].endswith(tag)]
    assert [(row["product_name"], row["status"]) for row in mine] == [
        (f"B {tag}", "critical"),
        (f"A {tag}", "warning"),
    ]
    assert all(set(row) == LEVEL_KEYS for row in answer["alerts"])
    statuses = [row["status"] for row in answer["alerts"]]
    assert statuses == sorted(statuses, key=lambda status: status != "critical")
    assert (answer["criticalCount"], answer["warningCount"]) == (
        statuses.count("critical"),
        statuses.count("warning"),
    )
    assert answer == before  # a query: reading it changed nothing


HOSTILE_NAMES = [
    'Comma, "quoted" {tag}',
    "Line\nbreak\r\nand CR {tag}",
    '=HYPERLINK("http://x","y") {tag}',
    "+SUM(1,2) {tag}",
    "-2+3 {tag}",
    "@cmd {tag}",
    "'=already quoted {tag}",
]


def neutralised(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def test_the_report_reads_back_as_the_levels_with_hostile_names(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, admin_account: Account
) -> None:
    tag = new_tag()
    for index, name in enumerate(HOSTILE_NAMES):
        model = stocked_model(server, name.format(tag=tag), {"parts": index % 3})
        set_threshold(client, admin_account, model.id, "parts", index % 4)
    today = utc_today_for_a_while()

    report = result_of(
        call(
            client,
            make_user("technician"),
            "inventory.exportStockReport",
            {"warehouse_type": "parts"},
        )
    )
    levels = levels_of(client, admin_account, warehouse_type="parts", limit=100)

    rows = list(csv.reader(io.StringIO(report["csv"], newline="")))
    assert rows[0] == [
        "product_id",
        "product_name",
        "sku",
        "product_type",
        "virtual_warehouse_type",
        "current_stock",
        "threshold",
        "reorder_quantity",
        "status",
        "alert_enabled",
    ]
    expected = [
        [
            neutralised(
                str(level[key]).lower() if isinstance(level[key], bool) else str(level[key])
            )
            for key in rows[0]
        ]
        for level in levels["stockLevels"]
    ]
    assert levels["total"] == len(expected)  # every level is on the one page read
    assert rows[1:] == expected
    mine = [row for row in rows[1:] if row[1].endswith(tag)]
    assert sorted(row[1] for row in mine) == sorted(
        neutralised(name.format(tag=tag)) for name in HOSTILE_NAMES
    )
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
    assert report["filename"] == f"stock-report-{today.isoformat()}.csv"


def test_the_report_filters_by_status(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    tag = new_tag()
    model = stocked_model(server, f"Report {tag}", {"dead_stock": 1})
    set_threshold(client, admin_account, model.id, "dead_stock", 3)

    critical = result_of(
        call(client, admin_account, "inventory.exportStockReport", {"status": "critical"})
    )
    ok = result_of(call(client, admin_account, "inventory.exportStockReport", {"status": "ok"}))

    assert {row[8] for row in csv.reader(io.StringIO(critical["csv"], newline=""))} == {
        "status",
        "critical",
    }
    assert f"Report {tag}" in critical["csv"]
    assert f"Report {tag}" not in ok["csv"]


def test_a_threshold_of_an_unknown_model_is_not_found(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    unit = make_unit_somewhere(server)

    for product_id in (MISSING_ID, unit):  # a unit's id is no product model's
        answer = set_threshold(client, admin_account, product_id, "parts", 1)
        assert error_of(answer, *NOT_FOUND)["message"] == "Product model not found"


def make_unit_somewhere(server: LiveServer) -> str:
    with server.db() as session:
        return make_unit(session).id


def test_concurrent_setters_of_one_threshold_all_succeed_and_one_stays(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    threads_count, rounds = 6, 4
    failures: list[Any] = []
    lock = threading.Lock()
    for _ in range(rounds):
        tag = new_tag()
        model = stocked_model(server, f"Race {tag}")
        start = threading.Barrier(threads_count)

        def setter(minimum: int, product_id: str = model.id, barrier: Any = start) -> None:
            with httpx.Client(base_url=server.url, timeout=60) as own:
                barrier.wait()
                answer = set_threshold(own, admin_account, product_id, "parts", minimum)
                if answer.get("result") != {"success": True}:
                    with lock:
                        failures.append(answer)

        threads = [threading.Thread(target=setter, args=(n,)) for n in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        [level] = levels_of(client, admin_account, search=tag)["stockLevels"]
        assert level["threshold"] in range(threads_count)
        assert level["reorder_quantity"] == 2 * level["threshold"]
    assert failures == []


@pytest.mark.parametrize(
    ("method", "params", "field"),
    [
        ("inventory.getStockLevels", {"limit": 0}, "limit"),
        ("inventory.getStockLevels", {"limit": 101}, "limit"),
        ("inventory.getStockLevels", {"limit": "5"}, "limit"),
        ("inventory.getStockLevels", {"offset": -1}, "offset"),
        ("inventory.getStockLevels", {"status": "low"}, "status"),
        ("inventory.getStockLevels", {"warehouse_type": "shelf"}, "warehouse_type"),
        ("inventory.getStockLevels", {"search": ""}, "search"),
        ("inventory.getStockLevels", {"search": "a\nb"}, "search"),
        ("inventory.getStockLevels", {"sort": "name"}, "sort"),
        ("inventory.setThreshold", {"product_id": LEFT_OUT}, "product_id"),
        ("inventory.setThreshold", {"warehouse_type": LEFT_OUT}, "warehouse_type"),
        ("inventory.setThreshold", {"minimum_quantity": LEFT_OUT}, "minimum_quantity"),
        ("inventory.setThreshold", {"minimum_quantity": -1}, "minimum_quantity"),
        ("inventory.setThreshold", {"minimum_quantity": "2"}, "minimum_quantity"),
        ("inventory.setThreshold", {"minimum_quantity": 1.5}, "minimum_quantity"),
        ("inventory.setThreshold", {"minimum_quantity": 1_000_001}, "minimum_quantity"),
        ("inventory.setThreshold", {"reorder_quantity": -1}, "reorder_quantity"),
        ("inventory.setThreshold", {"alert_enabled": "yes"}, "alert_enabled"),
        ("inventory.setThreshold", {"product_id": 7}, "product_id"),
        ("inventory.setThreshold", {"warehouse_type": "in service"}, "warehouse_type"),
        ("inventory.exportStockReport", {"status": "bad"}, "status"),
        ("inventory.exportStockReport", {"search": "x"}, "search"),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client,
    admin_account: Account,
    method: str,
    params: dict[str, Any],
    field: str,
) -> None:
    if method == "inventory.setThreshold":
        # A valid call but for the field under test.
        valid = {"product_id": MISSING_ID, "warehouse_type": "parts", "minimum_quantity": 1}
        params = {key: value for key, value in (valid | params).items() if value is not LEFT_OUT}
    answer = call(client, admin_account, method, params)

    assert [field] in issue_paths(error_of(answer, *INVALID_PARAMS))


@pytest.mark.parametrize(
    "method",
    [
        "inventory.getStockLevels",
        "inventory.setThreshold",
        "inventory.getLowStockAlerts",
        "inventory.exportStockReport",
    ],
)
def test_anonymous_callers_are_unauthorized(client: httpx.Client, method: str) -> None:
    error_of(rpc_call(client, method, {}), *UNAUTHORIZED)
