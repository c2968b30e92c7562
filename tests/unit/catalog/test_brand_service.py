"""The brand service on the in-memory fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.catalog import brand as brand_service
from services.catalog import product as product_service
from services.catalog.listing import PageRequest
from services.errors import Conflict, NotFound
from tests.fakes import FakeClock, FakeUnitOfWork


def test_create_stores_the_name_and_its_key(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    brand = brand_service.create_brand(uow, name="Straße", clock=clock)

    assert (brand.name, brand.name_key) == ("Straße", "strasse")
    assert brand.created_at == brand.updated_at == clock()
    assert uow.brands.rows == {brand.id: brand}
    assert uow.committed


def test_a_name_taken_in_another_case_is_refused(uow: FakeUnitOfWork) -> None:
    brand_service.create_brand(uow, name="Apple")
    uow.commits = 0

    with pytest.raises(Conflict, match=brand_service.BRAND_NAME_TAKEN):
        brand_service.create_brand(uow, name="APPLE")
    assert (len(uow.brands.rows), uow.commits) == (1, 0)


def test_rename_keeps_the_key_in_step_and_moves_updated_at(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    brand = brand_service.create_brand(uow, name="Apple", clock=clock)
    clock.advance(timedelta(minutes=1))

    brand_service.update_brand(
        uow, brand.id, brand_service.BrandChanges(name="Lenovo"), clock=clock
    )

    assert (brand.name, brand.name_key, brand.updated_at) == ("Lenovo", "lenovo", clock())
    assert brand.created_at == clock() - timedelta(minutes=1)


def test_rename_to_its_own_name_in_another_case_is_fine(uow: FakeUnitOfWork) -> None:
    brand = brand_service.create_brand(uow, name="apple")

    brand_service.update_brand(uow, brand.id, brand_service.BrandChanges(name="Apple"))

    assert brand.name == "Apple"


def test_rename_onto_another_brand_is_refused(uow: FakeUnitOfWork) -> None:
    brand_service.create_brand(uow, name="Apple")
    other = brand_service.create_brand(uow, name="Lenovo")

    with pytest.raises(Conflict):
        brand_service.update_brand(uow, other.id, brand_service.BrandChanges(name="apple"))
    assert other.name == "Lenovo"


def test_missing_brands_are_not_found(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotFound, match=brand_service.BRAND_NOT_FOUND):
        brand_service.update_brand(uow, "missing", brand_service.BrandChanges(name="X"))
    with pytest.raises(NotFound, match=brand_service.BRAND_NOT_FOUND):
        brand_service.delete_brand(uow, "missing")


def test_a_brand_of_product_models_is_kept(uow: FakeUnitOfWork) -> None:
    brand = brand_service.create_brand(uow, name="Apple")
    product_service.create_product(
        uow, product_service.NewProduct(name="iPhone", sku="IP", type="phone", brand_id=brand.id)
    )
    uow.commits = 0

    with pytest.raises(Conflict, match=r"^Brand is still used by product models$"):
        brand_service.delete_brand(uow, brand.id)
    assert (brand.id in uow.brands.rows, uow.commits) == (True, 0)


def test_delete_removes_an_unused_brand(uow: FakeUnitOfWork) -> None:
    brand = brand_service.create_brand(uow, name="Apple")

    brand_service.delete_brand(uow, brand.id)

    assert uow.brands.rows == {}


def test_list_orders_by_name_then_id_and_counts_all_matches(uow: FakeUnitOfWork) -> None:
    for name in ("Cherry", "Apple", "Banana", "Apricot"):
        brand_service.create_brand(uow, name=name)

    page = brand_service.list_brands(uow, PageRequest(search="ap", offset=1, limit=1))
    everything = brand_service.list_brands(uow, PageRequest())

    assert [b.name for b in page.rows] == ["Apricot"]
    assert page.total == 2
    assert [b.name for b in everything.rows] == ["Apple", "Apricot", "Banana", "Cherry"]
    assert everything.total == 4
