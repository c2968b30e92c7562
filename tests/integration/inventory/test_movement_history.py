"""A unit's movement history on the test's database (SQLite, or PostgreSQL when
DATABASE_URL names one): one query for a page with its warehouses, ticket and mover,
one for the total, whatever the page's size; newest first, then by id; a warehouse or
user deleted since shows as null, the movement's other facts kept."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.tables.inventory import StockMovementRow
from services.inventory.movements import movement_history
from services.passwords import PasswordHasher
from tests.factories.auth import make_user
from tests.factories.inventory import RECEIVED_AT, make_unit, make_warehouse
from tests.factories.tickets import make_ticket
from tests.integration.conftest import UowFactory


def add_movements(
    sessions: sessionmaker[Session], unit_id: str, count: int, **fields: object
) -> list[str]:
    """``count`` transfers of the unit, one minute apart after its receipt (the unit's
    place is not what these tests read)."""
    rows = [
        StockMovementRow(
            product_id=unit_id,
            movement_type="transfer",
            from_virtual_warehouse_type="warranty_stock",
            to_virtual_warehouse_type="warranty_stock",
            created_at=RECEIVED_AT + timedelta(minutes=n + 1),
            **fields,
        )
        for n in range(count)
    ]
    with sessions() as session:
        session.add_all(rows)
        session.commit()
        return [row.id for row in rows]


@pytest.mark.parametrize("extra", [0, 7])
def test_a_page_and_its_total_in_two_queries(
    sessions: sessionmaker[Session], make_uow: UowFactory, queries: list[str], extra: int
) -> None:
    with sessions() as session:
        warehouse = make_warehouse(session)
        unit = make_unit(session, physical_warehouse_id=warehouse.id)
        ticket_id = make_ticket(session).id
    add_movements(
        sessions,
        unit.id,
        extra,
        from_physical_warehouse_id=warehouse.id,
        to_physical_warehouse_id=warehouse.id,
        reference_ticket_id=ticket_id,
    )
    queries.clear()

    history = movement_history(make_uow(read_only=True), unit.id, offset=0, limit=50)

    assert queries == ["compiled", "compiled"]
    assert history.total == extra + 1
    assert len(history.movements) == extra + 1


def test_newest_first_then_by_id(sessions: sessionmaker[Session], make_uow: UowFactory) -> None:
    with sessions() as session:
        unit = make_unit(session)
    later = add_movements(sessions, unit.id, 3)
    # Three more at one instant: the id orders them, newest-first's way (descending).
    at_once = [
        StockMovementRow(
            id=str(uuid.uuid4()),
            product_id=unit.id,
            movement_type="return",
            from_virtual_warehouse_type="warranty_stock",
            to_virtual_warehouse_type="warranty_stock",
            created_at=RECEIVED_AT + timedelta(hours=1),
        )
        for _ in range(3)
    ]
    with sessions() as session:
        session.add_all(at_once)
        session.commit()
        tied = sorted((row.id for row in at_once), reverse=True)

    with make_uow(read_only=True) as uow:
        page = uow.stock_movements.history(unit.id, offset=0, limit=50)
        second = uow.stock_movements.history(unit.id, offset=2, limit=3)

    ids = [row.id for row in page]
    assert ids[:3] == tied
    assert ids[3:6] == later[::-1]
    assert page[-1].movement_type == "receipt"
    assert [row.id for row in second] == ids[2:5]


def test_the_warehouses_ticket_and_mover_are_joined(
    sessions: sessionmaker[Session], make_uow: UowFactory, hasher: PasswordHasher
) -> None:
    mover = make_user(hasher, email=f"{uuid.uuid4().hex[:8]}@example.com", full_name="Mo Mover")
    with sessions() as session:
        session.add(mover)
        session.commit()
        mover_id = mover.id
        shelf = make_warehouse(session, name="Shelf")
        bench = make_warehouse(session, name="Bench")
        ticket = make_ticket(session)
        ticket_id, number = ticket.id, ticket.ticket_number
        unit = make_unit(session, physical_warehouse_id=shelf.id)
    add_movements(
        sessions,
        unit.id,
        1,
        from_physical_warehouse_id=shelf.id,
        to_physical_warehouse_id=bench.id,
        reference_ticket_id=ticket_id,
        moved_by_id=mover_id,
        notes="Bench test",
    )

    with make_uow(read_only=True) as uow:
        newest, receipt = uow.stock_movements.history(unit.id, offset=0, limit=50)

    assert (newest.from_warehouse_name, newest.from_warehouse_code) == (shelf.name, shelf.code)
    assert (newest.to_warehouse_name, newest.to_warehouse_code) == (bench.name, bench.code)
    assert newest.to_warehouse_location == bench.location
    assert (newest.reference_ticket_id, newest.ticket_number) == (ticket_id, number)
    assert (newest.moved_by_id, newest.mover_full_name) == (mover_id, "Mo Mover")
    assert newest.notes == "Bench test"
    assert (receipt.from_warehouse_name, receipt.to_warehouse_name) == (None, shelf.name)
    assert (receipt.ticket_number, receipt.mover_full_name) == (None, None)


def test_a_warehouse_or_mover_deleted_since_is_null(
    sessions: sessionmaker[Session], make_uow: UowFactory, hasher: PasswordHasher
) -> None:
    mover = make_user(hasher, email=f"{uuid.uuid4().hex[:8]}@example.com")
    with sessions() as session:
        session.add(mover)
        session.commit()
        mover_id = mover.id
        gone = make_warehouse(session, name="Closed store")
        kept = make_warehouse(session, name="Main store")
        # Received in a warehouse that is not there: the unit never stood in ``gone``.
        unit = make_unit(session, physical_warehouse_id=kept.id)
    add_movements(
        sessions,
        unit.id,
        1,
        from_physical_warehouse_id=gone.id,
        to_physical_warehouse_id=kept.id,
        moved_by_id=mover_id,
    )
    with sessions() as session:
        session.delete(session.get(type(gone), gone.id))
        session.delete(session.get(type(mover), mover_id))
        session.commit()

    with make_uow(read_only=True) as uow:
        newest = uow.stock_movements.history(unit.id, offset=0, limit=1)[0]

    assert (newest.from_physical_warehouse_id, newest.from_warehouse_name) == (None, None)
    assert (newest.to_physical_warehouse_id, newest.to_warehouse_name) == (kept.id, kept.name)
    assert (newest.moved_by_id, newest.mover_full_name) == (None, None)
    assert newest.movement_type == "transfer"


def test_an_unknown_or_unstorable_unit_has_no_history(make_uow: UowFactory) -> None:
    with make_uow(read_only=True) as uow:
        assert uow.stock_movements.count_of_unit("no-such-unit") == 0
        assert uow.stock_movements.count_of_unit("bad\x00id") == 0
        assert uow.stock_movements.history("bad\x00id", offset=0, limit=5) == []
