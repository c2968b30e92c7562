"""The catalog: brands, product models, spare parts and their stock ledger, warehouses.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.column_types import MoneyAmount, UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
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
        "brands",
        _id(),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_brands"),
        sa.UniqueConstraint("name_key", name="uq_brands_name_key"),
    )
    op.create_table(
        "product_models",
        _id(),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=True),
        _id("brand_id"),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["brand_id"],
            ["brands.id"],
            name="fk_product_models_brand_id_brands",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_product_models"),
        sa.UniqueConstraint("sku", name="uq_product_models_sku"),
    )
    op.create_index("ix_product_models_brand_id", "product_models", ["brand_id"])
    op.create_index("ix_product_models_type", "product_models", ["type"])
    op.create_table(
        "parts",
        _id(),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("unit_price", MoneyAmount(), nullable=False),
        sa.Column("stock_quantity", sa.Integer(), nullable=False),
        sa.Column("minimum_stock", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.CheckConstraint("minimum_stock >= 0", name="ck_parts_minimum_not_negative"),
        sa.CheckConstraint("stock_quantity >= 0", name="ck_parts_stock_not_negative"),
        sa.CheckConstraint("unit_price >= 0", name="ck_parts_price_not_negative"),
        sa.PrimaryKeyConstraint("id", name="pk_parts"),
        sa.UniqueConstraint("sku", name="uq_parts_sku"),
    )
    op.create_table(
        "part_fits",
        _id("part_id"),
        _id("product_id"),
        sa.ForeignKeyConstraint(
            ["part_id"], ["parts.id"], name="fk_part_fits_part_id_parts", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product_models.id"],
            name="fk_part_fits_product_id_product_models",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("part_id", "product_id", name="pk_part_fits"),
    )
    op.create_index("ix_part_fits_product_id", "part_fits", ["product_id"])
    op.create_table(
        "part_stock_entries",
        _id(),
        _id("part_id"),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("stock_after", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        _id("ticket_id", nullable=True),
        _id("actor_id", nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name="fk_part_stock_entries_actor_id_users",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["part_id"],
            ["parts.id"],
            name="fk_part_stock_entries_part_id_parts",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_part_stock_entries"),
    )
    op.create_index("ix_part_stock_entries_part_id", "part_stock_entries", ["part_id"])
    op.create_index("ix_part_stock_entries_ticket_id", "part_stock_entries", ["ticket_id"])
    op.create_table(
        "warehouses",
        _id(),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("location", sa.String(length=255), nullable=True),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_warehouses"),
        sa.UniqueConstraint("code", name="uq_warehouses_code"),
    )


def downgrade() -> None:
    tables = ("warehouses", "part_stock_entries", "part_fits", "parts", "product_models", "brands")
    for table in tables:  # those that refer to others first
        op.drop_table(table)
