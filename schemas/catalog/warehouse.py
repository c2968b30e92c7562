"""``catalog.warehouse.*``: physical warehouses (the virtual warehouse types are the
contract's enum, not rows)."""

from typing import Annotated

from pydantic import AfterValidator, Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import NoControlCharacters, Timestamp
from schemas.fields import Name, NotNull, ResourceId, not_null
from schemas.limits import (
    LONG_NAME_MAX_LENGTH,
    WAREHOUSE_CODE_MAX_LENGTH,
    WAREHOUSE_CODE_MIN_LENGTH,
)
from schemas.paging import PageInput

WarehouseName = Name
# Letters A-Z (either case), digits and dashes, stored upper case: "a-1" is "A-1".
# Checked before upper-casing, on ASCII only: a dotless i upper-cased would pass as "I".
WarehouseCode = Annotated[
    str,
    Field(
        min_length=WAREHOUSE_CODE_MIN_LENGTH,
        max_length=WAREHOUSE_CODE_MAX_LENGTH,
        pattern=r"^[A-Za-z0-9-]+$",
    ),
    AfterValidator(str.upper),
]
Location = Annotated[str, Field(max_length=LONG_NAME_MAX_LENGTH), NoControlCharacters]


class ListWarehousesInput(PageInput):
    """``search`` looks in the name and the code."""


class Warehouse(SnakeOutput):
    id: str
    name: str
    code: str
    location: str | None
    created_at: Timestamp
    updated_at: Timestamp


class WarehousePage(SnakeOutput):
    warehouses: list[Warehouse]
    total: int


class CreateWarehouseInput(SnakeInput):
    name: WarehouseName
    code: WarehouseCode
    location: Location | None = None


class UpdateWarehouseInput(SnakeInput):
    id: ResourceId
    name: Annotated[WarehouseName | None, NotNull] = not_null()
    code: Annotated[WarehouseCode | None, NotNull] = not_null()
    # null clears the location.
    location: Location | None = None


class DeleteWarehouseInput(SnakeInput):
    id: ResourceId
