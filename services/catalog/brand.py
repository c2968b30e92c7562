"""Brands: the makers of the product models ("Apple", "Lenovo"), unique ignoring case."""

from dataclasses import dataclass

# Re-exported: what listing answers with, for the router to map.
from db.repositories.catalog.brand import BrandRecord as BrandRecord
from db.tables.catalog import BrandRow
from db.unit_of_work import UnitOfWork
from services.catalog.listing import Page, PageRequest
from services.catalog.usage_rules import refuse_while_used
from services.changes import UNCHANGED, Changes, Unchanged, apply_changes
from services.clock import Clock, utc_now
from services.errors import Conflict, NotFound
from services.name_rules import name_key

BRAND_NOT_FOUND = "Brand not found"
BRAND_NAME_TAKEN = "A brand with this name already exists"


@dataclass(frozen=True)
class BrandChanges(Changes[BrandRow]):
    name: str | Unchanged = UNCHANGED


def list_brands(uow: UnitOfWork, request: PageRequest) -> Page[BrandRecord]:
    with uow:
        rows = uow.brands.list_page(
            search=request.search, offset=request.offset, limit=request.limit
        )
        return Page(rows=rows, total=uow.brands.count(search=request.search))


def create_brand(uow: UnitOfWork, *, name: str, clock: Clock = utc_now) -> BrandRow:
    with uow:
        key = name_key(name)
        _refuse_taken(uow, key, brand_id=None)
        now = clock()
        brand = BrandRow(name=name, name_key=key, created_at=now, updated_at=now)
        uow.brands.add(brand)
        uow.commit()
        return brand


def update_brand(
    uow: UnitOfWork, brand_id: str, changes: BrandChanges, *, clock: Clock = utc_now
) -> BrandRow:
    with uow:
        brand = existing_brand(uow, brand_id)
        if isinstance(changes.name, str):
            # Its own name in another case is no clash: the key stays the brand's.
            _refuse_taken(uow, name_key(changes.name), brand_id=brand.id)
            brand.name_key = name_key(changes.name)
        apply_changes(brand, changes)
        brand.updated_at = clock()
        uow.commit()
        return brand


def delete_brand(uow: UnitOfWork, brand_id: str) -> None:
    with uow:
        brand = existing_brand(uow, brand_id)
        refuse_while_used("Brand", uow.brands.referred_to_by(brand.id))
        uow.brands.delete(brand)
        uow.commit()


def existing_brand(uow: UnitOfWork, brand_id: str) -> BrandRow:
    brand = uow.brands.get(brand_id)
    if brand is None:
        raise NotFound(BRAND_NOT_FOUND)
    return brand


def _refuse_taken(uow: UnitOfWork, key: str, *, brand_id: str | None) -> None:
    # A clear message first; the unique constraint on name_key settles a race.
    holder = uow.brands.with_name_key(key)
    if holder is not None and holder.id != brand_id:
        raise Conflict(BRAND_NAME_TAKEN)
