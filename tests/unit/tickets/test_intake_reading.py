"""Reading tickets on the in-memory fakes: the filters of a page, one ticket's detail,
a ticket's tasks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db.tables.catalog import BrandRow, ProductModelRow
from db.tables.customers import CustomerRow
from db.tables.tickets import ServiceTicketRow
from services.errors import NotFound
from services.tickets import reading
from services.tickets.reading import TicketFilter
from tests.factories.tickets import ticket_row
from tests.fakes import FakeUnitOfWork

NOW = datetime(2026, 5, 6, tzinfo=UTC)


@pytest.fixture
def tickets(uow: FakeUnitOfWork) -> list[ServiceTicketRow]:
    """Three tickets of two customers, made a minute apart (oldest first)."""
    brand = BrandRow(name="Apple", name_key="apple", created_at=NOW, updated_at=NOW)
    model = ProductModelRow(
        name="iPhone", sku="IP", type="phone", brand_id=brand.id, created_at=NOW, updated_at=NOW
    )
    uow.brands.add(brand)
    uow.product_models.add(model)
    ann = CustomerRow(
        name="Ann Lee",
        phone="(555) 010-2030",
        phone_key="5550102030",
        created_at=NOW,
        updated_at=NOW,
    )
    bob = CustomerRow(
        name="Bob Roe",
        phone="777 888 9999",
        phone_key="7778889999",
        created_at=NOW,
        updated_at=NOW,
    )
    uow.customers.add(ann)
    uow.customers.add(bob)
    made = []
    for n, customer in enumerate([ann, bob, ann], start=1):
        row = ticket_row(f"SV-2026-00{n}", customer_id=customer.id, product_id=model.id)
        row.created_at = NOW + timedelta(minutes=n)
        uow.tickets.add(row)
        made.append(row)
    made[1].status = "in_progress"
    return made


def ids(page: reading.TicketPage) -> list[str]:
    return [row.ticket_number for row in page.rows]


def test_every_ticket_newest_first(uow: FakeUnitOfWork, tickets: list[ServiceTicketRow]) -> None:
    assert [row.ticket_number for row in reading.list_tickets(uow)] == [
        "SV-2026-003",
        "SV-2026-002",
        "SV-2026-001",
    ]


@pytest.mark.parametrize(
    ("where", "found"),
    [
        (TicketFilter(status="in_progress"), ["SV-2026-002"]),
        (TicketFilter(search="ann"), ["SV-2026-003", "SV-2026-001"]),
        (TicketFilter(search="555 0102"), ["SV-2026-003", "SV-2026-001"]),
        (TicketFilter(search="sv-2026-002"), ["SV-2026-002"]),
        (TicketFilter(search="888", status="pending"), []),
    ],
)
def test_a_page_keeps_what_every_filter_keeps(
    uow: FakeUnitOfWork, tickets: list[ServiceTicketRow], where: TicketFilter, found: list[str]
) -> None:
    page = reading.list_tickets_page(uow, where, limit=50, offset=0)

    assert (ids(page), page.total) == (found, len(found))


def test_a_page_counts_past_its_limit(uow: FakeUnitOfWork, tickets: list[ServiceTicketRow]) -> None:
    page = reading.list_tickets_page(uow, TicketFilter(), limit=1, offset=1)

    assert (ids(page), page.total) == (["SV-2026-002"], 3)


def test_one_ticket_and_its_tasks(uow: FakeUnitOfWork, tickets: list[ServiceTicketRow]) -> None:
    detail = reading.get_ticket(uow, tickets[0].id)

    assert (detail.ticket.ticket_number, detail.parts, detail.comments) == ("SV-2026-001", [], [])
    assert reading.get_tasks(uow, tickets[0].id) == []


@pytest.mark.parametrize("read", [reading.get_ticket, reading.get_tasks])
def test_an_unknown_ticket_is_not_found(uow: FakeUnitOfWork, read: object) -> None:
    with pytest.raises(NotFound, match="Ticket not found"):
        read(uow, "missing")  # type: ignore[operator]
