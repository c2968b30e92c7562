"""A serial-numbered unit as every ``inventory.*`` answer shows it.

The contract calls a unit a "physical product"; its ``product`` is the product model it
is a unit of (catalog), embedded with the model's brand, and ``physical_warehouse`` the
warehouse it stands in. One shape for every answer that holds a unit, so a client has
one unit type. ``warranty_status`` is computed against the server's today (UTC).
"""

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import Timestamp
from schemas.dates import IsoDate
from schemas.fields import ResourceId
from schemas.inventory.vocabulary import (
    Condition,
    SerialNumber,
    VirtualWarehouseType,
    WarrantyStatus,
)
from schemas.money import NonNegativeMoney


class UnitBrand(SnakeOutput):
    id: str
    name: str


class UnitModel(SnakeOutput):
    """The product model a unit is of."""

    id: str
    name: str
    sku: str
    type: str
    brand: UnitBrand


class UnitWarehouse(SnakeOutput):
    id: str
    name: str
    code: str
    location: str | None


class PhysicalProduct(SnakeOutput):
    id: str
    serial_number: str
    product_id: str
    physical_warehouse_id: str | None
    virtual_warehouse_type: VirtualWarehouseType
    condition: Condition
    warranty_start_date: IsoDate | None
    warranty_months: int | None
    warranty_end_date: IsoDate | None
    warranty_status: WarrantyStatus
    purchase_date: IsoDate | None
    supplier_id: str | None
    supplier_name: str | None
    purchase_price: NonNegativeMoney | None
    notes: str | None
    photo_urls: list[str]
    # The ticket the unit serves while it is in service.
    current_ticket_id: str | None
    created_at: Timestamp
    updated_at: Timestamp
    product: UnitModel
    physical_warehouse: UnitWarehouse | None = Field(
        description="The warehouse it stands in; null when none"
    )


class GetUnitInput(SnakeInput):
    """By ``id`` or by ``serial_number`` (any case). Neither is BAD_REQUEST, as the
    contract says; both must name the same unit."""

    id: ResourceId | None = None
    serial_number: SerialNumber | None = None
