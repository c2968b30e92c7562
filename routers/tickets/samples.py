"""Sample ids and rows of the tickets' published examples, named once for all of them:
every ``tickets.*`` example speaks of the same ticket, customer and technician."""

from __future__ import annotations

from typing import Any

from routers.catalog.samples import PRODUCT_ID
from routers.samples import (
    CREATED_AT,
    CUSTOMER_ID,
    SERVICE_TICKET_ID,
    TECHNICIAN_ID,
    UPDATED_AT,
    USER_ID,
)
from routers.workflow.examples import TEMPLATE_ID

TICKET_ID = SERVICE_TICKET_ID
PART_ID = "3e8c1a5f-7b2d-4f94-a6c0-1d5b9e3f7a28"
TICKET_PART_ID = "6a1d4f8b-2c9e-4b57-8e30-5f7a2c4e9b16"
COMMENT_ID = "8f3b6d1a-4e7c-4a92-b5d8-0c2e6a9f4b71"

TECHNICIAN_EXAMPLE: dict[str, Any] = {
    "id": TECHNICIAN_ID,
    "full_name": "Tara Technician",
    "role": "technician",
}
TICKET_EXAMPLE: dict[str, Any] = {
    "id": TICKET_ID,
    "ticket_number": "SV-2026-042",
    "status": "pending",
    "priority_level": "normal",
    "warranty_type": "paid",
    "service_fee": 50,
    "diagnosis_fee": 15,
    "discount_amount": 0,
    "parts_total": 129.9,
    "total_cost": 194.9,
    "issue_description": "Screen cracked after a drop; touch works",
    "notes": None,
    "customer_id": CUSTOMER_ID,
    "product_id": PRODUCT_ID,
    "template_id": TEMPLATE_ID,
    "assigned_to": None,
    "created_by": USER_ID,
    "started_at": None,
    "completed_at": None,
    "delivery_confirmed_at": None,
    "delivery_confirmed_by_id": None,
    "delivery_signature_url": None,
    "delivery_notes": None,
    "created_at": CREATED_AT,
    "updated_at": CREATED_AT,
    "customers": {
        "id": CUSTOMER_ID,
        "name": "Casey Customer",
        "phone": "+1 555 010 2030",
        "email": "casey@example.com",
    },
    "products": {
        "id": PRODUCT_ID,
        "name": "iPhone 15",
        "type": "phone",
        "brands": {"name": "Apple"},
    },
}
TICKET_PART_EXAMPLE: dict[str, Any] = {
    "id": TICKET_PART_ID,
    "ticket_id": TICKET_ID,
    "part_id": PART_ID,
    "quantity": 1,
    "unit_price": 129.9,
    "total": 129.9,
    "created_at": CREATED_AT,
    "updated_at": CREATED_AT,
    "parts": {"id": PART_ID, "name": "iPhone 15 screen assembly", "sku": "SCR-IP15"},
}
COMMENT_EXAMPLE: dict[str, Any] = {
    "id": COMMENT_ID,
    "ticket_id": TICKET_ID,
    "comment": "Customer asked for a call before any extra cost",
    "is_internal": False,
    "comment_type": "note",
    "created_at": UPDATED_AT,
    "profiles": TECHNICIAN_EXAMPLE,
}
