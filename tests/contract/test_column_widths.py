"""Every input field that is stored in a column fits that column.

The widths come from one module (``schemas/limits.py``) on both sides; this test holds
the procedures' inputs against the tables as they are, so a field given a larger limit,
or a column made narrower, fails here rather than as a database error (PostgreSQL
refuses a value longer than its column; SQLite would silently keep it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import SQLModel

import db.tables  # noqa: F401  (registers every table on the metadata)
from routers import app_router

# Procedures whose inputs are stored only in the tables named here: held against those
# tables' columns alone (a "name" is 100 characters wide in some tables, 255 in others).
# Any other procedure is held against the narrowest column of each name in any table.
STORED_IN: dict[str, frozenset[str]] = {
    "catalog.brand.": frozenset({"brands"}),
    "catalog.product.": frozenset({"product_models"}),
    "catalog.warehouse.": frozenset({"warehouses"}),
    "catalog.part.": frozenset({"parts", "part_stock_entries"}),
    "customers.": frozenset({"customers"}),
    "workflow.taskType.": frozenset({"task_types"}),
    "workflow.template.": frozenset({"task_templates", "template_tasks"}),
    "workflow.switchTemplate": frozenset({"ticket_template_changes"}),
    # An email's context (a ticket's number, a product's name) is rendered into its
    # body, not stored in columns of those names.
    "notifications.": frozenset({"email_notifications", "customers"}),
    # A ticket's fields, its lines, comments, attachments and tasks; createTicket's
    # customer_data makes a customer.
    "tickets.": frozenset(
        {
            "service_tickets",
            "service_ticket_parts",
            "service_ticket_comments",
            "service_ticket_attachments",
            "service_ticket_tasks",
            "customers",
        }
    ),
}


def _column_widths(tables: frozenset[str] | None = None) -> dict[str, int]:
    """The narrowest width of each column name across the tables (all, or ``tables``);
    ids and foreign keys excluded: they hold ids the server made or found."""
    widths: dict[str, int] = {}
    for table in SQLModel.metadata.tables.values():
        if tables is not None and table.name not in tables:
            continue
        for column in table.columns:
            # String columns, SQLModel's AutoString included, carry their width here.
            length = getattr(column.type, "length", None)
            if (
                isinstance(length, int)
                and not column.name.endswith("id")
                and not column.foreign_keys
            ):
                widths[column.name] = min(length, widths.get(column.name, length))
    return widths


def _string_limits(schema: dict[str, Any]) -> Iterator[tuple[str, int]]:
    """(field name, maxLength) of every property of the schema and its definitions."""
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for name, field in definition.get("properties", {}).items():
            for option in [field, *field.get("anyOf", []), field.get("items", {})]:
                if "maxLength" in option:
                    yield name, option["maxLength"]


def _tables_of(procedure_name: str) -> frozenset[str] | None:
    return next(
        (tables for prefix, tables in STORED_IN.items() if procedure_name.startswith(prefix)),
        None,
    )


def _stored_fields() -> list[tuple[str, str, int, int]]:
    found = []
    for procedure in app_router:
        widths = _column_widths(_tables_of(procedure.name))
        schema = procedure.input_model.model_json_schema(by_alias=False)
        for name, limit in _string_limits(schema):
            if name in widths:
                found.append((procedure.name, name, limit, widths[name]))
    return found


STORED = _stored_fields()


def test_the_check_finds_the_stored_fields() -> None:
    # Guard: names, emails, URLs and descriptions of today's procedures are all seen.
    assert {"name", "email", "full_name", "url", "description"} <= {f[1] for f in STORED}
    assert {"catalog.product.create", "catalog.warehouse.create"} <= {f[0] for f in STORED}


@pytest.mark.parametrize(
    ("procedure", "field", "limit", "width"), STORED, ids=[f"{p}.{f}" for p, f, _, _ in STORED]
)
def test_an_input_field_fits_its_column(procedure: str, field: str, limit: int, width: int) -> None:
    assert limit <= width, (
        f"{procedure}: {field} accepts {limit} characters, its column holds {width}: "
        "take both from schemas/limits.py"
    )
