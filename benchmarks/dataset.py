"""The data every server of a database reads: one admin, signed in, with 20 accounts, and
50 service tickets of one customer for one product model of one brand.

Made once per database before any server is measured (``benchmarks/databases.py``),
through Switchyard itself: the admin with ``switchyard create-admin``, the rest with
JSON-RPC calls whose bodies and answers are built and read here, so the benchmark run
(over HTTP) and the tests (in process) make the same data the same way.
"""

from __future__ import annotations

import json
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


def _call(method: str, params: dict[str, Any]) -> str:
    return json.dumps({"jsonrpc": "2.0", "method": method, "params": params, "id": 1})


def require_success(answer: Any) -> None:
    """Raise unless every answer (one, or a batch's) has a result."""
    answers = answer if isinstance(answer, list) else [answer]
    failed = [a for a in answers if not isinstance(a, dict) or "result" not in a]
    if failed:
        raise RuntimeError(f"the benchmark call fails: {failed[0]}")
