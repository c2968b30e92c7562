"""Customers: found by phone (digits only, unique), with one email preference per type.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.column_types import UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The contract's email types, as of this revision (a later type is a later revision).
EMAIL_TYPES = (
    "request_submitted",
    "request_received",
    "request_rejected",
    "ticket_created",
    "service_completed",
    "delivery_confirmed",
)


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("phone_key", sa.String(length=32), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("address", sa.String(length=2000), nullable=True),
        *(
            sa.Column(f"email_{email_type}", sa.Boolean(), server_default=sa.true(), nullable=False)
            for email_type in EMAIL_TYPES
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customers"),
        sa.UniqueConstraint("phone_key", name="uq_customers_phone_key"),
        sa.UniqueConstraint("email", name="uq_customers_email"),
    )
    op.create_index("ix_customers_name", "customers", ["name"])
    op.create_index("ix_customers_created_at", "customers", ["created_at"])


def downgrade() -> None:
    op.drop_table("customers")
