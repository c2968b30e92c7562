"""Units' list and bulk queries on the test's database (SQLite, or PostgreSQL when
DATABASE_URL names one), against the in-memory store the services' unit tests use.

The warranty filter is asked of the database with the bounds of warranty_rules, so its
boundaries are checked here day by day: the end day is still covered, the 30th day
ahead is still ``expiring_soon``, the 31st is ``active``.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.column_types import new_id
from db.repositories.inventory.unit import CHUNK_SIZE, UnitFilter, WarrantyBounds
from db.tables.catalog import BrandRow, ProductModelRow, WarehouseRow
from db.tables.inventory import PhysicalProductRow, StockMovementRow
from services.inventory.moving import Place, receipt_fields
from services.inventory.unit_rules import NewUnit, unit_fields
from services.inventory.warranty_rules import expiring_soon_until, warranty_status
from tests.fakes import FakeUnitOfWork
from tests.integration.conftest import UowFactory
from tests.integration.rows import save

T0 = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
TODAY = date(2026, 6, 1)
BOUNDS = WarrantyBounds(today=TODAY, expiring_soon_until=expiring_soon_until(TODAY))
# Days from TODAY to a unit's warranty end (None: no warranty), across every boundary.
END_OFFSETS = [None, -400, -1, 0, 1, 29, 30, 31, 400]
SERIALS = ["AB_12", "ABX12", "SN-100", "sn-200".upper(), "ZZ-9_9", "Q1234", "Q12345", "W-77777"]


def catalog() -> list[object]:
    brand = BrandRow(id="b0", name="Apple", name_key="apple", created_at=T0, updated_at=T0)
    models = [
        ProductModelRow(
            id=f"m{index}",
            name=f"Model {index}",
            sku=f"SKU-{index}",
            type="phone",
            brand_id="b0",
            created_at=T0,
            updated_at=T0,
        )
        for index in range(2)
    ]
    places = [
        WarehouseRow(
            id=f"w{index}",
            name=f"Store {index}",
            code=f"W-{index}",
            location=None,
            created_at=T0,
            updated_at=T0,
        )
        for index in range(2)
    ]
    return [brand, *models, *places]


def units() -> list[PhysicalProductRow]:
    made = []
    kinds = itertools.cycle(["warranty_stock", "parts", "dead_stock", "rma_staging"])
    conditions = itertools.cycle(["new", "used", "faulty"])
    warehouses = itertools.cycle(["w0", "w1", None])
    for index, (serial, offset) in enumerate(itertools.product(SERIALS, END_OFFSETS)):
        made.append(
            PhysicalProductRow(
                id=f"u{index:03d}",
                serial_number=f"{serial}-{index}",
                product_id=f"m{index % 2}",
                physical_warehouse_id=next(warehouses),
                virtual_warehouse_type=next(kinds),
                condition=next(conditions),
                warranty_end_date=None if offset is None else TODAY + timedelta(days=offset),
                # Ties in created_at: the id orders them.
                created_at=T0 + timedelta(minutes=index // 3),
                updated_at=T0,
            )
        )
    return made


@pytest.fixture
def fake() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    for row in catalog():
        if isinstance(row, BrandRow):
            uow.brands.add(row.model_copy())
        elif isinstance(row, ProductModelRow):
            uow.product_models.add(row.model_copy())
        elif isinstance(row, WarehouseRow):
            uow.warehouses.add(row.model_copy())
    for unit in units():
        uow.physical_products.add(unit.model_copy())
    return uow


@pytest.fixture
def stored(sessions: sessionmaker[Session]) -> None:
    save(sessions, *catalog())
    with sessions() as session:
        session.add_all(units())
        session.commit()


def _filters() -> list[UnitFilter]:
    return [
        UnitFilter(
            physical_warehouse_id=warehouse,
            virtual_warehouse_type=kind,
            condition=condition,
            warranty_status=status,
            search=search,
        )
        for warehouse, kind, condition, status, search in itertools.product(
            [None, "w1"],
            [None, "parts"],
            [None, "used"],
            [None, "active", "expired", "expiring_soon", "no_warranty"],
            [None, "b_1", "sn-", "%"],
        )
    ]


@pytest.mark.usefixtures("stored")
def test_every_filter_lists_and_counts_as_the_fake(
    make_uow: UowFactory, fake: FakeUnitOfWork
) -> None:
    for where in _filters():
        for offset, limit in [(0, 50), (0, 3), (4, 5), (70, 10)]:
            with make_uow(read_only=True) as uow:
                rows = uow.physical_products.list_page(where, BOUNDS, offset=offset, limit=limit)
                total = uow.physical_products.count(where, BOUNDS)

            expected = fake.physical_products.list_page(where, BOUNDS, offset=offset, limit=limit)
            assert rows == expected, where
            assert total == fake.physical_products.count(where, BOUNDS), where


@pytest.mark.usefixtures("stored")
@pytest.mark.parametrize(
    ("offset", "status"),
    [
        (None, "no_warranty"),
        (-400, "expired"),
        (-1, "expired"),
        (0, "expiring_soon"),  # the end day is covered
        (1, "expiring_soon"),
        (29, "expiring_soon"),
        (30, "expiring_soon"),  # the 30th day ahead: still soon
        (31, "active"),  # the 31st: not yet
        (400, "active"),
    ],
)
def test_the_warranty_filter_draws_the_lines_of_warranty_status(
    make_uow: UowFactory, offset: int | None, status: str
) -> None:
    end = None if offset is None else TODAY + timedelta(days=offset)
    with make_uow(read_only=True) as uow:
        listed = uow.physical_products.list_page(
            UnitFilter(warranty_status=status), BOUNDS, offset=0, limit=100
        )

    assert warranty_status(end, TODAY) == status
    assert end in {unit.warranty_end_date for unit in listed}
    assert all(warranty_status(unit.warranty_end_date, TODAY) == status for unit in listed)


@pytest.mark.usefixtures("stored")
def test_a_page_is_newest_first_then_by_id_and_the_search_is_literal(
    make_uow: UowFactory,
) -> None:
    with make_uow(read_only=True) as uow:
        page = uow.physical_products.list_page(UnitFilter(), BOUNDS, offset=0, limit=100)
        underscore = uow.physical_products.list_page(
            UnitFilter(search="b_1"), BOUNDS, offset=0, limit=100
        )

    assert [unit.id for unit in page] == sorted(
        (unit.id for unit in page),
        key=lambda unit_id: (page_time(page, unit_id), unit_id),
        reverse=True,
    )
    assert len(page) == len(SERIALS) * len(END_OFFSETS)
    assert {unit.serial_number.split("-")[0] for unit in underscore} == {"AB_12"}
    first = page[-1]
    assert (first.model_name, first.brand_name) == ("Model 0", "Apple")
    assert (first.warehouse_name, first.warehouse_code) == ("Store 0", "W-0")


def page_time(page: list, unit_id: str) -> datetime:  # type: ignore[type-arg]
    return next(unit.created_at for unit in page if unit.id == unit_id)


@pytest.mark.usefixtures("stored")
@pytest.mark.parametrize("limit", [1, 100])
def test_a_page_and_its_total_are_two_statements_whatever_the_size(
    make_uow: UowFactory, queries: list[str], limit: int
) -> None:
    where = UnitFilter(virtual_warehouse_type="parts", warranty_status="active", search="Q")
    with make_uow(read_only=True) as uow:
        queries.clear()
        uow.physical_products.list_page(where, BOUNDS, offset=0, limit=limit)
        uow.physical_products.count(where, BOUNDS)

        assert queries == ["compiled", "compiled"]


@pytest.mark.usefixtures("stored")
def test_set_lookups_answer_what_exists(make_uow: UowFactory) -> None:
    asked = [f"X{index:05d}" for index in range(2500)] + ["Q1234-45", "AB_12-0", "a\x00b"]
    with make_uow(read_only=True) as uow:
        taken = uow.physical_products.serials_taken(asked)
        models = uow.physical_products.known_models(["m0", "m1", "m9", "\x00"])
        warehouses = uow.physical_products.known_warehouses(["w1", "nowhere"])

    assert taken == {"Q1234-45", "AB_12-0"}
    assert models == {"m0", "m1"}
    assert warehouses == {"w1"}


def new_units(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": new_id(),
            **unit_fields(
                NewUnit(
                    serial_number=f"BULK-{index:06d}",
                    product_id="m0",
                    physical_warehouse_id="w0" if index % 2 else None,
                    virtual_warehouse_type="warranty_stock",
                    condition="new",
                    warranty_months=12 if index == 0 else None,
                    photo_urls=("https://img.example.com/x.jpg",) if index == 0 else (),
                ),
                now=T0,
            ),
        }
        for index in range(count)
    ]


def receipts_for(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": new_id(),
            **receipt_fields(
                unit["id"],
                Place(unit["virtual_warehouse_type"], unit["physical_warehouse_id"]),
                actor_id=None,
                at=T0,
            ),
        }
        for unit in units
    ]


@pytest.mark.usefixtures("stored")
def test_many_units_are_written_a_statement_per_chunk(
    make_uow: UowFactory, sessions: sessionmaker[Session], queries: list[str]
) -> None:
    written = new_units(CHUNK_SIZE + 1)
    with make_uow() as uow:
        queries.clear()
        uow.physical_products.receive_many(written, receipts_for(written))
        statements = len(queries)
        uow.commit()

    with sessions() as session:
        units_count = session.scalar(
            select(func.count()).where(PhysicalProductRow.serial_number.like("BULK-%"))  # type: ignore[attr-defined]
        )
        receipts = session.scalar(
            select(func.count()).where(
                StockMovementRow.product_id.in_([unit["id"] for unit in written])  # type: ignore[attr-defined]
            )
        )
        first = session.get(PhysicalProductRow, written[0]["id"])
    assert statements == 4  # two chunks of units, two of receipts
    assert (units_count, receipts) == (CHUNK_SIZE + 1, CHUNK_SIZE + 1)
    assert first is not None
    assert first.photo_urls == ["https://img.example.com/x.jpg"]
    assert first.created_at == T0
    assert first.warranty_end_date == date(2027, 3, 4)


@pytest.mark.usefixtures("stored")
def test_a_failure_after_writing_leaves_nothing(
    make_uow: UowFactory, sessions: sessionmaker[Session]
) -> None:
    written = new_units(10)

    def write_then_fail() -> None:
        with make_uow() as uow:
            uow.physical_products.receive_many(written, receipts_for(written))
            raise RuntimeError("after the writes, before the commit")

    with pytest.raises(RuntimeError):
        write_then_fail()

    with sessions() as session:
        assert session.get(PhysicalProductRow, written[0]["id"]) is None
        assert session.scalar(select(func.count()).select_from(StockMovementRow)) == 0
