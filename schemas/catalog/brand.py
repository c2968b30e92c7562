"""``catalog.brand.*``."""

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import Timestamp
from schemas.fields import Name, ResourceId
from schemas.paging import PageInput

BrandName = Name


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
