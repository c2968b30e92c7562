"""Adding units to an RMA batch on the test's database (SQLite, or PostgreSQL when
DATABASE_URL names one): the same few statements for one unit or many, the units locked
in one statement in id order, which open batches hold them asked in one, and a unit
moved while it is being added keeping its history in order."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from itertools import pairwise

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from db.tables.inventory import (
    PhysicalProductRow,
    RmaBatchItemRow,
    RmaBatchRow,
    StockMovementRow,
)
from services.inventory import movements, rma
from services.inventory.movement_rules import MovementRequest
from services.passwords import PasswordHasher
from tests.factories.auth import DEFAULT_TIME as NOW
from tests.factories.auth import caller, make_user
from tests.factories.inventory import RECEIVED_AT, make_unit
from tests.factories.workflow import make_product_model
from tests.integration.conftest import UowFactory
from tests.integration.rows import save


@pytest.mark.parametrize("count", [1, 40])
def test_adding_takes_the_same_statements_for_one_unit_or_many(
    sessions: sessionmaker[Session],
    make_uow: UowFactory,
    queries: list[str],
    hasher: PasswordHasher,
    count: int,
) -> None:
    user = make_user(hasher)
    save(sessions, user)
    with sessions() as session:
        model_id = make_product_model(session).id
        unit_ids = [make_unit(session, product_id=model_id).id for _ in range(count)]
    batch_id = rma.create_batch(make_uow(), caller(user), supplier_name="Acme").batch.id
    queries.clear()

    added = rma.add_units(make_uow(), caller(user), batch_id, unit_ids)

    assert added == rma.AddedToBatch(count, [])
    # The batch's lock, the units' lock, their open batches; then the writes, each one
    # statement for all the rows: units, entries, the batch, movements (and SQLite's
    # BEGIN IMMEDIATE).
    assert len(queries) <= 8, queries
    with sessions() as session:
        entries = session.exec(
            select(RmaBatchItemRow).where(col(RmaBatchItemRow.batch_id) == batch_id)
        ).all()
        moves = session.exec(
            select(StockMovementRow).where(col(StockMovementRow.product_id).in_(unit_ids))
        ).all()
    assert sorted(entry.product_id for entry in entries) == sorted(unit_ids)
    assert sorted(move.to_virtual_warehouse_type for move in moves) == sorted(
        ["warranty_stock", "rma_staging"] * count
    )


def test_units_are_locked_in_id_order_and_unknown_ones_left_out(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    with sessions() as session:
        unit_ids = [make_unit(session).id for _ in range(5)]

    with make_uow() as uow:
        locked = uow.physical_products.lock_many([*reversed(unit_ids), "missing", unit_ids[0]])

    assert [unit.id for unit in locked] == sorted(unit_ids)


def test_the_open_batches_of_several_units_in_one_statement(
    sessions: sessionmaker[Session], make_uow: UowFactory, queries: list[str]
) -> None:
    open_batch = RmaBatchRow(supplier_name="Open", status="shipped", created_at=NOW, updated_at=NOW)
    done = RmaBatchRow(supplier_name="Done", status="completed", created_at=NOW, updated_at=NOW)
    with sessions() as session:
        held, returned, free = (make_unit(session).id for _ in range(3))
    items = [
        RmaBatchItemRow(batch_id=open_batch.id, product_id=held, added_at=NOW),
        RmaBatchItemRow(batch_id=done.id, product_id=returned, added_at=NOW),
    ]
    save(sessions, open_batch, done, *items)
    queries.clear()

    with make_uow(read_only=True) as uow:
        holders = uow.rma_items.open_batches_of([held, returned, free, "bad\x00id"])

    assert holders == {held: open_batch.id}
    # The query (and, on SQLite, the BEGIN of the session's transaction).
    assert len(queries) <= 2


def test_a_unit_moved_while_it_is_being_added_keeps_its_history_in_order(
    sessions: sessionmaker[Session], make_uow: UowFactory, hasher: PasswordHasher
) -> None:
    """The moment of an addition is read once its units are locked. Read before, a
    movement of one of them committed in between (on PostgreSQL, whose locks hold rows:
    SQLite lets one writer in at a time) would be stamped later than the addition that
    followed it, and the history, oldest first, would not replay."""
    user = make_user(hasher)
    save(sessions, user)
    with sessions() as session:
        unit_id = make_unit(session).id
    batch_id = rma.create_batch(make_uow(), caller(user), supplier_name="Acme").batch.id
    failures: list[BaseException] = []

    def move_it() -> None:
        try:
            movements.record_movement(
                make_uow(),
                caller(user),
                unit_id,
                MovementRequest("transfer", to_virtual="parts", force=True),
                clock=lambda: RECEIVED_AT + timedelta(minutes=2),
            )
        except BaseException as failure:  # reported by the test, not lost with the thread
            failures.append(failure)

    mover = threading.Thread(target=move_it)

    def clock_letting_a_movement_in() -> datetime:
        # The movement goes first unless the addition holds the unit already; then it
        # waits for the addition to commit.
        if mover.ident is None:
            mover.start()
            mover.join(timeout=1)
        return RECEIVED_AT + timedelta(minutes=1)

    added = rma.add_units(
        make_uow(), caller(user), batch_id, [unit_id], clock=clock_letting_a_movement_in
    )
    mover.join()

    assert failures == []
    assert added == rma.AddedToBatch(1, [])
    with sessions() as session:
        history = session.exec(
            select(StockMovementRow)
            .where(col(StockMovementRow.product_id) == unit_id)
            .order_by(col(StockMovementRow.created_at), col(StockMovementRow.id))
        ).all()
        unit = session.get(PhysicalProductRow, unit_id)
    assert unit is not None
    assert len(history) == 3
    for earlier, later in pairwise(history):
        assert (later.from_virtual_warehouse_type, later.from_physical_warehouse_id) == (
            earlier.to_virtual_warehouse_type,
            earlier.to_physical_warehouse_id,
        )
    assert history[-1].to_virtual_warehouse_type == unit.virtual_warehouse_type
