"""What the end-to-end tests of ``workflow.*`` share: error codes, task types, product
models and templates made for a test, and the template payloads."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.e2e.conftest import Account, LiveServer, result_of, rpc_call
from tests.factories.workflow import make_product_model

# (code, data.code) pairs, as error_of takes them.
UNAUTHORIZED = (-32001, "UNAUTHORIZED")
FORBIDDEN = (-32003, "FORBIDDEN")
NOT_FOUND = (-32004, "NOT_FOUND")
CONFLICT = (-32009, "CONFLICT")
BAD_REQUEST = (-32600, "BAD_REQUEST")
INVALID_PARAMS = (-32602, "INVALID_PARAMS")
# A well-formed id that no row has.
MISSING_ID = "00000000-0000-4000-8000-000000000000"
ROLES = ("admin", "manager", "technician", "reception")
READERS = ROLES
WRITERS = ("admin", "manager")
NOT_WRITERS = ("technician", "reception")

TASK_TYPE_KEYS = {
    "id",
    "name",
    "description",
    "category",
    "estimated_duration_minutes",
    "requires_notes",
    "requires_photo",
    "is_active",
    "created_at",
}
TEMPLATE_KEYS = {
    "id",
    "name",
    "description",
    "product_type",
    "service_type",
    "enforce_sequence",
    "is_active",
    "version",
    "previous_version_id",
    "created_at",
    "product",
    "tasks",
}
TASK_KEYS = {"id", "sequence_order", "is_required", "custom_instructions", "task_type"}


def call(client: httpx.Client, user: Account | None, method: str, params: Any = None) -> Any:
    """One call as ``user`` (None: anonymous)."""
    return rpc_call(client, method, params, None if user is None else user.token)


def unique_name(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:10]}"


def make_task_type(client: httpx.Client, user: Account, **fields: Any) -> dict[str, Any]:
    params = {"name": unique_name("Step"), **fields}
    created: dict[str, Any] = result_of(call(client, user, "workflow.taskType.create", params))
    return created


def make_product(server: LiveServer, name: str = "iPhone 15") -> dict[str, str]:
    with server.db() as session:
        product = make_product_model(session, name)
        return {"id": product.id, "name": product.name, "sku": product.sku}


def tasks_of(*task_type_ids: str, **fields: Any) -> list[dict[str, Any]]:
    """One task per task type, in sequence 1, 2, ..."""
    return [
        {"task_type_id": task_type_id, "sequence_order": order, **fields}
        for order, task_type_id in enumerate(task_type_ids, start=1)
    ]


def template_params(task_type_ids: list[str], **fields: Any) -> dict[str, Any]:
    return {
        "name": unique_name("Template"),
        "service_type": "warranty",
        "tasks": tasks_of(*task_type_ids),
        **fields,
    }


def update_params(template: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """update's input for a new version equal to ``template``, changed by ``fields``."""
    return {
        "template_id": template["id"],
        "name": template["name"],
        "description": template["description"],
        "product_type": template["product_type"],
        "service_type": template["service_type"],
        "enforce_sequence": template["enforce_sequence"],
        "tasks": [
            {
                "task_type_id": task["task_type"]["id"],
                "sequence_order": task["sequence_order"],
                "is_required": task["is_required"],
                "custom_instructions": task["custom_instructions"],
            }
            for task in template["tasks"]
        ],
        **fields,
    }


def make_template(
    client: httpx.Client, user: Account, task_type_ids: list[str], **fields: Any
) -> dict[str, Any]:
    created: dict[str, Any] = result_of(
        call(client, user, "workflow.template.create", template_params(task_type_ids, **fields))
    )
    return created
