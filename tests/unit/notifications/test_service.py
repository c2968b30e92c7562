"""Queueing and the notifications' services on the in-memory fakes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from db.repositories.notifications import LogFilters
from db.tables.customers import CustomerRow
from db.tables.notifications import EmailNotificationRow
from services.customer_tokens import CustomerLinkTokens
from services.errors import BadRequest, NotFound, Overloaded
from services.notifications import emails as email_service
from services.notifications.emails import NotificationSetup, Queued
from services.notifications.links import UnsubscribeLinks
from services.notifications.outbox import Skipped, queue_email
from services.notifications.rendering import EmailRenderer
from tests.factories.tickets import ticket_row
from tests.fakes import FakeClock, FakeUnitOfWork

TOKENS = CustomerLinkTokens("customer-links-key-material-of-enough-length")
SETUP = NotificationSetup(
    renderer=EmailRenderer(),
    links=UnsubscribeLinks("https://shop.example/", TOKENS),
    max_retries=3,
)
NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


def customer(uow: FakeUnitOfWork, email: str = "an@example.com", **wanted: bool) -> CustomerRow:
    row = CustomerRow(
        name="An",
        phone="5550102030",
        phone_key="5550102030",
        email=email,
        created_at=NOW,
        updated_at=NOW,
        **{f"email_{name}": on for name, on in wanted.items()},
    )
    uow.customers.add(row)
    return row


def send(
    uow: FakeUnitOfWork,
    clock: FakeClock,
    email_type: str = "ticket_created",
    to: str = "an@example.com",
    ticket_id: str | None = None,
) -> Queued | Skipped:
    return email_service.send_email(
        uow,
        SETUP,
        email_type=email_type,
        recipient_email=to,
        recipient_name="An",
        context={"ticket_number": "SV-1"},
        service_ticket_id=ticket_id,
        clock=clock,
    )


def past_emails(
    uow: FakeUnitOfWork, count: int, created_at: datetime, to: str = "an@example.com"
) -> None:
    for index in range(count):
        uow.notifications.add(
            EmailNotificationRow(
                email_type="ticket_created",
                recipient_email=to,
                recipient_name="An",
                subject=f"s{index}",
                text_body="t",
                html_body="h",
                next_attempt_at=created_at,
                created_at=created_at,
                updated_at=created_at,
            )
        )


def test_queue_email_adds_a_rendered_pending_email_without_committing(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    owner = customer(uow)

    email = queue_email(
        uow,
        SETUP.renderer,
        SETUP.links,
        email_type="ticket_created",
        recipient_email="an@example.com",
        recipient_name="An",
        context={"ticket_number": "SV-1"},
        service_ticket_id="t-1",
        clock=clock,
    )

    assert isinstance(email, EmailNotificationRow)
    assert not uow.committed
    assert uow.notifications.rows == {email.id: email}
    assert (email.status, email.next_attempt_at, email.created_at) == ("pending", NOW, NOW)
    assert (email.customer_id, email.service_ticket_id) == (owner.id, "t-1")
    assert email.subject == "Service ticket SV-1 opened"
    assert email.unsubscribe_url is not None
    parts = urlsplit(email.unsubscribe_url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "shop.example", "/unsubscribe")
    assert parse_qs(parts.query) == {
        "email": ["an@example.com"],
        "token": [TOKENS.token_for(owner.id, "an@example.com")],
        "type": ["ticket_created"],
    }


def test_send_keeps_the_ticket_it_names(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    ticket = ticket_row("SV-2026-001", customer_id="c", product_id="p")
    uow.tickets.add(ticket)

    queued = send(uow, clock, ticket_id=ticket.id)

    assert isinstance(queued, Queued)
    assert uow.notifications.rows[queued.email_id].service_ticket_id == ticket.id


def test_send_refuses_a_ticket_that_does_not_exist(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    with pytest.raises(NotFound, match=r"^Service ticket not found$"):
        send(uow, clock, ticket_id="no-such-ticket")

    assert (uow.notifications.rows, uow.committed) == ({}, False)


def test_send_commits_the_queued_email(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    queued = send(uow, clock)

    assert isinstance(queued, Queued)
    assert uow.commits == 1
    assert uow.notifications.rows[queued.email_id].unsubscribe_url is None


def test_a_type_the_customer_turned_off_is_skipped(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    customer(uow, service_completed=False)

    assert send(uow, clock, "service_completed") == Skipped("unsubscribed")
    assert isinstance(send(uow, clock, "ticket_created"), Queued)
    assert [row.email_type for row in uow.notifications.rows.values()] == ["ticket_created"]
    assert uow.commits == 1


def test_the_hundredth_email_in_a_day_is_the_last(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    past_emails(uow, 1, NOW - timedelta(hours=25))
    past_emails(uow, 1, NOW - timedelta(hours=23))
    past_emails(uow, 98, NOW - timedelta(minutes=1))
    past_emails(uow, 100, NOW, to="other@example.com")

    assert isinstance(send(uow, clock), Queued)
    with pytest.raises(Overloaded) as refused:
        send(uow, clock)

    assert refused.value.retry_after_seconds == 3600
    assert len(uow.notifications.rows) == 201
    assert uow.commits == 1


def test_the_window_moves_with_the_clock(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    past_emails(uow, 100, NOW - timedelta(hours=23))
    with pytest.raises(Overloaded):
        send(uow, clock)

    clock.advance(timedelta(hours=1))

    assert isinstance(send(uow, clock), Queued)


def test_the_log_and_the_stats(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    first = send(uow, clock)
    clock.advance(timedelta(seconds=1))
    second = send(uow, clock, "service_completed")
    assert isinstance(first, Queued)
    assert isinstance(second, Queued)

    page = email_service.get_log(uow, LogFilters(), limit=10, offset=0)
    typed = email_service.get_log(uow, LogFilters(email_type="ticket_created"), limit=10, offset=0)
    stats = email_service.get_stats(uow)

    assert [row.id for row in page.rows] == [second.email_id, first.email_id]
    assert (page.total, typed.total) == (2, 1)
    assert (stats.total, stats.pending, stats.sent) == (2, 2, 0)
    assert stats.by_type == {"service_completed": 1, "ticket_created": 1}


def test_retry_locks_the_email_and_makes_it_due(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    queued = send(uow, clock)
    assert isinstance(queued, Queued)
    email = uow.notifications.rows[queued.email_id]
    email.status, email.retry_count = "failed", 2
    clock.advance(timedelta(hours=1))

    email_service.retry_email(uow, email.id, max_retries=3, clock=clock)

    assert uow.notifications.locked == [email.id]
    assert (email.status, email.next_attempt_at, email.retry_count) == ("pending", clock(), 2)
    assert uow.commits == 2


def test_retry_refuses_what_it_may_not_do(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    queued = send(uow, clock)
    assert isinstance(queued, Queued)
    email = uow.notifications.rows[queued.email_id]

    with pytest.raises(NotFound):
        email_service.retry_email(uow, "missing", max_retries=3, clock=clock)
    email.status = "sent"
    with pytest.raises(BadRequest):
        email_service.retry_email(uow, email.id, max_retries=3, clock=clock)
    email.status, email.retry_count = "failed", 3
    with pytest.raises(BadRequest):
        email_service.retry_email(uow, email.id, max_retries=3, clock=clock)
    assert uow.commits == 1
