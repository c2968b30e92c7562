"""Sample ids and answers of the ``workflow.*`` examples (checked against the schemas)."""

from __future__ import annotations

from typing import Any

from routers.samples import CREATED_AT

TASK_TYPE_ID = "0b7e4c2d-6f1a-4e38-9d25-7a3c1e5f8b40"
SECOND_TASK_TYPE_ID = "5d2a8f6c-3b1e-4c79-8a04-6e9f2d1b7c53"
TEMPLATE_ID = "9e3f1a7b-2c5d-4e80-b6a1-3f7d9c2e5b18"
PREVIOUS_TEMPLATE_ID = "2c8b5e1f-7a3d-4f96-8c20-1b4e6a9d3f75"
PRODUCT_ID = "7f4d2b9e-1c6a-4a53-9e87-5b2c8d0f1a36"
TEMPLATE_TASK_IDS = (
    "4a1c7e3b-9d2f-4b65-a8e0-2f6d1c9b7e34",
    "8e6b3d1a-5f7c-4d29-b4a3-9c0e2f7a1d68",
)

TASK_TYPE_EXAMPLE: dict[str, Any] = {
    "id": TASK_TYPE_ID,
    "name": "Screen Calibration",
    "description": None,
    "category": "Quality Check",
    "estimated_duration_minutes": 15,
    "requires_notes": False,
    "requires_photo": True,
    "is_active": True,
    "created_at": CREATED_AT,
}
DIAGNOSIS_EXAMPLE: dict[str, Any] = {
    **TASK_TYPE_EXAMPLE,
    "id": SECOND_TASK_TYPE_ID,
    "name": "Diagnosis",
    "description": "Find the fault and note it",
    "category": "Inspection",
    "estimated_duration_minutes": 30,
    "requires_notes": True,
    "requires_photo": False,
}

TEMPLATE_EXAMPLE: dict[str, Any] = {
    "id": TEMPLATE_ID,
    "name": "Standard Phone Repair",
    "description": None,
    "product_type": PRODUCT_ID,
    "service_type": "warranty",
    "enforce_sequence": True,
    "is_active": True,
    "version": 1,
    "previous_version_id": None,
    "created_at": CREATED_AT,
    "product": {"id": PRODUCT_ID, "name": "iPhone 15", "sku": "APL-IP15"},
    "tasks": [
        {
            "id": TEMPLATE_TASK_IDS[0],
            "sequence_order": 1,
            "is_required": True,
            "custom_instructions": None,
            "task_type": DIAGNOSIS_EXAMPLE,
        },
        {
            "id": TEMPLATE_TASK_IDS[1],
            "sequence_order": 2,
            "is_required": True,
            "custom_instructions": "Calibrate against the reference card",
            "task_type": TASK_TYPE_EXAMPLE,
        },
    ],
}
TEMPLATE_TASKS_INPUT: list[dict[str, Any]] = [
    {"task_type_id": SECOND_TASK_TYPE_ID, "sequence_order": 1, "is_required": True},
    {
        "task_type_id": TASK_TYPE_ID,
        "sequence_order": 2,
        "is_required": True,
        "custom_instructions": "Calibrate against the reference card",
    },
]
