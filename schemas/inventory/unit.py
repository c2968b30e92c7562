"""A serial-numbered unit as every ``inventory.*`` answer shows it.

The contract calls a unit a "physical product"; its ``product`` is the product model it
is a unit of (catalog), embedded with the model's brand, and ``physical_warehouse`` the
warehouse it stands in. One shape for every answer that holds a unit, so a client has
one unit type. ``warranty_status`` is computed against the server's today (UTC).
"""

from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import JsonInteger, NoControlCharacters, Timestamp
from schemas.dates import IsoDate
from schemas.fields import LongName, NotNull, ResourceId, not_null
from schemas.inventory.vocabulary import (
    Condition,
    SerialNumber,
    VirtualWarehouseType,
    WarrantyStatus,
)
from schemas.limits import PHOTO_URLS_MAX, URL_MAX_LENGTH, WARRANTY_MONTHS_MAX
from schemas.money import NonNegativeMoney
from schemas.paging import PageInput
from schemas.workflow.text import LongText


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


def _http_url(value: str) -> str:
    try:
        parts = urlsplit(value)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        valid = False
    if not valid or any(character.isspace() for character in value):
        raise PydanticCustomError("invalid_url", "must be an http:// or https:// URL with a host")
    return value


# A photo of the unit kept elsewhere: an http(s) URL, stored as sent (a string, so an
# update's changes hold what the column holds).
PhotoUrl = Annotated[
    str,
    Field(min_length=1, max_length=URL_MAX_LENGTH),
    NoControlCharacters,
    AfterValidator(_http_url),
]
PhotoUrls = Annotated[list[PhotoUrl], Field(max_length=PHOTO_URLS_MAX)]
# The supplier's id in the shop's purchasing system, a UUID as the contract types it
# (stored as sent; no row here names suppliers).
SupplierId = Annotated[
    str,
    Field(
        pattern=r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
        description="A UUID",
    ),
]
WarrantyMonths = Annotated[JsonInteger, Field(ge=0, le=WARRANTY_MONTHS_MAX)]


class CreateUnitInput(SnakeInput):
    """``inventory.createProduct`` (and each row of ``inventory.bulkImport``).

    ``virtual_warehouse_type`` may not be ``in_service``: a unit goes into service only
    by its assignment to a ticket (BAD_REQUEST). With ``warranty_months`` and no
    ``warranty_start_date`` the warranty starts on the purchase day, else today."""

    serial_number: SerialNumber
    product_id: ResourceId
    physical_warehouse_id: ResourceId | None = None
    virtual_warehouse_type: VirtualWarehouseType
    condition: Condition
    warranty_start_date: IsoDate | None = None
    warranty_months: WarrantyMonths | None = None
    purchase_date: IsoDate | None = None
    supplier_id: SupplierId | None = None
    supplier_name: LongName | None = None
    purchase_price: NonNegativeMoney | None = None
    notes: LongText | None = None
    photo_urls: PhotoUrls = Field(default_factory=list)


class UpdateUnitInput(SnakeInput):
    """``inventory.updateProduct``: fields left out stay; the nullable ones are cleared
    by null. The place is not changed here: ``virtual_warehouse_type`` and
    ``physical_warehouse_id`` are accepted only where the unit already is (a change of
    place is a movement: ``inventory.recordMovement``)."""

    id: ResourceId
    serial_number: Annotated[SerialNumber | None, NotNull] = not_null()
    product_id: Annotated[ResourceId | None, NotNull] = not_null()
    physical_warehouse_id: ResourceId | None = None
    virtual_warehouse_type: Annotated[VirtualWarehouseType | None, NotNull] = not_null()
    condition: Annotated[Condition | None, NotNull] = not_null()
    warranty_start_date: IsoDate | None = None
    warranty_months: WarrantyMonths | None = None
    purchase_date: IsoDate | None = None
    supplier_id: SupplierId | None = None
    supplier_name: LongName | None = None
    purchase_price: NonNegativeMoney | None = None
    notes: LongText | None = None
    photo_urls: Annotated[PhotoUrls | None, NotNull] = not_null()


class ListUnitsInput(PageInput):
    """``search`` finds the text anywhere in the serial number, ignoring case."""

    physical_warehouse_id: ResourceId | None = None
    virtual_warehouse_type: VirtualWarehouseType | None = None
    condition: Condition | None = None
    warranty_status: WarrantyStatus | None = None


class UnitPage(SnakeOutput):
    products: list[PhysicalProduct]
    total: int
