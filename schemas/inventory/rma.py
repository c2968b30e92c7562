"""RMA batches: units going back to a supplier together, and the entries that put each
unit in its batch.

One answer shape for a batch (``RmaBatch``) wherever a procedure answers one: creating,
finalizing, listing, or reading it with its units. A batch entry shows its unit as every
``inventory.*`` answer shows a unit (``PhysicalProduct``), plus the contract's
``product_info`` {name, sku, type} of its model.
"""

from typing import Annotated, Final

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import NoControlCharacters, Timestamp
from schemas.dates import IsoDate
from schemas.fields import NotNull, ResourceId, not_null
from schemas.inventory.unit import PhysicalProduct
from schemas.inventory.vocabulary import RmaStatus
from schemas.limits import LONG_NAME_MAX_LENGTH, TRACKING_NUMBER_MAX_LENGTH
from schemas.paging import PAGE_LIMIT_DEFAULT, Limit, Offset
from schemas.workflow.text import LongText

SUPPLIER_NAME_MIN_LENGTH: Final = 2
# The most units one call adds: a full pallet of returns, far under a request's size.
RMA_ADD_MAX: Final = 500

# The contract's "min 2 chars", counted after surrounding whitespace is stripped.
SupplierName = Annotated[
    str,
    Field(min_length=SUPPLIER_NAME_MIN_LENGTH, max_length=LONG_NAME_MAX_LENGTH),
    NoControlCharacters,
]
TrackingNumber = Annotated[
    str, Field(min_length=1, max_length=TRACKING_NUMBER_MAX_LENGTH), NoControlCharacters
]
# A unit named twice is added once: a scanner's double read is not a mistake worth refusing.
UnitIds = Annotated[list[ResourceId], Field(min_length=1, max_length=RMA_ADD_MAX)]


class CreateRmaBatchInput(SnakeInput):
    supplier_name: SupplierName
    shipping_date: IsoDate | None = None
    tracking_number: TrackingNumber | None = None
    notes: LongText | None = None


class AddUnitsToRmaInput(SnakeInput):
    batch_id: ResourceId
    # The units (the contract's physical products) by id, 1 to 500.
    product_ids: UnitIds


class FinalizeRmaBatchInput(SnakeInput):
    """Fields left out stay as they were set at creation."""

    batch_id: ResourceId
    shipping_date: Annotated[IsoDate | None, NotNull] = not_null()
    tracking_number: Annotated[TrackingNumber | None, NotNull] = not_null()


class ListRmaBatchesInput(SnakeInput):
    status: RmaStatus | None = None
    limit: Limit = PAGE_LIMIT_DEFAULT
    offset: Offset = 0


class GetRmaBatchInput(SnakeInput):
    batch_id: ResourceId


class RmaUser(SnakeOutput):
    """Who created a batch or added a unit (null once that user is deleted)."""

    id: str
    full_name: str


class RmaBatch(SnakeOutput):
    id: str
    supplier_name: str
    status: RmaStatus
    shipping_date: IsoDate | None
    tracking_number: str | None
    notes: str | None
    # When it was finalized (status submitted); null while a draft.
    submitted_at: Timestamp | None
    created_at: Timestamp
    updated_at: Timestamp
    created_by: RmaUser | None
    # The units in the batch.
    product_count: int


class RmaBatchPage(SnakeOutput):
    batches: list[RmaBatch]
    total: int


class AddUnitsToRmaResult(SnakeOutput):
    success: bool
    # How many units this call put in the batch.
    added: int
    # One line per unit not added, naming it and why; empty when every unit was added.
    errors: list[str]


class ProductInfo(SnakeOutput):
    """The unit's product model, as the contract names it in a batch's entries."""

    name: str
    sku: str
    type: str


class RmaUnit(PhysicalProduct):
    product_info: ProductInfo


class RmaEntry(SnakeOutput):
    # The entry's id (the unit's place in the batch); product_id is the unit's.
    id: str
    product_id: str
    added_at: Timestamp
    product: RmaUnit
    added_by: RmaUser | None


class RmaBatchDetails(SnakeOutput):
    batch: RmaBatch
    # In the order they were added.
    products: list[RmaEntry]
