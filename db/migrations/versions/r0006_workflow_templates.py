"""Workflow: task types, versioned task templates and their ordered tasks.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.column_types import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id(name: str = "id", *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=36), nullable=nullable)


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "task_types",
        _id(),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("name_key", sa.String(length=255), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("category", sa.String(length=100), nullable=True),
        sa.Column("estimated_duration_minutes", sa.Integer(), nullable=True),
        sa.Column("requires_notes", sa.Boolean(), nullable=False),
        sa.Column("requires_photo", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        *_timestamps(),
        sa.CheckConstraint(
            "estimated_duration_minutes IS NULL OR estimated_duration_minutes > 0",
            name="ck_task_types_duration_positive",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_task_types"),
        sa.UniqueConstraint("name_key", name="uq_task_types_name_key"),
    )
    op.create_table(
        "task_templates",
        _id(),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("name_key", sa.String(length=255), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=True),
        _id("product_type", nullable=True),
        sa.Column("service_type", sa.String(length=16), nullable=False),
        sa.Column("enforce_sequence", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _id("previous_version_id", nullable=True),
        _id("created_by_id", nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "service_type IN ('warranty', 'paid', 'replacement')",
            name="ck_task_templates_service_type_known",
        ),
        sa.CheckConstraint("version >= 1", name="ck_task_templates_version_positive"),
        sa.ForeignKeyConstraint(
            ["product_type"],
            ["product_models.id"],
            name="fk_task_templates_product_type_product_models",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["previous_version_id"],
            ["task_templates.id"],
            name="fk_task_templates_previous_version_id_task_templates",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name="fk_task_templates_created_by_id_users",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_task_templates"),
    )
    op.create_index("ix_task_templates_product_type", "task_templates", ["product_type"])
    op.create_index(
        "ix_task_templates_previous_version_id", "task_templates", ["previous_version_id"]
    )
    # Unique among the active versions only (every version of a template keeps its name).
    op.create_index(
        "uq_task_templates_active_name_key",
        "task_templates",
        ["name_key"],
        unique=True,
        sqlite_where=sa.text("is_active"),
        postgresql_where=sa.text("is_active"),
    )
    op.create_table(
        "template_tasks",
        _id(),
        _id("template_id"),
        _id("task_type_id"),
        sa.Column("sequence_order", sa.Integer(), nullable=False),
        sa.Column("is_required", sa.Boolean(), nullable=False),
        sa.Column("custom_instructions", sa.String(length=2000), nullable=True),
        sa.CheckConstraint("sequence_order >= 1", name="ck_template_tasks_sequence_order_positive"),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["task_templates.id"],
            name="fk_template_tasks_template_id_task_templates",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_type_id"],
            ["task_types.id"],
            name="fk_template_tasks_task_type_id_task_types",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_template_tasks"),
        sa.UniqueConstraint("template_id", "sequence_order", name="uq_template_tasks_template_id"),
    )
    op.create_index("ix_template_tasks_task_type_id", "template_tasks", ["task_type_id"])


def downgrade() -> None:
    for table in ("template_tasks", "task_templates", "task_types"):  # referring ones first
        op.drop_table(table)
