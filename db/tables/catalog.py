"""The catalog: brands, product models, spare parts with their stock ledger, warehouses.

Nothing in the service-center contract creates these, yet tickets, templates and
inventory refer to them; ``catalog.*`` manages them. Names that must be unique ignoring
case keep a ``*_key`` column (the casefolded name) under a unique constraint, so the
database settles races between two creators the same way on SQLite and PostgreSQL.
"""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from db.column_types import ID_LENGTH, MoneyAmount, UTCDateTime, new_id
from schemas.limits import (
    LONG_NAME_MAX_LENGTH,
    LONG_TEXT_MAX_LENGTH,
    NAME_KEY_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PRODUCT_TYPE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    SKU_MAX_LENGTH,
    WAREHOUSE_CODE_MAX_LENGTH,
)


class BrandRow(SQLModel, table=True):
    __tablename__ = "brands"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    name: str = Field(max_length=NAME_MAX_LENGTH)
    # name.casefold(): see schemas.limits.NAME_KEY_MAX_LENGTH for its width.
    name_key: str = Field(unique=True, max_length=NAME_KEY_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ProductModelRow(SQLModel, table=True):
    """A model of device the shop repairs ("iPhone 15", "ThinkPad T14"): what tickets,
    templates (their ``product_type``), parts and serial-numbered units refer to."""

    __tablename__ = "product_models"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    name: str = Field(max_length=LONG_NAME_MAX_LENGTH)
    sku: str = Field(unique=True, max_length=SKU_MAX_LENGTH)
    # A free kind such as "phone" or "laptop".
    type: str = Field(index=True, max_length=PRODUCT_TYPE_MAX_LENGTH)
    description: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    # RESTRICT: a brand in use is not deleted (the service says CONFLICT first).
    brand_id: str = Field(
        foreign_key="brands.id", ondelete="RESTRICT", index=True, max_length=ID_LENGTH
    )
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class PartRow(SQLModel, table=True):
    """A spare part kept in stock by count. ``stock_quantity`` changes only together
    with a ledger row (``PartStockEntryRow``), so it always equals the ledger's sum."""

    __tablename__ = "parts"
    __table_args__ = (
        CheckConstraint("stock_quantity >= 0", name="stock_not_negative"),
        CheckConstraint("minimum_stock >= 0", name="minimum_not_negative"),
        CheckConstraint("unit_price >= 0", name="price_not_negative"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    name: str = Field(max_length=LONG_NAME_MAX_LENGTH)
    sku: str = Field(unique=True, max_length=SKU_MAX_LENGTH)
    unit_price: Decimal = Field(sa_type=MoneyAmount)
    stock_quantity: int = Field(default=0)
    minimum_stock: int = Field(default=0)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class PartFitRow(SQLModel, table=True):
    """A product model a part fits (many to many)."""

    __tablename__ = "part_fits"

    part_id: str = Field(
        foreign_key="parts.id", ondelete="CASCADE", primary_key=True, max_length=ID_LENGTH
    )
    # RESTRICT: deleting a model that parts fit is refused (CONFLICT in the service).
    product_id: str = Field(
        foreign_key="product_models.id",
        ondelete="RESTRICT",
        primary_key=True,
        index=True,
        max_length=ID_LENGTH,
    )


class PartStockEntryRow(SQLModel, table=True):
    """One change of a part's stock: the ledger that ``parts.stock_quantity`` sums."""

    __tablename__ = "part_stock_entries"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    part_id: str = Field(
        foreign_key="parts.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    delta: int
    stock_after: int
    reason: str = Field(max_length=REASON_MAX_LENGTH)
    # The ticket the parts went to or came back from (tickets write these entries).
    # RESTRICT: a ticket that moved stock stays, so every entry remains explained.
    ticket_id: str | None = Field(
        default=None,
        foreign_key="service_tickets.id",
        ondelete="RESTRICT",
        index=True,
        max_length=ID_LENGTH,
    )
    # Who made the change; kept (as NULL) when the user is deleted.
    actor_id: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    created_at: datetime = Field(sa_type=UTCDateTime)


class WarehouseRow(SQLModel, table=True):
    """A physical warehouse (a room, a shelf, a site). Where a serial-numbered unit
    stands; the virtual warehouse types (its state: warranty stock, in service, ...)
    are the contract's enum, not rows."""

    __tablename__ = "warehouses"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    name: str = Field(max_length=NAME_MAX_LENGTH)
    # A-Z, 0-9 and dash, stored upper case.
    code: str = Field(unique=True, max_length=WAREHOUSE_CODE_MAX_LENGTH)
    location: str | None = Field(default=None, max_length=LONG_NAME_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
