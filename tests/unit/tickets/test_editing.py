"""The steps every ticket change shares, on the in-memory fakes: locking, refusing a
finished ticket, the system's comments, the money and the customer's emails."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from db.tables.catalog import BrandRow, PartRow, ProductModelRow
from db.tables.customers import CustomerRow
from db.tables.notifications import EmailNotificationRow
from db.tables.tickets import ServiceTicketRow
from services.customer_tokens import CustomerLinkTokens
from services.errors import BadRequest, NotFound, PreconditionFailed
from services.notifications.emails import NotificationSetup
from services.notifications.links import UnsubscribeLinks
from services.notifications.rendering import EmailRenderer
from services.tickets import editing
from services.tickets.emails import queue_ticket_email
from tests.factories.tickets import ticket_part, ticket_row
from tests.fakes import FakeClock, FakeUnitOfWork

NOW = datetime(2026, 11, 29, 23, 59, tzinfo=UTC)
SETUP = NotificationSetup(
    renderer=EmailRenderer(),
    links=UnsubscribeLinks(
        "https://shop.example/", CustomerLinkTokens("customer-links-key-material-of-enough-length")
    ),
    max_retries=3,
)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


def a_ticket(
    uow: FakeUnitOfWork, *, email: str | None = "an@example.com", status: str = "pending"
) -> ServiceTicketRow:
    brand = BrandRow(name="Apple", name_key="apple", created_at=NOW, updated_at=NOW)
    product = ProductModelRow(
        name="iPhone 15",
        sku="IP15",
        type="phone",
        brand_id=brand.id,
        created_at=NOW,
        updated_at=NOW,
    )
    customer = CustomerRow(
        name="An Customer",
        phone="5550102030",
        phone_key="5550102030",
        email=email,
        created_at=NOW,
        updated_at=NOW,
    )
    uow.brands.add(brand)
    uow.product_models.add(product)
    uow.customers.add(customer)
    ticket = ticket_row(
        "SV-2026-007", customer_id=customer.id, product_id=product.id, status=status
    )
    uow.tickets.add(ticket)
    return ticket


def test_lock_ticket_locks_it_or_says_not_found(uow: FakeUnitOfWork) -> None:
    ticket = a_ticket(uow)
    assert editing.lock_ticket(uow, ticket.id) is ticket
    assert uow.tickets.locked == [ticket.id]
    with pytest.raises(NotFound, match="Ticket not found"):
        editing.lock_ticket(uow, "missing")


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_a_finished_ticket_is_not_changeable(uow: FakeUnitOfWork, status: str) -> None:
    ticket = a_ticket(uow, status=status)
    with pytest.raises(PreconditionFailed, match=f"SV-2026-007 is {status}"):
        editing.lock_changeable_ticket(uow, ticket.id)


def test_the_view_embeds_customer_product_and_brand(uow: FakeUnitOfWork) -> None:
    ticket = a_ticket(uow)
    view = editing.view_of(uow, ticket.id)
    assert (view.ticket_number, view.customer_name, view.product_name, view.brand_name) == (
        "SV-2026-007",
        "An Customer",
        "iPhone 15",
        "Apple",
    )
    with pytest.raises(NotFound):
        editing.view_of(uow, "missing")


def test_money_is_recomputed_from_the_lines(uow: FakeUnitOfWork) -> None:
    ticket = a_ticket(uow)
    ticket.discount_amount = Decimal("5.00")
    for part_id in ("p1", "p2"):
        uow.parts.add(
            PartRow(
                id=part_id,
                name=part_id,
                sku=part_id,
                unit_price=Decimal("10.00"),
                created_at=NOW,
                updated_at=NOW,
            )
        )
    for line in (ticket_part(ticket.id, "p1", quantity=3), ticket_part(ticket.id, "p2")):
        uow.ticket_parts.add(line)

    editing.recompute_money(uow, ticket)

    # 100.00 service fee + 4 parts at 10.00 - 5.00
    assert (ticket.parts_total, ticket.total_cost) == (Decimal("40.00"), Decimal("135.00"))
    ticket.discount_amount = Decimal("140.01")
    with pytest.raises(BadRequest, match=r"discount_amount 140\.01"):
        editing.recompute_money(uow, ticket)


def test_a_system_comment_names_its_actor(uow: FakeUnitOfWork) -> None:
    ticket = a_ticket(uow)
    comment = editing.write_comment(
        uow, ticket, "Priority: normal → urgent", actor_id="u1", now=NOW
    )
    assert uow.ticket_comments.rows[comment.id] is comment
    assert (comment.comment_type, comment.created_by, comment.is_internal) == (
        "system",
        "u1",
        False,
    )


def test_the_ticket_s_email_goes_to_its_customer_with_its_number(uow: FakeUnitOfWork) -> None:
    ticket = a_ticket(uow)
    assert queue_ticket_email(uow, SETUP, ticket, "service_completed", clock=FakeClock(NOW))
    (email,) = uow.notifications.rows.values()
    assert (email.recipient_email, email.email_type, email.service_ticket_id) == (
        "an@example.com",
        "service_completed",
        ticket.id,
    )
    assert "SV-2026-007" in email.text_body
    assert "iPhone 15" in email.text_body
    # The day of completion is UTC's, even a minute before midnight.
    assert "completed 2026-11-29" in email.text_body


def test_no_email_without_an_address_or_when_turned_off(uow: FakeUnitOfWork) -> None:
    without = a_ticket(uow, email=None)
    assert not queue_ticket_email(uow, SETUP, without, "ticket_created", clock=FakeClock(NOW))
    ticket = a_ticket(uow)
    uow.customers.rows[ticket.customer_id].email_ticket_created = False
    assert not queue_ticket_email(uow, SETUP, ticket, "ticket_created", clock=FakeClock(NOW))
    assert not uow.notifications.rows


def test_a_recipient_at_the_daily_limit_gets_no_email_and_the_change_goes_on(
    uow: FakeUnitOfWork, caplog: pytest.LogCaptureFixture
) -> None:
    ticket = a_ticket(uow)
    for minutes in range(100):
        sent_at = NOW - timedelta(minutes=minutes)
        uow.notifications.add(
            EmailNotificationRow(
                email_type="ticket_created",
                recipient_email="an@example.com",
                recipient_name="An",
                subject="s",
                text_body="t",
                html_body="h",
                status="sent",
                created_at=sent_at,
                updated_at=sent_at,
                next_attempt_at=sent_at,
            )
        )

    assert not queue_ticket_email(uow, SETUP, ticket, "ticket_created", clock=FakeClock(NOW))
    assert len(uow.notifications.rows) == 100
    assert ticket.id in caplog.text
    assert "an@example.com" not in caplog.text
