"""Partial updates: which optional fields the caller actually sent."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from services.unchanged import UNCHANGED


def given(params: BaseModel, field: str) -> Any:
    """The field's value if the caller sent it (even as null), else UNCHANGED."""
    return getattr(params, field) if field in params.model_fields_set else UNCHANGED


def given_fields(params: BaseModel, *fields: str) -> dict[str, Any]:
    """Keyword arguments for a service's partial update: each field or UNCHANGED."""
    return {field: given(params, field) for field in fields}
