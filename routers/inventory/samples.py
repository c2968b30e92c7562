"""Sample ids and rows of ``inventory.*``'s published examples, named once for all."""

from __future__ import annotations

from typing import Any

from routers.catalog.samples import BRAND_ID, PRODUCT_ID, WAREHOUSE_ID
from routers.samples import CREATED_AT, UPDATED_AT

UNIT_ID = "4a8c2e6f-1b3d-4f5a-9c7e-0d2f4a6c8e15"
SERIAL_NUMBER = "C39XK2LMPG7Q"

UNIT_EXAMPLE: dict[str, Any] = {
    "id": UNIT_ID,
    "serial_number": SERIAL_NUMBER,
    "product_id": PRODUCT_ID,
    "physical_warehouse_id": WAREHOUSE_ID,
    "virtual_warehouse_type": "warranty_stock",
    "condition": "new",
    "warranty_start_date": "2026-11-02",
    "warranty_months": 12,
    "warranty_end_date": "2027-11-02",
    "warranty_status": "active",
    "purchase_date": "2026-10-28",
    "supplier_id": None,
    "supplier_name": "Ingram Micro",
    "purchase_price": 649.0,
    "notes": None,
    "photo_urls": [],
    "current_ticket_id": None,
    "created_at": CREATED_AT,
    "updated_at": UPDATED_AT,
    "product": {
        "id": PRODUCT_ID,
        "name": "iPhone 15",
        "sku": "IP15-128",
        "type": "phone",
        "brand": {"id": BRAND_ID, "name": "Apple"},
    },
    "physical_warehouse": {
        "id": WAREHOUSE_ID,
        "name": "Main store",
        "code": "MAIN-1",
        "location": "Back room, shelf A",
    },
}
