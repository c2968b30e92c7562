"""The catalog's lists, compiled queries on the test's database, against the fakes.

On SQLite, or PostgreSQL when DATABASE_URL names one, every filter and page of brands,
product models and warehouses answers what the in-memory stores answer for the same
rows (which the services' unit tests run on): ordered by name then id, search ignoring
case and taking % and _ literally, the total counting every match.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.repositories.catalog.product import ProductFilter
from db.tables.catalog import BrandRow, ProductModelRow, WarehouseRow
from services.name_rules import name_key
from tests.fakes import FakeUnitOfWork
from tests.integration.conftest import UowFactory
from tests.integration.rows import save

T0 = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
SEARCHES = [None, "a", "APP", "%", "_", "1_0", "zz"]
PAGES = [(0, 50), (0, 2), (2, 2), (5, 3), (40, 10)]


def brands() -> list[BrandRow]:
    names = ["Apple", "apple pie", "Applied", "Zebra", "100% Co", "1_0 Ltd", "100x"]
    return [
        BrandRow(
            id=f"b{index}",
            name=name,
            name_key=name_key(name),
            created_at=T0 + timedelta(minutes=index),
            updated_at=T0,
        )
        for index, name in enumerate(names)
    ]


def products(brand_ids: list[str]) -> list[ProductModelRow]:
    made = [
        # (name, sku, type) - ties in the name, searches that hit the name or the SKU
        ("Same", "S-2", "phone"),
        ("Same", "S-1", "laptop"),
        ("iPhone", "APP-15", "phone"),
        ("ThinkPad", "TP_14", "laptop"),
        ("Galaxy", "100%", "phone"),
        ("Watch", "W1", "watch"),
    ]
    return [
        ProductModelRow(
            id=f"p{5 - index}",  # ids against the insert order: ties sort by id
            name=name,
            sku=sku,
            type=kind,
            description=None if index % 2 else f"about {name}",
            brand_id=brand_ids[index % 2],
            created_at=T0,
            updated_at=T0 + timedelta(hours=index),
        )
        for index, (name, sku, kind) in enumerate(made)
    ]


def warehouses() -> list[WarehouseRow]:
    made = [("Main", "MAIN-1", "Back"), ("Main", "A-2", None), ("Annex", "APP-3", "Yard")]
    return [
        WarehouseRow(
            id=f"w{index}", name=name, code=code, location=location, created_at=T0, updated_at=T0
        )
        for index, (name, code, location) in enumerate(made)
    ]


@pytest.fixture
def fake() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    stored_brands = brands()
    for brand in stored_brands:
        uow.brands.add(brand.model_copy())
    for product in products([stored_brands[0].id, stored_brands[3].id]):
        uow.product_models.add(product.model_copy())
    for warehouse in warehouses():
        uow.warehouses.add(warehouse.model_copy())
    return uow


@pytest.fixture
def stored(sessions: sessionmaker[Session], fake: FakeUnitOfWork) -> None:
    stored_brands = brands()
    save(sessions, *stored_brands)
    save(sessions, *products([stored_brands[0].id, stored_brands[3].id]), *warehouses())


@pytest.mark.usefixtures("stored")
@pytest.mark.parametrize(("search", "page"), list(itertools.product(SEARCHES, PAGES)))
def test_brands_list_as_the_fake_lists(
    make_uow: UowFactory, fake: FakeUnitOfWork, search: str | None, page: tuple[int, int]
) -> None:
    offset, limit = page
    with make_uow(read_only=True) as uow:
        rows = uow.brands.list_page(search=search, offset=offset, limit=limit)
        total = uow.brands.count(search=search)

    assert rows == fake.brands.list_page(search=search, offset=offset, limit=limit)
    assert total == fake.brands.count(search=search)


def _product_filters() -> list[ProductFilter]:
    return [
        ProductFilter(search=search, brand_id=brand_id, type=kind)
        for search, brand_id, kind in itertools.product(
            [None, "same", "app", "%", "_1"], [None, "b0", "b3", "missing"], [None, "phone"]
        )
    ]


@pytest.mark.usefixtures("stored")
@pytest.mark.parametrize("where", _product_filters(), ids=repr)
def test_products_list_as_the_fake_lists(
    make_uow: UowFactory, fake: FakeUnitOfWork, where: ProductFilter
) -> None:
    for offset, limit in PAGES:
        with make_uow(read_only=True) as uow:
            rows = uow.product_models.list_page(where, offset=offset, limit=limit)
            total = uow.product_models.count(where)

        assert rows == fake.product_models.list_page(where, offset=offset, limit=limit)
        assert total == fake.product_models.count(where)


@pytest.mark.usefixtures("stored")
def test_a_product_is_read_with_its_brand(make_uow: UowFactory, fake: FakeUnitOfWork) -> None:
    with make_uow(read_only=True) as uow:
        found = uow.product_models.listing("p5")
        missing = uow.product_models.listing("missing")
        nul = uow.product_models.listing("p\x005")

    assert found == fake.product_models.listing("p5")
    assert found is not None
    assert (found.product.name, found.brand.name) == ("Same", "Apple")
    assert found.product.created_at == T0
    assert (missing, nul) == (None, None)


@pytest.mark.usefixtures("stored")
@pytest.mark.parametrize("search", [None, "main", "app", "a-", "zz"])
def test_warehouses_list_as_the_fake_lists(
    make_uow: UowFactory, fake: FakeUnitOfWork, search: str | None
) -> None:
    with make_uow(read_only=True) as uow:
        rows = uow.warehouses.list_page(search=search, offset=0, limit=50)
        total = uow.warehouses.count(search=search)

    expected: Any = fake.warehouses.list_page(search=search, offset=0, limit=50)
    assert rows == expected
    assert total == fake.warehouses.count(search=search)


@pytest.mark.usefixtures("stored")
def test_the_lists_are_not_vacuous(make_uow: UowFactory) -> None:
    # Guard: the comparisons above see rows, ties and every kind of match.
    with make_uow(read_only=True) as uow:
        assert [b.name for b in uow.brands.list_page(search="1", offset=0, limit=9)] == [
            "100% Co",
            "100x",
            "1_0 Ltd",
        ]
        assert [b.id for b in uow.brands.list_page(search="%", offset=0, limit=9)] == ["b4"]
        same = uow.product_models.list_page(ProductFilter(search="same"), offset=0, limit=9)
        assert [p.product.id for p in same] == ["p4", "p5"]
        assert [w.id for w in uow.warehouses.list_page(search=None, offset=0, limit=9)] == [
            "w2",
            "w0",
            "w1",
        ]
