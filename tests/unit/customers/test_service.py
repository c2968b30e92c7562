"""The customer service on the in-memory fakes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db.tables.customers import CustomerRow
from services import customers as customer_service
from services.customer_tokens import CustomerLinkTokens
from services.customers import CustomerChanges
from services.errors import Conflict, NotFound
from tests.fakes import FakeClock, FakeUnitOfWork

TOKENS = CustomerLinkTokens("customer-links-key-material-of-enough-length")


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 15, 12, tzinfo=UTC))


def create(
    uow: FakeUnitOfWork,
    clock: FakeClock,
    name: str = "C",
    phone: str = "+1 (555) 010-2030",
    **fields: str,
) -> CustomerRow:
    return customer_service.create_customer(uow, name=name, phone=phone, clock=clock, **fields)


def test_create_keeps_the_phone_as_typed_and_its_digits(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    customer = create(uow, clock, email="an@example.com")

    assert (customer.phone, customer.phone_key) == ("+1 (555) 010-2030", "15550102030")
    assert (customer.created_at, customer.updated_at) == (clock(), clock())
    assert uow.customers.rows == {customer.id: customer}
    assert uow.committed


def test_create_refuses_a_taken_phone_or_email(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    create(uow, clock, email="an@example.com")
    uow.commits = 0

    with pytest.raises(Conflict, match="phone"):
        create(uow, clock, phone="+1 555 010 2030")
    with pytest.raises(Conflict, match="email"):
        create(uow, clock, phone="5550102031", email="an@example.com")
    assert (len(uow.customers.rows), uow.commits) == (1, 0)


def test_update_sets_the_phone_with_its_key(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    customer = create(uow, clock, address="Old")
    clock.advance(timedelta(minutes=1))

    customer_service.update_customer(
        uow, customer.id, CustomerChanges(phone="(555) 010-9999", address=None), clock=clock
    )

    assert (customer.phone, customer.phone_key, customer.address) == (
        "(555) 010-9999",
        "5550109999",
        None,
    )
    assert customer.updated_at == clock() != customer.created_at


def test_update_refuses_anothers_phone(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    create(uow, clock, phone="5550100001")
    customer = create(uow, clock, phone="5550100002")
    uow.commits = 0

    with pytest.raises(Conflict):
        customer_service.update_customer(uow, customer.id, CustomerChanges(phone="555 010 0001"))
    assert (customer.phone_key, uow.commits) == ("5550100002", 0)


def test_update_of_an_unknown_customer_is_not_found(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotFound):
        customer_service.update_customer(uow, "missing", CustomerChanges(name="X"))


def test_delete_is_refused_while_referred_to(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    customer = create(uow, clock)
    uow.customers.referenced.add(customer.id)
    uow.commits = 0

    with pytest.raises(Conflict, match="tickets"):
        customer_service.delete_customer(uow, customer.id)
    assert (list(uow.customers.rows), uow.commits) == ([customer.id], 0)

    uow.customers.referenced.clear()
    customer_service.delete_customer(uow, customer.id)
    assert (uow.customers.rows, uow.commits) == ({}, 1)


def test_delete_of_an_unknown_customer_is_not_found(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotFound):
        customer_service.delete_customer(uow, "missing")


def test_get_by_email_needs_the_customers_token(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    customer = create(uow, clock, email="an@example.com")
    token = TOKENS.token_for(customer.id, "an@example.com")

    found = customer_service.get_by_email(uow, TOKENS, "an@example.com", token)

    assert found is not None
    assert found.id == customer.id
    assert customer_service.get_by_email(uow, TOKENS, "an@example.com", "") is None
    assert customer_service.get_by_email(uow, TOKENS, "bo@example.com", token) is None


def test_update_email_preferences_with_the_token(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    customer = create(uow, clock, email="an@example.com")
    token = TOKENS.token_for(customer.id, "an@example.com")
    clock.advance(timedelta(days=1))

    customer_service.update_email_preferences(
        uow, TOKENS, "an@example.com", token, {"service_completed": False}, clock=clock
    )

    assert customer.email_service_completed is False
    assert customer.email_delivery_confirmed is True
    assert customer.updated_at == clock()
    assert uow.committed


def test_update_email_preferences_without_the_token_is_not_found(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    customer = create(uow, clock, email="an@example.com")
    uow.commits = 0

    for email, token in [
        ("an@example.com", "wrong"),
        ("bo@example.com", TOKENS.token_for(customer.id, "an@example.com")),
    ]:
        with pytest.raises(NotFound):
            customer_service.update_email_preferences(
                uow, TOKENS, email, token, {"ticket_created": False}
            )
    assert (customer.email_ticket_created, uow.commits) == (True, 0)


def test_new_customers_counts_the_utc_calendar_months(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    created_at = [
        datetime(2026, 1, 31, 23, 59, tzinfo=UTC),  # two months back: not counted
        datetime(2026, 2, 1, tzinfo=UTC),
        datetime(2026, 2, 28, 23, 59, 59, tzinfo=UTC),
        datetime(2026, 3, 1, tzinfo=UTC),
        datetime(2026, 3, 10, tzinfo=UTC),
        datetime(2026, 3, 15, 12, tzinfo=UTC),
    ]
    for n, at in enumerate(created_at):
        create(uow, FakeClock(at), phone=f"55501000{n:02d}")

    summary = customer_service.new_customers(uow, clock=clock)

    assert summary == customer_service.NewCustomerSummary(
        current_month_count=3,
        previous_month_count=2,
        growth_rate=50.0,
        has_previous_data=True,
        latest_update=datetime(2026, 3, 15, 12, tzinfo=UTC),
    )


def test_new_customers_without_any(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    summary = customer_service.new_customers(uow, clock=clock)
    assert (
        summary.current_month_count,
        summary.growth_rate,
        summary.has_previous_data,
        summary.latest_update,
    ) == (0, 0.0, False, None)
