"""The product model service on the in-memory fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.tables.catalog import BrandRow
from services.catalog import brand as brand_service
from services.catalog import product as product_service
from services.catalog.product import NewProduct, ProductChanges, ProductFilter
from services.errors import Conflict, NotFound
from tests.fakes import FakeClock, FakeUnitOfWork


@pytest.fixture
def brand(uow: FakeUnitOfWork) -> BrandRow:
    return brand_service.create_brand(uow, name="Apple")


def new(brand: BrandRow, sku: str = "IP15", **fields: str) -> NewProduct:
    values = {"name": "iPhone 15", "type": "phone", **fields}
    return NewProduct(sku=sku, brand_id=brand.id, **values)


def test_create_answers_the_model_with_its_brand(
    uow: FakeUnitOfWork, brand: BrandRow, clock: FakeClock
) -> None:
    listing = product_service.create_product(uow, new(brand, description="128 GB"), clock=clock)

    product = listing.product
    assert (product.name, product.sku, product.type, product.description) == (
        "iPhone 15",
        "IP15",
        "phone",
        "128 GB",
    )
    assert (listing.brand.id, listing.brand.name) == (brand.id, "Apple")
    assert product.created_at == product.updated_at == clock()
    assert product_service.get_product(uow, product.id) == listing


def test_create_needs_an_existing_brand(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotFound, match="Brand not found"):
        product_service.create_product(
            uow, NewProduct(name="X", sku="X", type="phone", brand_id="missing")
        )
    assert (uow.product_models.rows, uow.commits) == ({}, 0)


def test_skus_are_unique_exactly_as_written(uow: FakeUnitOfWork, brand: BrandRow) -> None:
    product_service.create_product(uow, new(brand, "Ab-1"))

    with pytest.raises(Conflict, match=product_service.SKU_TAKEN):
        product_service.create_product(uow, new(brand, "Ab-1"))
    other_case = product_service.create_product(uow, new(brand, "AB-1"))

    assert other_case.product.sku == "AB-1"


def test_update_changes_only_what_is_given(
    uow: FakeUnitOfWork, brand: BrandRow, clock: FakeClock
) -> None:
    other = brand_service.create_brand(uow, name="Lenovo")
    created = product_service.create_product(uow, new(brand, description="d"), clock=clock)
    clock.advance(timedelta(minutes=1))

    updated = product_service.update_product(
        uow,
        created.product.id,
        ProductChanges(brand_id=other.id, description=None),
        clock=clock,
    )

    assert (updated.product.name, updated.product.sku) == ("iPhone 15", "IP15")
    assert (updated.product.description, updated.product.brand_id) == (None, other.id)
    assert (updated.brand.id, updated.brand.name) == (other.id, "Lenovo")
    assert updated.product.updated_at == clock() != created.product.updated_at


def test_update_refuses_a_taken_sku_and_a_missing_brand(
    uow: FakeUnitOfWork, brand: BrandRow
) -> None:
    product_service.create_product(uow, new(brand, "TAKEN"))
    mine = product_service.create_product(uow, new(brand, "MINE")).product

    with pytest.raises(Conflict):
        product_service.update_product(uow, mine.id, ProductChanges(sku="TAKEN"))
    with pytest.raises(NotFound, match="Brand not found"):
        product_service.update_product(uow, mine.id, ProductChanges(brand_id="missing"))
    kept = product_service.update_product(uow, mine.id, ProductChanges(sku="MINE"))

    assert (kept.product.sku, kept.product.brand_id) == ("MINE", brand.id)


def test_missing_models_are_not_found(uow: FakeUnitOfWork) -> None:
    message = product_service.PRODUCT_NOT_FOUND
    with pytest.raises(NotFound, match=message):
        product_service.get_product(uow, "missing")
    with pytest.raises(NotFound, match=message):
        product_service.update_product(uow, "missing", ProductChanges(name="X"))
    with pytest.raises(NotFound, match=message):
        product_service.delete_product(uow, "missing")


def test_a_model_something_refers_to_is_kept(uow: FakeUnitOfWork, brand: BrandRow) -> None:
    product = product_service.create_product(uow, new(brand)).product
    uow.product_models.used_by[product.id] = ["parts", "templates"]
    uow.commits = 0

    with pytest.raises(Conflict, match=r"^Product model is still used by parts and templates$"):
        product_service.delete_product(uow, product.id)
    assert (product.id in uow.product_models.rows, uow.commits) == (True, 0)


def test_delete_removes_an_unused_model(uow: FakeUnitOfWork, brand: BrandRow) -> None:
    product = product_service.create_product(uow, new(brand)).product

    product_service.delete_product(uow, product.id)

    assert uow.product_models.rows == {}


def test_list_filters_and_pages(uow: FakeUnitOfWork, brand: BrandRow) -> None:
    other = brand_service.create_brand(uow, name="Lenovo")
    product_service.create_product(uow, new(brand, "P-1", name="B phone"))
    product_service.create_product(uow, new(brand, "T-1", name="A tablet", type="tablet"))
    product_service.create_product(uow, new(other, "L-1", name="C laptop", type="laptop"))

    def names(where: ProductFilter, offset: int = 0, limit: int = 50) -> tuple[list[str], int]:
        page = product_service.list_products(uow, where, offset=offset, limit=limit)
        return [row.product.name for row in page.rows], page.total

    assert names(ProductFilter()) == (["A tablet", "B phone", "C laptop"], 3)
    assert names(ProductFilter(brand_id=brand.id)) == (["A tablet", "B phone"], 2)
    assert names(ProductFilter(type="laptop")) == (["C laptop"], 1)
    assert names(ProductFilter(search="t-1")) == (["A tablet"], 1)
    assert names(ProductFilter(), offset=1, limit=1) == (["B phone"], 3)
