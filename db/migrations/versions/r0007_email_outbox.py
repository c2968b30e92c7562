"""The email outbox: emails queued with the change that caused them, then delivered.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.column_types import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id(name: str = "id", *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=36), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "email_notifications",
        _id(),
        sa.Column("email_type", sa.String(length=32), nullable=False),
        sa.Column("recipient_email", sa.String(length=254), nullable=False),
        sa.Column("recipient_name", sa.String(length=255), nullable=False),
        _id("customer_id", nullable=True),
        _id("service_ticket_id", nullable=True),
        _id("service_request_id", nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("text_body", sa.Text(), nullable=False),
        sa.Column("html_body", sa.Text(), nullable=False),
        sa.Column("unsubscribe_url", sa.String(length=2048), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("retry_count", sa.Integer(), nullable=False),
        sa.Column("error_message", sa.String(length=1000), nullable=True),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        _id("claimed_by", nullable=True),
        sa.Column("lease_expires_at", UTCDateTime(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name="fk_email_notifications_customer_id_customers",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_email_notifications"),
    )
    op.create_index(
        "ix_email_notifications_due", "email_notifications", ["status", "next_attempt_at"]
    )
    op.create_index(
        "ix_email_notifications_recipient_created",
        "email_notifications",
        ["recipient_email", "created_at"],
    )
    op.create_index("ix_email_notifications_customer_id", "email_notifications", ["customer_id"])
    op.create_index(
        "ix_email_notifications_service_ticket_id", "email_notifications", ["service_ticket_id"]
    )


def downgrade() -> None:
    op.drop_table("email_notifications")
