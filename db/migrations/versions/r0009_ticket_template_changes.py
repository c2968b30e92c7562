"""Ticket template changes: the audit of each ``workflow.switchTemplate``.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

from db.column_types import UTCDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "ticket_template_changes"


def _id(name: str = "id", *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=36), nullable=nullable)


def _count(name: str) -> list[SchemaItem]:
    return [
        sa.Column(name, sa.Integer(), nullable=False),
        sa.CheckConstraint(f"{name} >= 0", name=f"ck_{_TABLE}_{name}_not_negative"),
    ]


def _template(column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        ["task_templates.id"],
        name=f"fk_{_TABLE}_{column}_task_templates",
        ondelete="RESTRICT",
    )


def upgrade() -> None:
    op.create_table(
        _TABLE,
        _id(),
        _id("ticket_id"),
        _id("old_template_id", nullable=True),
        _id("new_template_id"),
        sa.Column("reason", sa.String(length=2000), nullable=False),
        *_count("tasks_preserved"),
        *_count("tasks_removed"),
        *_count("tasks_added"),
        *_count("total_tasks"),
        _id("changed_by_id", nullable=True),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["service_tickets.id"],
            name=f"fk_{_TABLE}_ticket_id_service_tickets",
            ondelete="CASCADE",
        ),
        _template("old_template_id"),
        _template("new_template_id"),
        sa.ForeignKeyConstraint(
            ["changed_by_id"],
            ["users.id"],
            name=f"fk_{_TABLE}_changed_by_id_users",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{_TABLE}"),
    )
    for column in ("ticket_id", "old_template_id", "new_template_id"):
        op.create_index(f"ix_{_TABLE}_{column}", _TABLE, [column])


def downgrade() -> None:
    op.drop_table(_TABLE)
