"""Ticket numbers on the test's database (SQLite, or PostgreSQL when DATABASE_URL names
one): consecutive from 1 in each year, without gaps, when many transactions take them
at once, including transactions that roll back after taking one.

Each creator runs in a thread of its own with its own unit of work (its own pooled
connection), all released together by a barrier, as concurrent calls would be. No
creator retries: a "database is locked" (SQLite) or any other failure fails the test.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from db.tables.tickets import ServiceTicketRow, TicketNumberCounterRow
from db.unit_of_work import SqlUnitOfWork, session_factory
from services.tickets.number_rules import ticket_number
from tests.factories.tickets import make_customer, ticket_row
from tests.factories.workflow import make_product_model
from tests.integration.conftest import UowFactory

CREATORS = 50
# Bounds the wait at the barrier and for the whole run: far above the time the work
# takes, only there so a broken lock fails the test instead of hanging it.
WAIT_SECONDS = 60.0


@dataclass(frozen=True)
class Refs:
    customer_id: str
    product_id: str


@pytest.fixture
def wide_engine(migrated_engine: Engine) -> Iterator[Engine]:
    """On PostgreSQL, an engine whose pool holds every creator's connection at once, so
    all of them really are in flight together; on SQLite the migrated engine (writers
    queue on the database's write lock whatever the pool)."""
    url = migrated_engine.url
    if make_url(url).get_backend_name() != "postgresql":
        yield migrated_engine
        return
    engine = create_engine(url, pool_size=CREATORS, max_overflow=0, hide_parameters=True)
    yield engine
    engine.dispose()


@pytest.fixture
def wide_sessions(wide_engine: Engine) -> sessionmaker[Session]:
    return session_factory(wide_engine)


@pytest.fixture
def refs(sessions: sessionmaker[Session]) -> Refs:
    with sessions() as session:
        return Refs(make_customer(session).id, make_product_model(session).id)


def create_ticket(
    uow: SqlUnitOfWork, refs: Refs, year: int, *, roll_back: bool = False
) -> int | None:
    """Take the year's next number and insert a ticket with it; commit, or (with
    ``roll_back``) leave without committing after the insert reached the database."""
    with uow:
        taken = uow.tickets.next_number(year)
        uow.tickets.add(
            ticket_row(
                ticket_number(year, taken),
                customer_id=refs.customer_id,
                product_id=refs.product_id,
            )
        )
        uow.session.flush()
        if roll_back:
            return None
        uow.commit()
    return taken


def create_at_once(
    sessions: sessionmaker[Session], refs: Refs, year: int, rolled_back: frozenset[int]
) -> list[int | None]:
    """``CREATORS`` tickets created together; those whose index is in ``rolled_back``
    roll back after taking their number. Each one's number (None: rolled back)."""
    barrier = threading.Barrier(CREATORS, timeout=WAIT_SECONDS)

    def creator(index: int) -> int | None:
        barrier.wait()
        uow = SqlUnitOfWork(sessions)
        return create_ticket(uow, refs, year, roll_back=index in rolled_back)

    with ThreadPoolExecutor(max_workers=CREATORS) as pool:
        # Any creator's exception (a lock timeout, a duplicate number) is raised here.
        return list(pool.map(creator, range(CREATORS), timeout=WAIT_SECONDS))


def stored_numbers(sessions: sessionmaker[Session]) -> list[str]:
    with sessions() as session:
        statement = select(ServiceTicketRow.ticket_number).order_by(
            col(ServiceTicketRow.created_at), col(ServiceTicketRow.ticket_number)
        )
        return sorted(session.exec(statement).all())


def last_number(sessions: sessionmaker[Session], year: int) -> int | None:
    with sessions() as session:
        counter = session.get(TicketNumberCounterRow, year)
        return None if counter is None else counter.last_number


def numbered(year: int, count: int) -> list[str]:
    return sorted(ticket_number(year, n) for n in range(1, count + 1))


def test_concurrent_creators_take_distinct_consecutive_numbers(
    wide_sessions: sessionmaker[Session], sessions: sessionmaker[Session], refs: Refs
) -> None:
    taken = create_at_once(wide_sessions, refs, 2026, frozenset())

    assert sorted(n for n in taken if n is not None) == list(range(1, CREATORS + 1))
    assert stored_numbers(sessions) == numbered(2026, CREATORS)
    assert last_number(sessions, 2026) == CREATORS


def test_numbers_taken_by_rolled_back_creators_are_given_back(
    wide_sessions: sessionmaker[Session], sessions: sessionmaker[Session], refs: Refs
) -> None:
    rolled_back = frozenset(range(0, CREATORS, 5))  # every fifth: 10 of 50
    committed = CREATORS - len(rolled_back)

    taken = create_at_once(wide_sessions, refs, 2026, rolled_back)

    assert [taken[index] for index in sorted(rolled_back)] == [None] * len(rolled_back)
    assert sorted(n for n in taken if n is not None) == list(range(1, committed + 1))
    assert stored_numbers(sessions) == numbered(2026, committed)
    assert last_number(sessions, 2026) == committed


def test_a_rolled_back_number_is_the_next_creators(make_uow: UowFactory, refs: Refs) -> None:
    assert create_ticket(make_uow(), refs, 2026) == 1
    assert create_ticket(make_uow(), refs, 2026, roll_back=True) is None
    assert create_ticket(make_uow(), refs, 2026) == 2


def test_each_year_counts_from_one(
    make_uow: UowFactory, sessions: sessionmaker[Session], refs: Refs
) -> None:
    for _ in range(3):
        create_ticket(make_uow(), refs, 2026)

    assert create_ticket(make_uow(), refs, 2027) == 1
    assert create_ticket(make_uow(), refs, 2026) == 4
    assert create_ticket(make_uow(), refs, 2027) == 2
    assert stored_numbers(sessions) == [
        *numbered(2026, 4),
        *numbered(2027, 2),
    ]


def test_numbers_go_past_three_digits(
    make_uow: UowFactory, sessions: sessionmaker[Session], refs: Refs
) -> None:
    with sessions() as session:
        session.add(TicketNumberCounterRow(year=2026, last_number=998))
        session.commit()

    taken = [create_ticket(make_uow(), refs, 2026) for _ in range(2)]

    assert taken == [999, 1000]
    assert stored_numbers(sessions) == ["SV-2026-1000", "SV-2026-999"]


def test_a_ticket_is_read_back_by_id_with_its_money_exact(make_uow: UowFactory, refs: Refs) -> None:
    ticket = ticket_row("SV-2026-001", customer_id=refs.customer_id, product_id=refs.product_id)
    ticket.discount_amount = Decimal("0.10")
    ticket.total_cost = Decimal("99.90")
    with make_uow() as uow:
        uow.tickets.add(ticket)
        uow.commit()

    with make_uow() as uow:
        found = uow.tickets.get(ticket.id, reload=True)
        assert found is not None
        assert found.ticket_number == "SV-2026-001"
        assert (found.service_fee, found.discount_amount, found.total_cost) == (
            Decimal("100.00"),
            Decimal("0.10"),
            Decimal("99.90"),
        )
        assert (found.status, found.priority_level, found.warranty_type) == (
            "pending",
            "normal",
            "paid",
        )
