"""``catalog.brand.*``."""

from typing import Annotated

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import NoControlCharacters, Timestamp
from schemas.fields import ResourceId
from schemas.limits import NAME_MAX_LENGTH
from schemas.paging import PageInput

BrandName = Annotated[str, Field(min_length=1, max_length=NAME_MAX_LENGTH), NoControlCharacters]


class ListBrandsInput(PageInput):
    """``search`` looks in the name."""


class Brand(SnakeOutput):
    id: str
    name: str
    created_at: Timestamp
    updated_at: Timestamp


class BrandPage(SnakeOutput):
    brands: list[Brand]
    total: int


class CreateBrandInput(SnakeInput):
    name: BrandName


class UpdateBrandInput(SnakeInput):
    # A brand has nothing else to change: the name is required.
    id: ResourceId
    name: BrandName


class DeleteBrandInput(SnakeInput):
    id: ResourceId
