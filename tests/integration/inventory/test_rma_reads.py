"""The RMA reads on the test's database (SQLite, or PostgreSQL when DATABASE_URL names
one): a page of batches with their creators and counts in one query and its total in
one more, a batch's entries with their units in one, and which open batch holds a
unit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.tables.inventory import RmaBatchItemRow, RmaBatchRow
from services.passwords import PasswordHasher
from tests.factories.auth import DEFAULT_TIME as NOW
from tests.factories.auth import make_user
from tests.factories.inventory import make_unit
from tests.integration.conftest import UowFactory
from tests.integration.rows import save


def batch(
    name: str, *, minutes: int = 0, status: str = "draft", by: str | None = None
) -> RmaBatchRow:
    at = NOW + timedelta(minutes=minutes)
    return RmaBatchRow(
        supplier_name=name, status=status, created_by_id=by, created_at=at, updated_at=at
    )


def entry(
    batch_id: str, unit_id: str, *, minutes: int = 0, by: str | None = None
) -> RmaBatchItemRow:
    return RmaBatchItemRow(
        batch_id=batch_id,
        product_id=unit_id,
        added_by_id=by,
        added_at=NOW + timedelta(minutes=minutes),
    )


@pytest.mark.parametrize("count", [1, 7])
def test_a_page_of_batches_and_its_total_in_two_queries(
    sessions: sessionmaker[Session],
    make_uow: UowFactory,
    queries: list[str],
    hasher: PasswordHasher,
    count: int,
) -> None:
    user = make_user(hasher, email=f"rma{count}@example.com", full_name="Rita Returns")
    made = [batch(f"Batch {n}", minutes=n, status="shipped", by=user.id) for n in range(count)]
    elsewhere = batch("Another status", minutes=count, status="draft")
    with sessions() as session:
        units = [make_unit(session).id for _ in range(count)]
    # Every batch holds as many units as its place in the list, the first none.
    entries = [entry(made[n].id, units[m]) for n in range(count) for m in range(n)]
    save(sessions, user, *made, elsewhere, *entries)
    queries.clear()

    with make_uow(read_only=True) as uow:
        page = uow.rma_batches.page("shipped", offset=0, limit=100)
        total = uow.rma_batches.count("shipped")

    assert queries == ["compiled", "compiled"]
    # Newest first.
    assert [view.batch.id for view in page] == [row.id for row in reversed(made)]
    assert [view.product_count for view in page] == list(reversed(range(count)))
    assert {view.batch.creator_full_name for view in page} == {"Rita Returns"}
    assert total == count


def test_batches_made_at_one_time_are_ordered_by_id_and_paged(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    made = [batch(f"Same time {n}", minutes=-10_000, status="completed") for n in range(4)]
    save(sessions, *made)

    with make_uow(read_only=True) as uow:
        everything = uow.rma_batches.page("completed", offset=0, limit=100)
        middle = uow.rma_batches.page("completed", offset=1, limit=2)

    ids = sorted(row.id for row in made)
    assert [view.batch.id for view in everything] == ids
    assert [view.batch.id for view in middle] == ids[1:3]


def test_a_batch_without_its_creator_shows_none(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    lone = batch("Nobody's")
    save(sessions, lone)

    with make_uow(read_only=True) as uow:
        view = uow.rma_batches.view(lone.id)

    assert view is not None
    assert (view.batch.created_by_id, view.batch.creator_full_name, view.product_count) == (
        None,
        None,
        0,
    )


@pytest.mark.parametrize("count", [1, 6])
def test_a_batchs_entries_with_their_units_in_one_query_in_the_order_added(
    sessions: sessionmaker[Session],
    make_uow: UowFactory,
    queries: list[str],
    hasher: PasswordHasher,
    count: int,
) -> None:
    adder = make_user(hasher, email=f"adder{count}@example.com", full_name="Adam Adder")
    held = batch("Entries")
    with sessions() as session:
        units = [make_unit(session) for _ in range(count)]
    # Added newest unit first; the last two in one call (one time, by unit id).
    times = [count - n for n in range(count)]
    if count > 1:
        times[-1] = times[-2]
    entries = [
        entry(held.id, unit.id, minutes=at, by=adder.id if n % 2 else None)
        for n, (unit, at) in enumerate(zip(units, times, strict=True))
    ]
    save(sessions, adder, held, *entries)
    queries.clear()

    with make_uow(read_only=True) as uow:
        found = uow.rma_items.entries_of(held.id)

    assert queries == ["compiled"]
    expected = sorted(entries, key=lambda row: (row.added_at, row.product_id))
    assert [view.entry.id for view in found] == [row.id for row in expected]
    assert all(view.unit.id == view.entry.product_id for view in found)
    by_unit = {unit.id: unit for unit in units}
    assert all(view.unit.serial_number == by_unit[view.unit.id].serial_number for view in found)
    assert {view.entry.adder_full_name for view in found if view.entry.added_by_id} <= {
        "Adam Adder"
    }
    assert all(view.entry.adder_full_name is None for view in found if not view.entry.added_by_id)


@pytest.mark.parametrize(
    ("status", "open_"),
    [("draft", True), ("submitted", True), ("shipped", True), ("completed", False)],
)
def test_the_open_batch_of_a_unit_is_one_not_completed(
    sessions: sessionmaker[Session], make_uow: UowFactory, status: str, open_: bool
) -> None:
    holding = batch("Holding", status=status)
    with sessions() as session:
        unit = make_unit(session)
        free = make_unit(session)
    save(sessions, holding, entry(holding.id, unit.id))

    with make_uow(read_only=True) as uow:
        found = uow.rma_items.open_batch_of(unit.id)
        none = uow.rma_items.open_batch_of(free.id)
        count = uow.rma_items.count_in(holding.id)

    assert found == (holding.id if open_ else None)
    assert (none, count) == (None, 1)
