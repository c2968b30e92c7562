"""Service tickets: tickets, their parts, comments, attachments and tasks, the yearly
counter of their numbers, and the foreign keys the ledger and the outbox waited for.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.column_types import MoneyAmount, UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LEDGER_TICKET_FK = "fk_part_stock_entries_ticket_id_service_tickets"
_OUTBOX_TICKET_FK = "fk_email_notifications_service_ticket_id_service_tickets"


def _id(name: str = "id", *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=36), nullable=nullable)


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    ]


def _of_ticket(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["ticket_id"],
        ["service_tickets.id"],
        name=f"fk_{table}_ticket_id_service_tickets",
        ondelete="CASCADE",
    )


def _user(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=f"fk_{table}_{column}_users", ondelete="SET NULL"
    )


def upgrade() -> None:
    _create_tickets()
    _create_counters()
    _create_ticket_parts()
    _create_comments()
    _create_attachments()
    _create_tasks()
    _add_ticket_foreign_keys()


def _create_tickets() -> None:
    table = "service_tickets"
    op.create_table(
        table,
        _id(),
        sa.Column("ticket_number", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("priority_level", sa.String(length=16), nullable=False),
        sa.Column("warranty_type", sa.String(length=16), nullable=False),
        sa.Column("service_fee", MoneyAmount(), nullable=False),
        sa.Column("diagnosis_fee", MoneyAmount(), nullable=False),
        sa.Column("discount_amount", MoneyAmount(), nullable=False),
        sa.Column("parts_total", MoneyAmount(), nullable=False),
        sa.Column("total_cost", MoneyAmount(), nullable=False),
        sa.Column("issue_description", sa.String(length=2000), nullable=False),
        sa.Column("notes", sa.String(length=2000), nullable=True),
        _id("customer_id"),
        _id("product_id"),
        _id("template_id", nullable=True),
        _id("assigned_to", nullable=True),
        _id("created_by", nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("completed_at", UTCDateTime(), nullable=True),
        sa.Column("delivery_confirmed_at", UTCDateTime(), nullable=True),
        _id("delivery_confirmed_by_id", nullable=True),
        sa.Column("delivery_signature_url", sa.String(length=2048), nullable=True),
        sa.Column("delivery_notes", sa.String(length=2000), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "status IN ('pending', 'in_progress', 'completed', 'cancelled')",
            name="ck_service_tickets_status_known",
        ),
        sa.CheckConstraint(
            "priority_level IN ('low', 'normal', 'high', 'urgent')",
            name="ck_service_tickets_priority_level_known",
        ),
        sa.CheckConstraint(
            "warranty_type IN ('warranty', 'paid', 'goodwill')",
            name="ck_service_tickets_warranty_type_known",
        ),
        sa.CheckConstraint("service_fee >= 0", name="ck_service_tickets_service_fee_not_negative"),
        sa.CheckConstraint(
            "diagnosis_fee >= 0", name="ck_service_tickets_diagnosis_fee_not_negative"
        ),
        sa.CheckConstraint(
            "discount_amount >= 0", name="ck_service_tickets_discount_amount_not_negative"
        ),
        sa.CheckConstraint("parts_total >= 0", name="ck_service_tickets_parts_total_not_negative"),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name="fk_service_tickets_customer_id_customers",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product_models.id"],
            name="fk_service_tickets_product_id_product_models",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["task_templates.id"],
            name="fk_service_tickets_template_id_task_templates",
            ondelete="RESTRICT",
        ),
        _user(table, "assigned_to"),
        _user(table, "created_by"),
        _user(table, "delivery_confirmed_by_id"),
        sa.PrimaryKeyConstraint("id", name="pk_service_tickets"),
        sa.UniqueConstraint("ticket_number", name="uq_service_tickets_ticket_number"),
    )
    for column in ("customer_id", "product_id", "template_id", "assigned_to", "created_at"):
        op.create_index(f"ix_{table}_{column}", table, [column])


def _create_counters() -> None:
    op.create_table(
        "ticket_number_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "last_number >= 1", name="ck_ticket_number_counters_last_number_positive"
        ),
        sa.PrimaryKeyConstraint("year", name="pk_ticket_number_counters"),
    )


def _create_ticket_parts() -> None:
    table = "service_ticket_parts"
    op.create_table(
        table,
        _id(),
        _id("ticket_id"),
        _id("part_id"),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", MoneyAmount(), nullable=False),
        sa.Column("total", MoneyAmount(), nullable=False),
        *_timestamps(),
        sa.CheckConstraint("quantity > 0", name="ck_service_ticket_parts_quantity_positive"),
        sa.CheckConstraint(
            "unit_price >= 0", name="ck_service_ticket_parts_unit_price_not_negative"
        ),
        sa.CheckConstraint("total >= 0", name="ck_service_ticket_parts_total_not_negative"),
        _of_ticket(table),
        sa.ForeignKeyConstraint(
            ["part_id"],
            ["parts.id"],
            name="fk_service_ticket_parts_part_id_parts",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_service_ticket_parts"),
    )
    op.create_index(f"ix_{table}_ticket_id", table, ["ticket_id"])
    op.create_index(f"ix_{table}_part_id", table, ["part_id"])


def _create_comments() -> None:
    table = "service_ticket_comments"
    op.create_table(
        table,
        _id(),
        _id("ticket_id"),
        sa.Column("comment", sa.String(length=2000), nullable=False),
        sa.Column("comment_type", sa.String(length=16), nullable=False),
        sa.Column("is_internal", sa.Boolean(), nullable=False),
        _id("created_by", nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "comment_type IN ('note', 'status_change', 'assignment', 'system')",
            name="ck_service_ticket_comments_type_known",
        ),
        _of_ticket(table),
        _user(table, "created_by"),
        sa.PrimaryKeyConstraint("id", name="pk_service_ticket_comments"),
    )
    op.create_index(f"ix_{table}_ticket_id", table, ["ticket_id"])


def _create_attachments() -> None:
    table = "service_ticket_attachments"
    op.create_table(
        table,
        _id(),
        _id("ticket_id"),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_path", sa.String(length=1024), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("file_type", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("description", sa.String(length=2000), nullable=True),
        _id("uploaded_by", nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "file_size >= 0", name="ck_service_ticket_attachments_file_size_not_negative"
        ),
        _of_ticket(table),
        _user(table, "uploaded_by"),
        sa.PrimaryKeyConstraint("id", name="pk_service_ticket_attachments"),
        sa.UniqueConstraint("file_path", name="uq_service_ticket_attachments_file_path"),
    )
    op.create_index(f"ix_{table}_ticket_id", table, ["ticket_id"])


def _create_tasks() -> None:
    table = "service_ticket_tasks"
    op.create_table(
        table,
        _id(),
        _id("ticket_id"),
        _id("task_type_id"),
        _id("template_task_id", nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("sequence_order", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("is_required", sa.Boolean(), nullable=False),
        _id("assigned_to_id", nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("completed_at", UTCDateTime(), nullable=True),
        _id("completed_by_id", nullable=True),
        sa.Column("notes", sa.String(length=2000), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "sequence_order >= 1", name="ck_service_ticket_tasks_sequence_order_positive"
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'in_progress', 'completed', 'blocked', 'skipped')",
            name="ck_service_ticket_tasks_status_known",
        ),
        _of_ticket(table),
        sa.ForeignKeyConstraint(
            ["task_type_id"],
            ["task_types.id"],
            name="fk_service_ticket_tasks_task_type_id_task_types",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["template_task_id"],
            ["template_tasks.id"],
            name="fk_service_ticket_tasks_template_task_id_template_tasks",
            ondelete="SET NULL",
        ),
        _user(table, "assigned_to_id"),
        _user(table, "completed_by_id"),
        sa.PrimaryKeyConstraint("id", name="pk_service_ticket_tasks"),
        sa.UniqueConstraint(
            "ticket_id", "sequence_order", name="uq_service_ticket_tasks_ticket_id"
        ),
    )
    for column in ("task_type_id", "template_task_id", "assigned_to_id"):
        op.create_index(f"ix_{table}_{column}", table, [column])


def _add_ticket_foreign_keys() -> None:
    # Batch mode: SQLite adds a foreign key only by copying the table (PostgreSQL gets
    # a plain ALTER TABLE). The ledger keeps its tickets (RESTRICT: the stock a ticket
    # moved stays explained); an email outlives the ticket it was about (SET NULL).
    with op.batch_alter_table("part_stock_entries") as batch:
        batch.create_foreign_key(
            _LEDGER_TICKET_FK, "service_tickets", ["ticket_id"], ["id"], ondelete="RESTRICT"
        )
    with op.batch_alter_table("email_notifications") as batch:
        batch.create_foreign_key(
            _OUTBOX_TICKET_FK,
            "service_tickets",
            ["service_ticket_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("email_notifications") as batch:
        batch.drop_constraint(_OUTBOX_TICKET_FK, type_="foreignkey")
    with op.batch_alter_table("part_stock_entries") as batch:
        batch.drop_constraint(_LEDGER_TICKET_FK, type_="foreignkey")
    for table in (
        "service_ticket_tasks",
        "service_ticket_attachments",
        "service_ticket_comments",
        "service_ticket_parts",
        "ticket_number_counters",
        "service_tickets",
    ):
        op.drop_table(table)
