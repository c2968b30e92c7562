"""Inventory: serial-numbered units of product models, where they are, how they moved,
the stock levels that warn, and the RMA batches that send units back to suppliers.

A unit (``physical_products``) is always in exactly one virtual warehouse (its state:
warranty stock, in service, RMA staging, dead stock, parts) and at most one physical
warehouse (a room or shelf of ``warehouses``). Every change of place writes a
``stock_movements`` row in the same transaction (services/inventory/moving.py), so a
unit's history replays to where it is. A unit is ``in_service`` exactly when it names
the ticket it serves: a CHECK holds that on both databases.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.column_types import ID_LENGTH, MoneyAmount, UTCDateTime, new_id
from db.tables.tickets import one_of
from schemas.limits import (
    INVENTORY_ENUM_MAX_LENGTH,
    LONG_NAME_MAX_LENGTH,
    LONG_TEXT_MAX_LENGTH,
    SERIAL_NUMBER_MAX_LENGTH,
    TRACKING_NUMBER_MAX_LENGTH,
)

VIRTUAL_WAREHOUSE_TYPES = ("warranty_stock", "rma_staging", "dead_stock", "in_service", "parts")
CONDITIONS = ("new", "refurbished", "used", "faulty", "for_parts")
MOVEMENT_TYPES = ("receipt", "transfer", "assignment", "return", "disposal")
RMA_STATUSES = ("draft", "submitted", "shipped", "completed")
IN_SERVICE = "in_service"


class PhysicalProductRow(SQLModel, table=True):
    """One serial-numbered unit of a product model."""

    __tablename__ = "physical_products"
    __table_args__ = (
        CheckConstraint(
            one_of("virtual_warehouse_type", VIRTUAL_WAREHOUSE_TYPES),
            name="virtual_warehouse_type_known",
        ),
        CheckConstraint(one_of("condition", CONDITIONS), name="condition_known"),
        CheckConstraint("warranty_months >= 0", name="warranty_months_not_negative"),
        CheckConstraint("purchase_price >= 0", name="purchase_price_not_negative"),
        # In service exactly when it serves a ticket.
        CheckConstraint(
            f"(virtual_warehouse_type = '{IN_SERVICE}') = (current_ticket_id IS NOT NULL)",
            name="in_service_with_ticket",
        ),
        # getStockLevels counts by model and virtual warehouse.
        Index("ix_physical_products_product_id_virtual", "product_id", "virtual_warehouse_type"),
        # listProducts: newest first, whole or of one place or condition (revision 0011).
        Index("ix_physical_products_created_at_id", "created_at", "id"),
        *(
            Index(f"ix_physical_products_{column}_created_at", column, "created_at", "id")
            for column in ("virtual_warehouse_type", "physical_warehouse_id", "condition")
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    # Upper case (A-Z 0-9 - _), so the unique constraint ignores case.
    serial_number: str = Field(unique=True, max_length=SERIAL_NUMBER_MAX_LENGTH)
    # RESTRICT: a model or a warehouse with units is not deleted (catalog says CONFLICT).
    product_id: str = Field(
        foreign_key="product_models.id", ondelete="RESTRICT", max_length=ID_LENGTH
    )
    physical_warehouse_id: str | None = Field(
        default=None,
        foreign_key="warehouses.id",
        ondelete="RESTRICT",
        max_length=ID_LENGTH,
    )
    virtual_warehouse_type: str = Field(max_length=INVENTORY_ENUM_MAX_LENGTH)
    condition: str = Field(max_length=INVENTORY_ENUM_MAX_LENGTH)
    warranty_start_date: date | None = None
    warranty_months: int | None = None
    # warranty_start_date + warranty_months (services/inventory/warranty_rules.py).
    warranty_end_date: date | None = Field(default=None, index=True)
    purchase_date: date | None = None
    # The supplier's id in the shop's purchasing system: nothing here lists suppliers.
    supplier_id: str | None = Field(default=None, max_length=ID_LENGTH)
    supplier_name: str | None = Field(default=None, max_length=LONG_NAME_MAX_LENGTH)
    purchase_price: Decimal | None = Field(default=None, sa_type=MoneyAmount)
    notes: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    photo_urls: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # RESTRICT: a ticket a unit serves stays.
    current_ticket_id: str | None = Field(
        default=None,
        foreign_key="service_tickets.id",
        ondelete="RESTRICT",
        index=True,
        max_length=ID_LENGTH,
    )
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class StockMovementRow(SQLModel, table=True):
    """One change of a unit's place: from where it was to where it went.

    ``from_virtual_warehouse_type`` is null only for the receipt that registered the
    unit (it was nowhere before). Warehouses a movement names may be deleted once no
    unit stands in them: the movement keeps its other facts (SET NULL).
    """

    __tablename__ = "stock_movements"
    __table_args__ = (
        CheckConstraint(one_of("movement_type", MOVEMENT_TYPES), name="movement_type_known"),
        CheckConstraint(
            one_of("from_virtual_warehouse_type", VIRTUAL_WAREHOUSE_TYPES),
            name="from_virtual_known",
        ),
        CheckConstraint(
            one_of("to_virtual_warehouse_type", VIRTUAL_WAREHOUSE_TYPES),
            name="to_virtual_known",
        ),
        # A unit's history, newest first.
        Index("ix_stock_movements_product_id_created_at", "product_id", "created_at"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    product_id: str = Field(
        foreign_key="physical_products.id", ondelete="RESTRICT", max_length=ID_LENGTH
    )
    movement_type: str = Field(max_length=INVENTORY_ENUM_MAX_LENGTH)
    from_physical_warehouse_id: str | None = Field(
        default=None, foreign_key="warehouses.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    to_physical_warehouse_id: str | None = Field(
        default=None, foreign_key="warehouses.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    from_virtual_warehouse_type: str | None = Field(
        default=None, max_length=INVENTORY_ENUM_MAX_LENGTH
    )
    to_virtual_warehouse_type: str = Field(max_length=INVENTORY_ENUM_MAX_LENGTH)
    # RESTRICT: a ticket a unit moved for stays, so the history stays explained.
    reference_ticket_id: str | None = Field(
        default=None,
        foreign_key="service_tickets.id",
        ondelete="RESTRICT",
        index=True,
        max_length=ID_LENGTH,
    )
    notes: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    moved_by_id: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    created_at: datetime = Field(sa_type=UTCDateTime)


class StockThresholdRow(SQLModel, table=True):
    """The stock level below which a model in a virtual warehouse needs reordering."""

    __tablename__ = "stock_thresholds"
    __table_args__ = (
        CheckConstraint(
            one_of("virtual_warehouse_type", VIRTUAL_WAREHOUSE_TYPES),
            name="virtual_warehouse_type_known",
        ),
        CheckConstraint("minimum_quantity >= 0", name="minimum_quantity_not_negative"),
        CheckConstraint("reorder_quantity >= 0", name="reorder_quantity_not_negative"),
    )

    # A threshold goes with its model.
    product_id: str = Field(
        foreign_key="product_models.id",
        ondelete="CASCADE",
        primary_key=True,
        max_length=ID_LENGTH,
    )
    virtual_warehouse_type: str = Field(primary_key=True, max_length=INVENTORY_ENUM_MAX_LENGTH)
    minimum_quantity: int
    reorder_quantity: int
    alert_enabled: bool = True
    updated_by_id: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    updated_at: datetime = Field(sa_type=UTCDateTime)


class RmaBatchRow(SQLModel, table=True):
    """Units going back to a supplier together (Return Merchandise Authorization)."""

    __tablename__ = "rma_batches"
    __table_args__ = (CheckConstraint(one_of("status", RMA_STATUSES), name="status_known"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    supplier_name: str = Field(max_length=LONG_NAME_MAX_LENGTH)
    status: str = Field(default="draft", index=True, max_length=INVENTORY_ENUM_MAX_LENGTH)
    shipping_date: date | None = None
    tracking_number: str | None = Field(default=None, max_length=TRACKING_NUMBER_MAX_LENGTH)
    notes: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    created_by_id: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class RmaBatchItemRow(SQLModel, table=True):
    """A unit in an RMA batch. A unit is in at most one batch that is not completed:
    adding it locks the unit first (services/inventory), so two batches cannot both
    take it."""

    __tablename__ = "rma_batch_items"
    __table_args__ = (UniqueConstraint("batch_id", "product_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    batch_id: str = Field(
        foreign_key="rma_batches.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    product_id: str = Field(
        foreign_key="physical_products.id", ondelete="RESTRICT", index=True, max_length=ID_LENGTH
    )
    added_by_id: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    added_at: datetime = Field(sa_type=UTCDateTime)
