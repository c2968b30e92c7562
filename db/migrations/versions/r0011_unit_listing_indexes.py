"""Units listed newest first, by place and condition: indexes that end in the order.

inventory.listProducts pages units by created_at DESC, id DESC, optionally of one
virtual warehouse, physical warehouse or condition. An index on (filter column,
created_at, id) gives a page by reading 50 index entries backwards instead of sorting
every matching unit, and lets the total be counted from the index alone. The index on
physical_warehouse_id alone is replaced by its composite (which serves the same
lookups, such as a warehouse's delete check).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "physical_products"
_NEWEST_FIRST = ["created_at", "id"]


def upgrade() -> None:
    op.drop_index(f"ix_{_TABLE}_physical_warehouse_id", table_name=_TABLE)
    op.create_index(f"ix_{_TABLE}_created_at_id", _TABLE, _NEWEST_FIRST)
    for column in ("virtual_warehouse_type", "physical_warehouse_id", "condition"):
        op.create_index(f"ix_{_TABLE}_{column}_created_at", _TABLE, [column, *_NEWEST_FIRST])


def downgrade() -> None:
    for column in ("virtual_warehouse_type", "physical_warehouse_id", "condition"):
        op.drop_index(f"ix_{_TABLE}_{column}_created_at", table_name=_TABLE)
    op.drop_index(f"ix_{_TABLE}_created_at_id", table_name=_TABLE)
    op.create_index(f"ix_{_TABLE}_physical_warehouse_id", _TABLE, ["physical_warehouse_id"])
