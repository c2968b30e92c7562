"""The closed vocabularies of ``inventory.*``, and a unit's serial number on the wire.

The Literals are the contract's enums; db/tables/inventory.py keeps the same values in
its CHECKs (tests/contract checks they agree).
"""

from typing import Annotated, Final, Literal, get_args

from pydantic import AfterValidator, Field

from schemas.limits import SERIAL_NUMBER_MAX_LENGTH, SERIAL_NUMBER_MIN_LENGTH

VirtualWarehouseType = Literal["warranty_stock", "rma_staging", "dead_stock", "in_service", "parts"]
Condition = Literal["new", "refurbished", "used", "faulty", "for_parts"]
MovementType = Literal["receipt", "transfer", "assignment", "return", "disposal"]
RmaStatus = Literal["draft", "submitted", "shipped", "completed"]
# Computed against today (UTC): services/inventory/warranty_rules.py.
WarrantyStatus = Literal["active", "expired", "expiring_soon", "no_warranty"]
StockStatus = Literal["ok", "warning", "critical"]

VIRTUAL_WAREHOUSE_TYPES: Final[tuple[VirtualWarehouseType, ...]] = get_args(VirtualWarehouseType)
CONDITIONS: Final[tuple[Condition, ...]] = get_args(Condition)
MOVEMENT_TYPES: Final[tuple[MovementType, ...]] = get_args(MovementType)
RMA_STATUSES: Final[tuple[RmaStatus, ...]] = get_args(RmaStatus)
WARRANTY_STATUSES: Final[tuple[WarrantyStatus, ...]] = get_args(WarrantyStatus)
STOCK_STATUSES: Final[tuple[StockStatus, ...]] = get_args(StockStatus)

SERIAL_NUMBER_PATTERN: Final = r"^[A-Za-z0-9_-]+$"

# A unit's serial number as given: letters (either case), digits, dash and underscore;
# stored and answered upper case, so "sn-00042" and "SN-00042" are one unit.
SerialNumber = Annotated[
    str,
    Field(
        min_length=SERIAL_NUMBER_MIN_LENGTH,
        max_length=SERIAL_NUMBER_MAX_LENGTH,
        pattern=SERIAL_NUMBER_PATTERN,
        description="At least 5 of A-Z, 0-9, - and _ (stored upper case)",
    ),
    AfterValidator(str.upper),
]
