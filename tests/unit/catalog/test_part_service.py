"""The parts' service on the in-memory fakes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from db.tables.auth import UserRow
from db.tables.catalog import PartStockEntryRow, ProductModelRow
from services.catalog import part as part_service
from services.changes import UNCHANGED
from services.errors import Conflict, NotFound, PreconditionFailed
from tests.factories.auth import caller
from tests.fakes import FakeClock, FakeUnitOfWork

T0 = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def model(name: str) -> ProductModelRow:
    return ProductModelRow(
        name=name, sku=f"M-{name}", type="phone", brand_id="b", created_at=T0, updated_at=T0
    )


@pytest.fixture
def models(uow: FakeUnitOfWork) -> list[ProductModelRow]:
    made = [model("Zeta"), model("Alpha")]
    uow.parts.product_models = {row.id: row for row in made}
    return made


def create(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, **fields: object
) -> part_service.PartView:
    values: dict[str, object] = {"name": "Screen", "sku": "SCR-1", "unit_price": Decimal("1.50")}
    values.update(fields)
    return part_service.create_part(uow, caller(owner), clock=clock, **values)  # type: ignore[arg-type]


def test_create_opens_the_ledger_with_the_initial_stock(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, models: list[ProductModelRow]
) -> None:
    view = create(uow, owner, clock, stock_quantity=4, product_ids=[m.id for m in models])

    part = uow.parts.rows[view.part.id]
    assert (part.stock_quantity, part.created_at, part.updated_at) == (4, clock(), clock())
    [entry] = uow.parts.entries_of(part.id)
    assert (entry.delta, entry.stock_after, entry.reason, entry.actor_id) == (
        4,
        4,
        "Initial stock",
        owner.id,
    )
    assert [product.name for product in view.products] == ["Alpha", "Zeta"]
    assert uow.commits == 1


def test_create_without_stock_writes_no_ledger(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    view = create(uow, owner, clock)

    assert (view.part.stock_quantity, uow.parts.entries) == (0, [])


def test_create_refuses_a_taken_sku_and_names_a_missing_model(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, models: list[ProductModelRow]
) -> None:
    create(uow, owner, clock)
    uow.commits = 0

    with pytest.raises(Conflict):
        create(uow, owner, clock, name="Other")
    with pytest.raises(NotFound, match="Product model nope not found"):
        create(uow, owner, clock, sku="SCR-2", product_ids=[models[0].id, "nope"])
    assert (len(uow.parts.rows), uow.commits) == (1, 0)


def test_update_changes_what_is_given_and_replaces_the_fits(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, models: list[ProductModelRow]
) -> None:
    view = create(uow, owner, clock, stock_quantity=3, product_ids=[models[0].id])
    clock.advance(timedelta(minutes=1))
    changes = part_service.PartChanges(unit_price=Decimal("2.00"), product_ids=[models[1].id])

    updated = part_service.update_part(uow, view.part.id, changes, clock=clock)

    part = uow.parts.rows[view.part.id]
    assert (part.name, part.unit_price, part.stock_quantity) == ("Screen", Decimal("2.00"), 3)
    assert part.updated_at == clock()
    assert [product.name for product in updated.products] == ["Alpha"]


def test_update_refuses_another_parts_sku_but_keeps_its_own(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    first = create(uow, owner, clock)
    second = create(uow, owner, clock, sku="SCR-2")

    with pytest.raises(Conflict):
        part_service.update_part(uow, second.part.id, part_service.PartChanges(sku="SCR-1"))
    same = part_service.update_part(uow, first.part.id, part_service.PartChanges(sku="SCR-1"))
    assert same.part.sku == "SCR-1"
    with pytest.raises(NotFound):
        part_service.update_part(uow, "nope", part_service.PartChanges(name=UNCHANGED))


def test_adjust_stock_locks_the_part_and_writes_the_ledger(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    view = create(uow, owner, clock, stock_quantity=5)
    clock.advance(timedelta(minutes=1))

    adjusted = part_service.adjust_stock(
        uow, caller(owner), view.part.id, delta=-2, reason="Broken", clock=clock
    )

    assert adjusted.part.stock_quantity == 3
    assert uow.parts.locked == [view.part.id]
    entries = uow.parts.entries_of(view.part.id)
    assert [(e.delta, e.stock_after, e.reason) for e in entries] == [
        (5, 5, "Initial stock"),
        (-2, 3, "Broken"),
    ]
    assert entries[-1].created_at == adjusted.part.updated_at == clock()


def test_adjust_stock_below_zero_changes_nothing(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    view = create(uow, owner, clock, stock_quantity=1)
    uow.commits = 0

    with pytest.raises(PreconditionFailed, match="'Screen' has 1 in stock"):
        part_service.adjust_stock(uow, caller(owner), view.part.id, delta=-2, reason="Count")
    assert (uow.parts.rows[view.part.id].stock_quantity, len(uow.parts.entries), uow.commits) == (
        1,
        1,
        0,
    )
    with pytest.raises(NotFound):
        part_service.adjust_stock(uow, caller(owner), "nope", delta=1, reason="Count")


def test_change_stock_records_the_ticket_and_leaves_the_commit_to_its_caller(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    view = create(uow, owner, clock, stock_quantity=2)
    uow.commits = 0

    part = part_service.change_stock(
        uow, view.part.id, -1, "Fitted", actor_id=owner.id, ticket_id="ticket-1", clock=clock
    )

    assert (part.stock_quantity, uow.commits) == (1, 0)
    assert uow.parts.entries[-1].ticket_id == "ticket-1"


def test_delete_is_refused_while_a_ticket_used_the_part(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, models: list[ProductModelRow]
) -> None:
    used = create(uow, owner, clock, stock_quantity=2)
    free = create(uow, owner, clock, sku="SCR-2", stock_quantity=2, product_ids=[models[0].id])
    uow.parts.add_entry(
        PartStockEntryRow(
            part_id=used.part.id, delta=0, stock_after=2, reason="x", ticket_id="t", created_at=T0
        )
    )

    with pytest.raises(Conflict, match="used by a ticket"):
        part_service.delete_part(uow, used.part.id)
    part_service.delete_part(uow, free.part.id)

    assert set(uow.parts.rows) == {used.part.id}
    assert uow.parts.entries_of(free.part.id) == []
    assert all(part_id != free.part.id for part_id, _ in uow.parts.fits)
    with pytest.raises(NotFound):
        part_service.delete_part(uow, free.part.id)


def test_list_pages_filters_and_brings_the_models(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, models: list[ProductModelRow]
) -> None:
    for n in range(4):
        create(
            uow,
            owner,
            clock,
            name=f"Part {n}",
            sku=f"P-{n}",
            stock_quantity=n,
            minimum_stock=1,
            product_ids=[models[n % 2].id],
        )

    page = part_service.list_parts(uow, product_id=models[0].id, offset=1, limit=5)
    low = part_service.list_parts(uow, low_stock=True)

    assert [view.part.name for view in page.parts] == ["Part 2"]
    assert page.total == 2
    assert [product.name for product in page.parts[0].products] == ["Zeta"]
    assert [view.part.name for view in low.parts] == ["Part 0", "Part 1"]
    with pytest.raises(NotFound):
        part_service.get_part(uow, "nope")
    assert part_service.get_part(uow, page.parts[0].part.id).part.name == "Part 2"


def test_a_page_asks_for_its_parts_models_once(
    uow: FakeUnitOfWork,
    owner: UserRow,
    clock: FakeClock,
    models: list[ProductModelRow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = [
        create(uow, owner, clock, name=f"P{n}", sku=f"P-{n}", product_ids=[models[0].id])
        for n in range(3)
    ]
    asked: list[list[str]] = []
    products_of = uow.parts.products_of

    def spy(part_ids: list[str]) -> dict[str, list[part_service.ProductSummaryRecord]]:
        asked.append(list(part_ids))
        return products_of(part_ids)

    monkeypatch.setattr(uow.parts, "products_of", spy)

    page = part_service.list_parts(uow)

    assert asked == [[view.part.id for view in made]]
    assert all(len(view.products) == 1 for view in page.parts)
