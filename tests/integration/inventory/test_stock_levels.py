"""Stock levels on the test's database (SQLite, or PostgreSQL when DATABASE_URL names
one): after random units, thresholds and movements, the query answers what a recount
of the rows in Python answers; the status boundaries; a page and its total in two
queries whatever the number of rows; a threshold set again is changed, not doubled."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from fractions import Fraction
from typing import Any

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, select

from db.repositories.inventory.stock_level import StockLevelFilter, StockLevelRecord
from db.tables.catalog import ProductModelRow
from db.tables.inventory import PhysicalProductRow, StockThresholdRow
from services.inventory.moving import Movement, Place, move
from tests.factories.inventory import make_unit
from tests.factories.tickets import make_ticket
from tests.factories.workflow import make_product_model
from tests.fakes import FakeUnitOfWork
from tests.integration.conftest import UowFactory

AT = datetime(2026, 5, 6, 7, 8, tzinfo=UTC)
# Not in service: a unit goes there only for a ticket (moved there below).
STORED = ("warranty_stock", "rma_staging", "dead_stock", "parts")
PLACES = (*STORED, "in_service")


def threshold(
    product_id: str, place: str, minimum: int, *, alert: bool = True
) -> StockThresholdRow:
    return StockThresholdRow(
        product_id=product_id,
        virtual_warehouse_type=place,
        minimum_quantity=minimum,
        reorder_quantity=minimum * 3,
        alert_enabled=alert,
        updated_at=AT,
    )


def put_thresholds(make_uow: UowFactory, *rows: StockThresholdRow) -> None:
    with make_uow() as uow:
        for row in rows:
            uow.stock_thresholds.put(row)
        uow.commit()


def move_unit(make_uow: UowFactory, unit_id: str, place: str, ticket_id: str | None) -> None:
    with make_uow() as uow:
        unit = uow.physical_products.lock(unit_id)
        assert unit is not None
        kind = "assignment" if place == "in_service" else "transfer"
        move(uow, unit, Place(place), Movement(kind, None, AT, ticket_id=ticket_id))
        uow.commit()


def recount(sessions: sessionmaker[Session]) -> list[tuple[Any, ...]]:
    """The levels counted in Python from the rows: (model, place) -> units, threshold."""
    with sessions() as session:
        units = session.exec(select(PhysicalProductRow)).all()
        thresholds = {
            (row.product_id, row.virtual_warehouse_type): row
            for row in session.exec(select(StockThresholdRow)).all()
        }
        models = {row.id: row for row in session.exec(select(ProductModelRow)).all()}
    counts: dict[tuple[str, str], int] = {key: 0 for key in thresholds}
    for unit in units:
        key = (unit.product_id, unit.virtual_warehouse_type)
        counts[key] = counts.get(key, 0) + 1
    levels = []
    for (product_id, place), count in counts.items():
        row = thresholds.get((product_id, place))
        minimum = 0 if row is None else row.minimum_quantity
        if count <= minimum:
            status = "critical"
        elif count <= Fraction(3, 2) * minimum:
            status = "warning"
        else:
            status = "ok"
        model = models[product_id]
        levels.append(
            (
                model.id,
                model.name,
                model.sku,
                model.type,
                place,
                count,
                minimum,
                0 if row is None else row.reorder_quantity,
                row is not None and row.alert_enabled,
                status,
            )
        )
    return sorted(levels, key=lambda level: (level[1], level[2], level[4]))


def random_stock(sessions: sessionmaker[Session], make_uow: UowFactory, seed: int) -> None:
    """Models (named to sort alike under any collation), units in random places (some
    moved into service for a ticket, some moved on), random thresholds."""
    chance = random.Random(seed)
    with sessions() as session:
        models = [make_product_model(session, name=f"Model {index:02d}").id for index in range(6)]
        ticket_id = make_ticket(session).id
        units = [
            make_unit(
                session,
                product_id=chance.choice(models),
                virtual_warehouse_type=chance.choice(STORED),
            ).id
            for _ in range(chance.randint(10, 40))
        ]
    for unit_id in chance.sample(units, k=len(units) // 3):
        place = chance.choice(PLACES)
        move_unit(make_uow, unit_id, place, ticket_id if place == "in_service" else None)
    put_thresholds(
        make_uow,
        *(
            threshold(model, place, chance.randint(0, 6), alert=chance.random() < 0.8)
            for model in models
            for place in PLACES
            if chance.random() < 0.3
        ),
    )


def read_levels(
    make_uow: UowFactory, where: StockLevelFilter | None = None
) -> list[StockLevelRecord]:
    with make_uow(read_only=True) as uow:
        return uow.stock_levels.list_all(where or StockLevelFilter())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_levels_are_a_recount_of_the_units_and_thresholds(
    sessions: sessionmaker[Session], make_uow: UowFactory, seed: int
) -> None:
    random_stock(sessions, make_uow, seed)

    assert [tuple(level) for level in read_levels(make_uow)] == recount(sessions)


@pytest.mark.parametrize("seed", [4, 5])
def test_every_filter_page_and_the_alerts_agree_with_the_recount(
    sessions: sessionmaker[Session], make_uow: UowFactory, seed: int
) -> None:
    random_stock(sessions, make_uow, seed)
    expected = recount(sessions)

    for place in (None, *PLACES):
        for status in (None, "ok", "warning", "critical"):
            where = StockLevelFilter(warehouse_type=place, status=status)
            kept = [
                level
                for level in expected
                if place in (None, level[4]) and status in (None, level[9])
            ]
            with make_uow(read_only=True) as uow:
                page = uow.stock_levels.list_page(where, offset=1, limit=3)
                total = uow.stock_levels.count(where)
            assert [tuple(level) for level in page] == kept[1:4]
            assert total == len(kept)
    with make_uow(read_only=True) as uow:
        alerts = uow.stock_levels.alerts()
    alerting = [level for level in expected if level[9] != "ok" and level[8]]
    critical_first = sorted(alerting, key=lambda level: level[9] != "critical")
    assert [tuple(level) for level in alerts] == critical_first


def test_a_level_follows_every_movement(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    with sessions() as session:
        model = make_product_model(session)
        ticket = make_ticket(session)
        units = [make_unit(session, product_id=model.id).id for _ in range(3)]

    def counts() -> dict[str, int]:
        return {
            level.virtual_warehouse_type: level.current_stock for level in read_levels(make_uow)
        }

    assert counts() == {"warranty_stock": 3}
    move_unit(make_uow, units[0], "in_service", ticket.id)
    assert counts() == {"warranty_stock": 2, "in_service": 1}
    move_unit(make_uow, units[0], "rma_staging", None)
    move_unit(make_uow, units[1], "rma_staging", None)
    assert counts() == {"warranty_stock": 1, "rma_staging": 2}


@pytest.mark.parametrize(
    ("units", "minimum", "status"),
    [
        (0, 0, "critical"),
        (1, 0, "ok"),
        (4, 4, "critical"),  # at the threshold
        (5, 4, "warning"),
        (6, 4, "warning"),  # exactly 1.5 x
        (7, 4, "ok"),  # one above
        (3, 2, "warning"),  # 1.5 x, odd
        (4, 3, "warning"),  # below 1.5 x = 4.5
        (5, 3, "ok"),  # the first whole number above 4.5
    ],
)
def test_the_status_boundaries(
    sessions: sessionmaker[Session], make_uow: UowFactory, units: int, minimum: int, status: str
) -> None:
    with sessions() as session:
        model = make_product_model(session)
        for _ in range(units):
            make_unit(session, product_id=model.id, virtual_warehouse_type="parts")
    put_thresholds(make_uow, threshold(model.id, "parts", minimum))

    [level] = read_levels(make_uow)

    assert (level.current_stock, level.threshold, level.status) == (units, minimum, status)


def test_a_place_without_a_threshold_shows_zeros_and_no_alert(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    with sessions() as session:
        model = make_product_model(session)
        make_unit(session, product_id=model.id, virtual_warehouse_type="dead_stock")

    [level] = read_levels(make_uow)

    assert (level.threshold, level.reorder_quantity, level.alert_enabled, level.status) == (
        0,
        0,
        False,
        "ok",
    )


def test_a_threshold_set_again_is_changed_in_place(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    with sessions() as session:
        model = make_product_model(session)
    put_thresholds(make_uow, threshold(model.id, "parts", 2))
    put_thresholds(make_uow, threshold(model.id, "parts", 5, alert=False))

    [level] = read_levels(make_uow)

    assert (level.threshold, level.reorder_quantity, level.alert_enabled) == (5, 15, False)


@pytest.mark.parametrize("count", [1, 8])
def test_a_page_and_its_total_in_two_queries(
    sessions: sessionmaker[Session], make_uow: UowFactory, queries: list[str], count: int
) -> None:
    with sessions() as session:
        for index in range(count):
            model = make_product_model(session, name=f"Paged {index}")
            make_unit(session, product_id=model.id)
    put_thresholds(make_uow, threshold(model.id, "parts", 1))
    queries.clear()

    with make_uow(read_only=True) as uow:
        where = StockLevelFilter(search="paged", status="critical", warehouse_type="parts")
        page = uow.stock_levels.list_page(where, offset=0, limit=50)
        total = uow.stock_levels.count(where)
        everything = uow.stock_levels.list_page(StockLevelFilter(), offset=0, limit=50)
        alerts = uow.stock_levels.alerts()

    assert queries == ["compiled"] * 4
    assert [(level.id, level.current_stock) for level in page] == [(model.id, 0)]
    assert total == 1
    assert len(everything) == count + 1
    assert [level.id for level in alerts] == [model.id]


@pytest.mark.parametrize("search", ["%", "_", "50%", "a_b", "MODEL", "sku-"])
def test_search_takes_wildcards_literally_and_ignores_case(
    sessions: sessionmaker[Session], make_uow: UowFactory, search: str
) -> None:
    fake = FakeUnitOfWork()
    with sessions() as session:
        for name in ("50% off", "a_b", "axb", "Model X", "model y"):
            model = make_product_model(session, name=name)
            unit = make_unit(session, product_id=model.id)
            fake.product_models.add(model)
            fake.physical_products.add(unit)

    found = read_levels(make_uow, StockLevelFilter(search=search))

    assert {level.name for level in found} == {
        level.name for level in fake.stock_levels.list_all(StockLevelFilter(search=search))
    }
    assert found  # every search here finds something


def test_a_search_with_nul_finds_nothing(make_uow: UowFactory) -> None:
    with make_uow(read_only=True) as uow:
        where = StockLevelFilter(search="a\x00b")
        assert (
            uow.stock_levels.list_page(where, offset=0, limit=5),
            uow.stock_levels.count(where),
        ) == ([], 0)
