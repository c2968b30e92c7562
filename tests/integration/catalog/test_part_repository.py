"""The parts' repository on the test's database (SQLite, or PostgreSQL when DATABASE_URL
names one): its compiled reads answer what the in-memory fake answers for the same rows,
money comes back exact, the models of many parts come in padded IN lists, and the stock
changes only with its ledger, or not at all.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, func, select

from db.repositories.catalog.part import PartFilter
from db.tables.auth import UserRow
from db.tables.catalog import (
    BrandRow,
    PartFitRow,
    PartRow,
    PartStockEntryRow,
    ProductModelRow,
)
from services.catalog import part as part_service
from services.errors import PreconditionFailed
from services.passwords import PasswordHasher
from tests.factories.auth import make_user
from tests.factories.tickets import make_ticket, ticket_part
from tests.fakes.catalog.part import FakePartRepository
from tests.integration.conftest import UowFactory
from tests.integration.rows import save

T0 = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
MISSING = "00000000-0000-4000-8000-000000000000"


def _models() -> tuple[BrandRow, list[ProductModelRow]]:
    brand = BrandRow(name="Acme", name_key="acme", created_at=T0, updated_at=T0)
    models = [
        ProductModelRow(
            name=name,
            sku=f"M-{name}",
            type="phone",
            brand_id=brand.id,
            created_at=T0,
            updated_at=T0,
        )
        for name in ("Zeta", "Alpha", "Mid")
    ]
    return brand, models


def _parts() -> list[PartRow]:
    made = [
        # (name, sku, price, stock, minimum)
        ("Screen", "SCR-1", "129.90", 2, 2),
        ("screen 100%", "SCR_2", "0.10", 0, 0),
        ("Battery", "BAT-1", "9999999999.99", 9, 1),
        ("Same", "S-1", "0.01", 5, 6),
        ("Same", "S-2", "0", 7, 1),
    ]
    return [
        PartRow(
            name=name,
            sku=sku,
            unit_price=Decimal(price),
            stock_quantity=stock,
            minimum_stock=minimum,
            created_at=T0,
            updated_at=T0,
        )
        for name, sku, price, stock, minimum in made
    ]


@pytest.fixture
def stocked(sessions: sessionmaker[Session]) -> tuple[list[PartRow], list[ProductModelRow]]:
    brand, models = _models()
    parts = _parts()
    fits = [
        PartFitRow(part_id=parts[0].id, product_id=models[0].id),
        PartFitRow(part_id=parts[0].id, product_id=models[1].id),
        PartFitRow(part_id=parts[2].id, product_id=models[1].id),
        PartFitRow(part_id=parts[4].id, product_id=models[2].id),
    ]
    save(sessions, brand, *models, *parts, *fits)
    return parts, models


def _fake(
    parts: list[PartRow], models: list[ProductModelRow], sessions: sessionmaker[Session]
) -> FakePartRepository:
    fake = FakePartRepository()
    for part in parts:
        fake.add(part)
    fake.product_models = {model.id: model for model in models}
    with sessions() as session:
        fake.fits = {(fit.part_id, fit.product_id) for fit in session.exec(select(PartFitRow))}
    return fake


def test_lists_and_counts_answer_as_the_fake_does(
    sessions: sessionmaker[Session],
    make_uow: UowFactory,
    stocked: tuple[list[PartRow], list[ProductModelRow]],
) -> None:
    parts, models = stocked
    fake = _fake(parts, models, sessions)
    searches = [None, "screen", "SCR_", "100%", "s-", "nothing"]
    products = [None, models[1].id, models[2].id, MISSING]
    pages = [(0, 100), (1, 2), (4, 10)]
    with make_uow(read_only=True) as uow:
        for search, product_id, low_stock, (offset, limit) in itertools.product(
            searches, products, [None, True, False], pages
        ):
            where = PartFilter(search=search, product_id=product_id, low_stock=low_stock)
            listed = uow.parts.list_parts(where, offset=offset, limit=limit)
            assert listed == fake.list_parts(where, offset=offset, limit=limit), where
            assert uow.parts.count_parts(where) == fake.count_parts(where), where


def test_money_and_the_fitted_models_come_back_exactly(
    sessions: sessionmaker[Session],
    make_uow: UowFactory,
    stocked: tuple[list[PartRow], list[ProductModelRow]],
) -> None:
    parts, models = stocked
    fake = _fake(parts, models, sessions)
    # More ids than one IN list holds (128): two lists, every part once.
    many = [part.id for part in parts] + [f"missing-{n}" for n in range(200)]
    with make_uow(read_only=True) as uow:
        found = [uow.parts.find(part.id) for part in parts]
        fitted = uow.parts.products_of(many)
        missing = uow.parts.missing_products([MISSING, models[2].id, "x\x00y", models[0].id])

    assert [record.unit_price if record else None for record in found] == [
        p.unit_price for p in parts
    ]
    assert found[2] is not None
    assert found[2].unit_price == Decimal("9999999999.99")
    assert fitted == {**fake.products_of(many)}
    assert [product.name for product in fitted[parts[0].id]] == ["Alpha", "Zeta"]
    assert missing == [MISSING, "x\x00y"]


def test_stock_changes_with_its_ledger_or_not_at_all(
    sessions: sessionmaker[Session],
    make_uow: UowFactory,
    hasher: PasswordHasher,
    stocked: tuple[list[PartRow], list[ProductModelRow]],
) -> None:
    parts, _ = stocked
    user: UserRow = make_user(hasher, email="stock@example.com")
    save(sessions, user)
    part_id = parts[2].id  # 9 in stock, no ledger yet: open it as a delivery would
    with make_uow() as uow:
        part_service.change_stock(uow, part_id, -4, "Counted", actor_id=user.id, clock=lambda: T0)
        uow.commit()
    with make_uow() as uow, pytest.raises(PreconditionFailed):
        part_service.change_stock(uow, part_id, -6, "Too many", actor_id=user.id)

    with sessions() as session:
        stored = session.get(PartRow, part_id)
        entries = list(
            session.exec(select(PartStockEntryRow).where(col(PartStockEntryRow.part_id) == part_id))
        )
    assert stored is not None
    assert stored.stock_quantity == 5
    assert [(e.delta, e.stock_after, e.actor_id, e.created_at) for e in entries] == [
        (-4, 5, user.id, T0)
    ]


def test_delete_needs_no_ticket_and_takes_the_children(
    sessions: sessionmaker[Session],
    make_uow: UowFactory,
    stocked: tuple[list[PartRow], list[ProductModelRow]],
) -> None:
    parts, _ = stocked
    returned, fitted, free = parts[:3]
    with sessions() as session:
        ticket = make_ticket(session)
    entries = [
        PartStockEntryRow(
            part_id=returned.id,
            delta=2,
            stock_after=2,
            reason="Return",
            ticket_id=ticket.id,
            created_at=T0,
        ),
        PartStockEntryRow(part_id=free.id, delta=9, stock_after=9, reason="Opening", created_at=T0),
    ]
    # The ledger's entry for a ticket, and a ticket's part, each keep their part.
    save(sessions, *entries, ticket_part(ticket.id, fitted.id))
    with make_uow(read_only=True) as uow:
        referenced = [uow.parts.is_referenced(part.id) for part in (returned, fitted, free)]
    assert referenced == [True, True, False]

    part_service.delete_part(make_uow(), free.id)

    with sessions() as session:
        assert session.get(PartRow, free.id) is None
        for table in (PartFitRow, PartStockEntryRow):
            left = session.exec(
                select(func.count()).select_from(table).where(col(table.part_id) == free.id)
            )
            assert left.one() == 0
