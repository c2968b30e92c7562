"""Sample ids and rows of the catalog's published examples, named once for all of them."""

from __future__ import annotations

from typing import Any

from routers.samples import CREATED_AT, UPDATED_AT

BRAND_ID = "0b7e3c52-6a1d-4f8e-9c27-5d4a1e8b3f60"
PRODUCT_ID = "5e2d8a14-3c6b-4d9f-8a71-0f4c2b6e9d83"
WAREHOUSE_ID = "9c4a1f37-2e8d-4b5c-a6f0-3d7e1b9c5a24"

BRAND_EXAMPLE: dict[str, Any] = {
    "id": BRAND_ID,
    "name": "Apple",
    "created_at": CREATED_AT,
    "updated_at": UPDATED_AT,
}
PRODUCT_EXAMPLE: dict[str, Any] = {
    "id": PRODUCT_ID,
    "name": "iPhone 15",
    "sku": "IP15-128",
    "type": "phone",
    "description": "6.1-inch, 128 GB",
    "brand": {"id": BRAND_ID, "name": "Apple"},
    "created_at": CREATED_AT,
    "updated_at": UPDATED_AT,
}
WAREHOUSE_EXAMPLE: dict[str, Any] = {
    "id": WAREHOUSE_ID,
    "name": "Main store",
    "code": "MAIN-1",
    "location": "Back room, shelf A",
    "created_at": CREATED_AT,
    "updated_at": UPDATED_AT,
}
