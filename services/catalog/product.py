"""Product models: the kinds of device the shop repairs, each of one brand.

A SKU is stored as given and unique exactly as written ("IP15-128" and "ip15-128" are
two SKUs): it is the maker's or the shop's code, copied, not typed in free form.
"""

from dataclasses import dataclass

# Re-exported: what the procedures answer with and take, for the router.
from db.repositories.catalog.product import ProductFilter as ProductFilter
from db.repositories.catalog.product import ProductListing as ProductListing
from db.tables.catalog import ProductModelRow
from db.unit_of_work import UnitOfWork
from services.catalog.brand import existing_brand
from services.catalog.listing import Page
from services.catalog.usage_rules import refuse_while_used
from services.changes import UNCHANGED, Changes, Unchanged, apply_changes
from services.clock import Clock, utc_now
from services.errors import Conflict, NotFound

PRODUCT_NOT_FOUND = "Product model not found"
SKU_TAKEN = "A product model with this SKU already exists"


@dataclass(frozen=True)
class NewProduct:
    name: str
    sku: str
    type: str
    brand_id: str
    description: str | None = None


@dataclass(frozen=True)
class ProductChanges(Changes[ProductModelRow]):
    """catalog.product.update: description None clears it."""

    name: str | Unchanged = UNCHANGED
    sku: str | Unchanged = UNCHANGED
    type: str | Unchanged = UNCHANGED
    description: str | Unchanged | None = UNCHANGED
    brand_id: str | Unchanged = UNCHANGED


def list_products(
    uow: UnitOfWork, where: ProductFilter, *, offset: int, limit: int
) -> Page[ProductListing]:
    with uow:
        rows = uow.product_models.list_page(where, offset=offset, limit=limit)
        return Page(rows=rows, total=uow.product_models.count(where))


def get_product(uow: UnitOfWork, product_id: str) -> ProductListing:
    with uow:
        found = uow.product_models.listing(product_id)
        if found is None:
            raise NotFound(PRODUCT_NOT_FOUND)
        return found


def create_product(uow: UnitOfWork, new: NewProduct, *, clock: Clock = utc_now) -> ProductListing:
    with uow:
        brand = existing_brand(uow, new.brand_id)
        _refuse_taken(uow, new.sku, product_id=None)
        now = clock()
        product = ProductModelRow(
            name=new.name,
            sku=new.sku,
            type=new.type,
            description=new.description,
            brand_id=brand.id,
            created_at=now,
            updated_at=now,
        )
        uow.product_models.add(product)
        uow.commit()
        return ProductListing.of(product, brand)


def update_product(
    uow: UnitOfWork, product_id: str, changes: ProductChanges, *, clock: Clock = utc_now
) -> ProductListing:
    with uow:
        product = existing_product(uow, product_id)
        if isinstance(changes.sku, str):
            _refuse_taken(uow, changes.sku, product_id=product.id)
        brand_id = changes.brand_id if isinstance(changes.brand_id, str) else product.brand_id
        brand = existing_brand(uow, brand_id)
        apply_changes(product, changes)
        product.updated_at = clock()
        uow.commit()
        return ProductListing.of(product, brand)


def delete_product(uow: UnitOfWork, product_id: str) -> None:
    with uow:
        product = existing_product(uow, product_id)
        refuse_while_used("Product model", uow.product_models.referred_to_by(product.id))
        uow.product_models.delete(product)
        uow.commit()


def existing_product(uow: UnitOfWork, product_id: str) -> ProductModelRow:
    product = uow.product_models.get(product_id)
    if product is None:
        raise NotFound(PRODUCT_NOT_FOUND)
    return product


def _refuse_taken(uow: UnitOfWork, sku: str, *, product_id: str | None) -> None:
    # A clear message first; the unique constraint on sku settles a race.
    holder = uow.product_models.with_sku(sku)
    if holder is not None and holder.id != product_id:
        raise Conflict(SKU_TAKEN)
