"""The customers' repository on the test's database (SQLite, or PostgreSQL when
DATABASE_URL names one): listing and search, lookups, the month's counts in one query,
references, and the unique keys that settle races."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.errors import DuplicateKey, StillReferenced
from db.failures import database_failure
from db.tables.customers import CustomerRow
from tests.factories.tickets import make_ticket
from tests.integration.conftest import UowFactory
from tests.integration.rows import save

T0 = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


def customer(
    name: str,
    phone: str,
    *,
    email: str | None = None,
    created_at: datetime = T0,
) -> CustomerRow:
    key = "".join(c for c in phone if c.isdigit())
    return CustomerRow(
        name=name,
        phone=phone,
        phone_key=key,
        email=email,
        created_at=created_at,
        updated_at=created_at,
    )


@pytest.fixture
def customers(sessions: sessionmaker[Session]) -> list[CustomerRow]:
    rows = [
        customer("Carol", "+1 (555) 010-2030", email="carol@example.com"),
        customer("Alice", "555 010 0001"),
        customer("Bob", "555-010-0002", email="bob_100%@example.com"),
        customer("Alice", "555 010 0003", email="alice@example.com"),
        customer("Dora 100%_off", "555 010 0004"),
    ]
    save(sessions, *rows)
    return rows


def test_every_customer_by_name_then_id(make_uow: UowFactory, customers: list[CustomerRow]) -> None:
    with make_uow(read_only=True) as uow:
        listed = uow.customers.list_all()

    expected = sorted(customers, key=lambda row: (row.name, row.id))
    assert [record.id for record in listed] == [row.id for row in expected]
    first = next(row for row in customers if row.id == listed[0].id)
    assert listed[0].email_service_completed is True
    assert (listed[0].created_at, listed[0].phone) == (first.created_at, first.phone)


@pytest.mark.parametrize(
    ("search", "names"),
    [
        ("ali", ["Alice", "Alice"]),
        ("ALICE@", ["Alice"]),
        ("5550102030", ["Carol"]),  # digits of a phone typed with punctuation
        ("(555) 010-2030", ["Carol"]),
        ("010 0002", ["Bob"]),
        ("100%_", ["Dora 100%_off"]),  # literally; and not a phone: digits not looked for
        ("0100", ["Alice", "Alice", "Bob", "Dora 100%_off"]),  # a phone: by its digits
        ("_100%", ["Bob"]),
        ("nobody", []),
    ],
)
def test_search_finds_name_phone_or_email(
    make_uow: UowFactory, customers: list[CustomerRow], search: str, names: list[str]
) -> None:
    with make_uow(read_only=True) as uow:
        page = uow.customers.list_page(search=search, offset=0, limit=50)
        total = uow.customers.count(search=search)

    assert [record.name for record in page] == names
    assert total == len(names)


def test_pages_keep_the_order(make_uow: UowFactory, customers: list[CustomerRow]) -> None:
    with make_uow(read_only=True) as uow:
        every = uow.customers.list_all()
        pages = [uow.customers.list_page(search=None, offset=n, limit=2) for n in (0, 2, 4)]
        total = uow.customers.count(search=None)

    assert [record for page in pages for record in page] == every
    assert ([len(page) for page in pages], total) == ([2, 2, 1], 5)


def test_lookups_by_phone_key_and_email(make_uow: UowFactory, customers: list[CustomerRow]) -> None:
    with make_uow(read_only=True) as uow:
        by_phone = uow.customers.by_phone_key("15550102030")
        by_email = uow.customers.by_email("alice@example.com")
        missing = (uow.customers.by_phone_key("1"), uow.customers.by_email("x\x00@example.com"))

    assert by_phone is not None
    assert by_phone.name == "Carol"
    assert by_email is not None
    assert by_email.id == customers[3].id
    assert missing == (None, None)


def test_new_customer_counts_in_one_query(
    make_uow: UowFactory, sessions: sessionmaker[Session]
) -> None:
    march, april, may = (datetime(2026, month, 1, tzinfo=UTC) for month in (3, 4, 5))
    created = [
        march - timedelta(microseconds=1),  # February: counted in neither
        march,
        april - timedelta(microseconds=1),
        april,
        april + timedelta(days=3),
        may - timedelta(microseconds=1),
        may,  # the next month: not this one's
    ]
    save(
        sessions,
        *(customer(f"C{n}", f"55501000{n:02d}", created_at=at) for n, at in enumerate(created)),
    )

    with make_uow(read_only=True) as uow:
        counts = uow.customers.new_customer_counts(
            previous_start=march, current_start=april, next_start=may
        )

    assert (counts.current, counts.previous, counts.latest_created_at) == (3, 2, may)


def test_new_customer_counts_without_customers(make_uow: UowFactory) -> None:
    with make_uow(read_only=True) as uow:
        counts = uow.customers.new_customer_counts(
            previous_start=T0, current_start=T0, next_start=T0
        )
    assert (counts.current, counts.previous, counts.latest_created_at) == (0, 0, None)


def test_a_customer_with_tickets_is_referenced(
    make_uow: UowFactory, sessions: sessionmaker[Session], customers: list[CustomerRow]
) -> None:
    with make_uow(read_only=True) as uow:
        assert not uow.customers.is_referenced(customers[0].id)
    with sessions() as session:
        make_ticket(session, customer_id=customers[0].id)

    with make_uow(read_only=True) as uow:
        referenced = [uow.customers.is_referenced(row.id) for row in customers[:2]]
        assert not uow.customers.is_referenced("00000000-0000-4000-8000-000000000000")
    assert referenced == [True, False]


def test_deleting_a_customer_past_the_check_is_refused(
    make_uow: UowFactory, sessions: sessionmaker[Session], customers: list[CustomerRow]
) -> None:
    # A ticket made between the check and the delete: the foreign key refuses it.
    with sessions() as session:
        make_ticket(session, customer_id=customers[0].id)

    with make_uow() as uow:
        row = uow.customers.get(customers[0].id)
        assert row is not None
        uow.customers.delete(row)
        with pytest.raises(IntegrityError) as raised:
            uow.commit()

    assert isinstance(database_failure(raised.value), StillReferenced)


@pytest.mark.parametrize("field", ["phone_key", "email"])
def test_unique_keys_settle_races(
    make_uow: UowFactory, customers: list[CustomerRow], field: str
) -> None:
    twin = customer("Twin", "555 999 9999", email="twin@example.com")
    setattr(twin, field, getattr(customers[0], field))

    with make_uow() as uow:
        uow.customers.add(twin)
        with pytest.raises(IntegrityError) as raised:
            uow.commit()

    assert isinstance(database_failure(raised.value), DuplicateKey)


def test_preferences_are_stored_per_type(
    make_uow: UowFactory, customers: list[CustomerRow]
) -> None:
    with make_uow() as uow:
        row = uow.customers.get(customers[0].id)
        assert row is not None
        row.email_ticket_created = False
        uow.commit()

    with make_uow(read_only=True) as uow:
        stored = uow.customers.by_email("carol@example.com")

    assert stored is not None
    assert (stored.email_ticket_created, stored.email_service_completed) == (False, True)
