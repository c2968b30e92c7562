"""Inventory: serial-numbered units, their movements, stock thresholds, RMA batches.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.column_types import MoneyAmount, UTCDateTime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The values of db/tables/inventory.py's CHECKs, as they were at this revision.
_VIRTUAL = "('warranty_stock', 'rma_staging', 'dead_stock', 'in_service', 'parts')"
_CONDITIONS = "('new', 'refurbished', 'used', 'faulty', 'for_parts')"
_MOVEMENTS = "('receipt', 'transfer', 'assignment', 'return', 'disposal')"
_RMA_STATUSES = "('draft', 'submitted', 'shipped', 'completed')"


def _id(name: str = "id", *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=36), nullable=nullable)


def _enum(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=16), nullable=nullable)


def _refers(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=f"fk_{table}_{column}_{target}",
        ondelete=ondelete,
    )


def upgrade() -> None:
    _create_physical_products()
    _create_stock_movements()
    _create_stock_thresholds()
    _create_rma_batches()
    _create_rma_batch_items()


def _create_physical_products() -> None:
    table = "physical_products"
    op.create_table(
        table,
        _id(),
        sa.Column("serial_number", sa.String(length=64), nullable=False),
        _id("product_id"),
        _id("physical_warehouse_id", nullable=True),
        _enum("virtual_warehouse_type"),
        _enum("condition"),
        sa.Column("warranty_start_date", sa.Date(), nullable=True),
        sa.Column("warranty_months", sa.Integer(), nullable=True),
        sa.Column("warranty_end_date", sa.Date(), nullable=True),
        sa.Column("purchase_date", sa.Date(), nullable=True),
        _id("supplier_id", nullable=True),
        sa.Column("supplier_name", sa.String(length=255), nullable=True),
        sa.Column("purchase_price", MoneyAmount(), nullable=True),
        sa.Column("notes", sa.String(length=2000), nullable=True),
        sa.Column("photo_urls", sa.JSON(), nullable=False),
        _id("current_ticket_id", nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            f"virtual_warehouse_type IN {_VIRTUAL}",
            name=f"ck_{table}_virtual_warehouse_type_known",
        ),
        sa.CheckConstraint(f"condition IN {_CONDITIONS}", name=f"ck_{table}_condition_known"),
        sa.CheckConstraint("warranty_months >= 0", name=f"ck_{table}_warranty_months_not_negative"),
        sa.CheckConstraint("purchase_price >= 0", name=f"ck_{table}_purchase_price_not_negative"),
        sa.CheckConstraint(
            "(virtual_warehouse_type = 'in_service') = (current_ticket_id IS NOT NULL)",
            name=f"ck_{table}_in_service_with_ticket",
        ),
        _refers(table, "product_id", "product_models", "RESTRICT"),
        _refers(table, "physical_warehouse_id", "warehouses", "RESTRICT"),
        _refers(table, "current_ticket_id", "service_tickets", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.UniqueConstraint("serial_number", name=f"uq_{table}_serial_number"),
    )
    for column in ("physical_warehouse_id", "warranty_end_date", "current_ticket_id"):
        op.create_index(f"ix_{table}_{column}", table, [column])
    op.create_index(
        f"ix_{table}_product_id_virtual", table, ["product_id", "virtual_warehouse_type"]
    )


def _create_stock_movements() -> None:
    table = "stock_movements"
    op.create_table(
        table,
        _id(),
        _id("product_id"),
        _enum("movement_type"),
        _id("from_physical_warehouse_id", nullable=True),
        _id("to_physical_warehouse_id", nullable=True),
        _enum("from_virtual_warehouse_type", nullable=True),
        _enum("to_virtual_warehouse_type"),
        _id("reference_ticket_id", nullable=True),
        sa.Column("notes", sa.String(length=2000), nullable=True),
        _id("moved_by_id", nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            f"movement_type IN {_MOVEMENTS}", name=f"ck_{table}_movement_type_known"
        ),
        sa.CheckConstraint(
            f"from_virtual_warehouse_type IN {_VIRTUAL}", name=f"ck_{table}_from_virtual_known"
        ),
        sa.CheckConstraint(
            f"to_virtual_warehouse_type IN {_VIRTUAL}", name=f"ck_{table}_to_virtual_known"
        ),
        _refers(table, "product_id", "physical_products", "RESTRICT"),
        _refers(table, "from_physical_warehouse_id", "warehouses", "SET NULL"),
        _refers(table, "to_physical_warehouse_id", "warehouses", "SET NULL"),
        _refers(table, "reference_ticket_id", "service_tickets", "RESTRICT"),
        _refers(table, "moved_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    )
    op.create_index(f"ix_{table}_reference_ticket_id", table, ["reference_ticket_id"])
    op.create_index(f"ix_{table}_product_id_created_at", table, ["product_id", "created_at"])


def _create_stock_thresholds() -> None:
    table = "stock_thresholds"
    op.create_table(
        table,
        _id("product_id"),
        _enum("virtual_warehouse_type"),
        sa.Column("minimum_quantity", sa.Integer(), nullable=False),
        sa.Column("reorder_quantity", sa.Integer(), nullable=False),
        sa.Column("alert_enabled", sa.Boolean(), nullable=False),
        _id("updated_by_id", nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            f"virtual_warehouse_type IN {_VIRTUAL}",
            name=f"ck_{table}_virtual_warehouse_type_known",
        ),
        sa.CheckConstraint(
            "minimum_quantity >= 0", name=f"ck_{table}_minimum_quantity_not_negative"
        ),
        sa.CheckConstraint(
            "reorder_quantity >= 0", name=f"ck_{table}_reorder_quantity_not_negative"
        ),
        _refers(table, "product_id", "product_models", "CASCADE"),
        _refers(table, "updated_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("product_id", "virtual_warehouse_type", name=f"pk_{table}"),
    )


def _create_rma_batches() -> None:
    table = "rma_batches"
    op.create_table(
        table,
        _id(),
        sa.Column("supplier_name", sa.String(length=255), nullable=False),
        _enum("status"),
        sa.Column("shipping_date", sa.Date(), nullable=True),
        sa.Column("tracking_number", sa.String(length=100), nullable=True),
        sa.Column("notes", sa.String(length=2000), nullable=True),
        _id("created_by_id", nullable=True),
        sa.Column("submitted_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(f"status IN {_RMA_STATUSES}", name=f"ck_{table}_status_known"),
        _refers(table, "created_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    )
    for column in ("status", "created_at"):
        op.create_index(f"ix_{table}_{column}", table, [column])


def _create_rma_batch_items() -> None:
    table = "rma_batch_items"
    op.create_table(
        table,
        _id(),
        _id("batch_id"),
        _id("product_id"),
        _id("added_by_id", nullable=True),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        _refers(table, "batch_id", "rma_batches", "CASCADE"),
        _refers(table, "product_id", "physical_products", "RESTRICT"),
        _refers(table, "added_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.UniqueConstraint("batch_id", "product_id", name=f"uq_{table}_batch_id"),
    )
    for column in ("batch_id", "product_id"):
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    for table in (
        "rma_batch_items",
        "rma_batches",
        "stock_thresholds",
        "stock_movements",
        "physical_products",
    ):
        op.drop_table(table)
