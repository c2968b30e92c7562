"""What the catalog's end-to-end tests share: callers by role, rows made over HTTP."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.e2e.browser import call
from tests.e2e.conftest import Account, result_of

WRITERS = ["admin", "manager"]
# Signed in, but not allowed to change the catalog.
READERS_ONLY = ["technician", "reception"]


def token() -> str:
    """A word no other test's rows contain: a list searched for it shows this test's."""
    return uuid.uuid4().hex[:10]


def new_brand(client: httpx.Client, user: Account, name: str | None = None) -> dict[str, Any]:
    brand: dict[str, Any] = result_of(
        call(client, user, "catalog.brand.create", {"name": name or f"Brand {token()}"})
    )
    return brand


def new_product(
    client: httpx.Client, user: Account, brand_id: str, **fields: Any
) -> dict[str, Any]:
    params = {"name": f"Model {token()}", "sku": f"SKU-{token()}", "type": "phone"}
    params.update(fields)
    product: dict[str, Any] = result_of(
        call(client, user, "catalog.product.create", {**params, "brand_id": brand_id})
    )
    return product


def new_warehouse(client: httpx.Client, user: Account, **fields: Any) -> dict[str, Any]:
    params = {"name": f"Store {token()}", "code": f"W-{token()}"}
    params.update(fields)
    warehouse: dict[str, Any] = result_of(call(client, user, "catalog.warehouse.create", params))
    return warehouse
