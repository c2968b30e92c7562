"""The data every server of a database reads: one admin, signed in, with 20 accounts, 50
service tickets of one customer for one product model of one brand, and 100,000
serial-numbered units of five product models of two brands in three warehouses.

Made once per database before any server is measured (``benchmarks/databases.py``),
through Switchyard itself: the admin with ``switchyard create-admin``, the rest with
JSON-RPC calls whose bodies and answers are built and read here, so the benchmark run
(over HTTP) and the tests (in process) make the same data the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, Final

from schemas.tickets.ticket import PRIORITY_LEVELS

ADMIN_EMAIL: Final = "bench@example.com"
ADMIN_PASSWORD: Final = "Bench-Marks-2026"
ACCOUNTS: Final = 20
TICKETS: Final = 50
BRAND_NAME: Final = "Benchmark Brand"
PRODUCT: Final = {"name": "Benchmark Phone", "sku": "BENCH-1", "type": "phone"}
CUSTOMER: Final = {
    "name": "Bench Customer",
    "phone": "+1 555 010 2030",
    "email": "customer@example.com",
}
# The units inventory.listProducts pages through: made by inventory.bulkImport, as many
# rows a call as it takes.
UNITS: Final = 100_000
IMPORT_ROWS: Final = 10_000
UNIT_BRAND_NAMES: Final = ("Benchmark Audio", "Benchmark Mobile")
UNIT_MODELS: Final = 5
WAREHOUSES: Final = 3
# The virtual warehouses a unit is registered in, by weight (one in each group of ten
# rows per weight): four of ten in warranty stock, the listing's filter, so a page of it
# is one of many. The fifth type, in_service, is reached only through
# inventory.assignToTicket: one unit per ticket goes there.
IMPORTED_PLACES: Final = (
    ("warranty_stock", 4),
    ("parts", 3),
    ("rma_staging", 2),
    ("dead_stock", 1),
)
CONDITIONS: Final = ("new", "refurbished", "used", "faulty", "for_parts")


def create_admin_arguments() -> list[str]:
    """``switchyard`` CLI arguments that make the admin."""
    return ["create-admin", "--email", ADMIN_EMAIL, "--password", ADMIN_PASSWORD]


def sign_in_body() -> str:
    return json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "auth.login",
            "params": {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
            "id": 1,
        }
    )


def token_from(answer: Any) -> str:
    """The access token of ``auth.login``'s answer."""
    require_success(answer)
    token: str = answer["result"]["accessToken"]
    return token


def create_accounts_body(count: int = ACCOUNTS) -> str:
    """One batch of ``account.create`` calls, "Account 1" to "Account <count>"."""
    return json.dumps(
        [
            {
                "jsonrpc": "2.0",
                "method": "account.create",
                "params": {"name": f"Account {i}"},
                "id": i,
            }
            for i in range(1, count + 1)
        ]
    )


def create_brand_body() -> str:
    return _call("catalog.brand.create", {"name": BRAND_NAME})


def create_product_body(brand_id: str) -> str:
    """``catalog.product.create`` of the model every ticket repairs."""
    return _call("catalog.product.create", {**PRODUCT, "brand_id": brand_id})


def created_id(answer: Any) -> str:
    """The id of what a ``create`` answered (a brand, a product model)."""
    require_success(answer)
    created: str = answer["result"]["id"]
    return created


def create_tickets_body(product_id: str, count: int = TICKETS) -> str:
    """One batch of ``tickets.createTicket`` calls for ``product_id``.

    The first makes the customer, the others find it by its phone, as intake does. The
    fees differ from ticket to ticket, with and without cents, so that the answers
    carry money of both forms (5 and 5.25 on the wire) and no two rows are alike.
    """
    return json.dumps(
        [
            {
                "jsonrpc": "2.0",
                "method": "tickets.createTicket",
                "params": {
                    "customer_data": CUSTOMER,
                    "product_id": product_id,
                    "description": f"Ticket {i}: the screen is cracked",
                    "priority_level": PRIORITY_LEVELS[i % len(PRIORITY_LEVELS)],
                    "service_fee": 40 + i * 0.25,
                    "diagnosis_fee": 10,
                    "discount_amount": i % 3,
                },
                "id": i,
            }
            for i in range(1, count + 1)
        ]
    )


def create_warehouses_body(count: int = WAREHOUSES) -> str:
    """One batch of ``catalog.warehouse.create`` calls (the first without a location)."""
    return json.dumps(
        [
            {
                "jsonrpc": "2.0",
                "method": "catalog.warehouse.create",
                "params": {
                    "name": f"Bench Warehouse {i}",
                    "code": f"BW-{i}",
                    **({"location": f"Aisle {i}"} if i > 1 else {}),
                },
                "id": i,
            }
            for i in range(1, count + 1)
        ]
    )


def create_unit_brands_body() -> str:
    return json.dumps(
        [
            {"jsonrpc": "2.0", "method": "catalog.brand.create", "params": {"name": name},
             "id": i}
            for i, name in enumerate(UNIT_BRAND_NAMES, start=1)
        ]
    )  # fmt: skip


def create_unit_models_body(brand_ids: Sequence[str], count: int = UNIT_MODELS) -> str:
    """One batch of ``catalog.product.create`` calls, the models spread over the brands."""
    return json.dumps(
        [
            {
                "jsonrpc": "2.0",
                "method": "catalog.product.create",
                "params": {
                    "name": f"Bench Model {i}",
                    "sku": f"BENCH-UNIT-{i}",
                    "type": ("phone", "tablet", "headphones")[i % 3],
                    "brand_id": brand_ids[i % len(brand_ids)],
                },
                "id": i,
            }
            for i in range(1, count + 1)
        ]
    )


def created_ids(answer: Any) -> list[str]:
    """The ids a batch of ``create`` calls answered, in the order of the calls."""
    require_success(answer)
    return [created["result"]["id"] for created in sorted(answer, key=lambda a: a["id"])]


def imported_place(number: int) -> str:
    """The virtual warehouse unit ``number`` is imported into (IMPORTED_PLACES)."""
    slot = number % sum(weight for _, weight in IMPORTED_PLACES)
    for place, weight in IMPORTED_PLACES:
        if slot < weight:
            return place
        slot -= weight
    raise AssertionError("the weights cover every slot")


def unit_serial(number: int) -> str:
    return f"BENCH-SN-{number:06d}"


def unit_row(number: int, model_ids: Sequence[str], warehouse_ids: Sequence[str]) -> dict[str, Any]:
    """One bulkImport row: every field varies with ``number``, so the page holds units of
    every model and warehouse (one in four in none), every warranty status (expired,
    expiring soon, active and none, against any today) and both forms of money."""
    # Shifted by one every ten rows, so that the models and conditions (five of each)
    # come round in every virtual warehouse, not each in the same slots of ten.
    shifted = number + number // 10
    row: dict[str, Any] = {
        "serial_number": unit_serial(number),
        "product_id": model_ids[shifted % len(model_ids)],
        "virtual_warehouse_type": imported_place(number),
        "condition": CONDITIONS[shifted % len(CONDITIONS)],
    }
    if number % 4:
        row["physical_warehouse_id"] = warehouse_ids[number % len(warehouse_ids)]
    if number % 6:
        # Started 2020-01-01 to 2027-12-28: ended long ago, ending about now, or ahead.
        row["warranty_start_date"] = (
            f"{2020 + number % 8}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        )
        row["warranty_months"] = (12, 24, 36)[number % 3]
        row["purchase_date"] = row["warranty_start_date"]
    if number % 5:
        row["purchase_price"] = 100 + number % 900 + (0.5 if number % 2 else 0)
        row["supplier_name"] = f"Supplier {number % 7}"
    if number % 10 == 0:
        row["notes"] = f"Unit {number}: box opened"
        row["photo_urls"] = [f"https://photos.example.com/{number}.jpg"]
    return row


def bulk_import_bodies(
    model_ids: Sequence[str],
    warehouse_ids: Sequence[str],
    units: int = UNITS,
    rows_per_call: int = IMPORT_ROWS,
) -> Iterator[str]:
    """``inventory.bulkImport`` calls of ``rows_per_call`` rows, units 1 to ``units``."""
    for first in range(1, units + 1, rows_per_call):
        rows = [unit_row(number, model_ids, warehouse_ids)
                for number in range(first, min(first + rows_per_call, units + 1))]  # fmt: skip
        yield _call("inventory.bulkImport", {"products": rows})


def require_imported(answer: Any) -> None:
    """Raise unless a bulkImport imported every row it was sent."""
    require_success(answer)
    if answer["result"]["error_count"]:
        raise RuntimeError(f"the benchmark's import fails: {answer['result']['errors'][:3]}")


def created_ticket_ids(answer: Any) -> list[str]:
    """The ids of the tickets a batch of ``tickets.createTicket`` calls made, in order."""
    require_success(answer)
    return [made["result"]["ticket"]["id"] for made in sorted(answer, key=lambda a: a["id"])]


def assign_units_body(ticket_ids: Sequence[str]) -> str:
    """One batch of ``inventory.assignToTicket`` calls: the parts unit 5, 15, 25 ... each
    to a ticket of its own, so that units stand in all five virtual warehouses."""
    return json.dumps(
        [
            {
                "jsonrpc": "2.0",
                "method": "inventory.assignToTicket",
                "params": {"serial_number": unit_serial(5 + 10 * i), "ticket_id": ticket_id},
                "id": i + 1,
            }
            for i, ticket_id in enumerate(ticket_ids)
        ]
    )


def _call(method: str, params: dict[str, Any]) -> str:
    return json.dumps({"jsonrpc": "2.0", "method": method, "params": params, "id": 1})


def require_success(answer: Any) -> None:
    """Raise unless every answer (one, or a batch's) has a result."""
    answers = answer if isinstance(answer, list) else [answer]
    failed = [a for a in answers if not isinstance(a, dict) or "result" not in a]
    if failed:
        raise RuntimeError(f"the benchmark call fails: {failed[0]}")
