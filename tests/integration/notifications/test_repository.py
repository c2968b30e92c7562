"""The outbox's repository and queueing on the test's database (SQLite, or PostgreSQL
when DATABASE_URL names one): an email is kept exactly when its transaction is, the log's
filters and order, the statistics in one query, the daily count, and the row a retry
locks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, func, select

from db.repositories.notifications import LogFilters
from db.tables.customers import CustomerRow
from db.tables.notifications import EmailNotificationRow
from services.customer_tokens import CustomerLinkTokens
from services.notifications.links import UnsubscribeLinks
from services.notifications.outbox import queue_email
from services.notifications.rendering import EmailRenderer
from tests.fakes import FakeClock
from tests.integration.conftest import UowFactory
from tests.integration.rows import save

T0 = datetime(2026, 11, 29, 12, tzinfo=UTC)
RENDERER = EmailRenderer()
LINKS = UnsubscribeLinks(
    "https://shop.example", CustomerLinkTokens("customer-links-key-material-of-enough-length")
)


def email(
    recipient: str = "an@example.com",
    *,
    created_at: datetime = T0,
    email_type: str = "ticket_created",
    status: str = "pending",
) -> EmailNotificationRow:
    return EmailNotificationRow(
        email_type=email_type,
        recipient_email=recipient,
        recipient_name="An",
        subject="s",
        text_body="t",
        html_body="h",
        status=status,
        next_attempt_at=created_at,
        created_at=created_at,
        updated_at=created_at,
    )


def count_emails(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.exec(select(func.count()).select_from(EmailNotificationRow)).one()


def queue(make_uow: UowFactory, *, commit: bool, fail: bool = False) -> str:
    with make_uow() as uow:
        customer = CustomerRow(
            name="An",
            phone="5550102030",
            phone_key="5550102030",
            email="an@example.com",
            created_at=T0,
            updated_at=T0,
        )
        uow.customers.add(customer)
        queued = queue_email(
            uow,
            RENDERER,
            LINKS,
            email_type="ticket_created",
            recipient_email="an@example.com",
            recipient_name="An",
            context={"ticket_number": "SV-1"},
            clock=FakeClock(T0),
        )
        assert isinstance(queued, EmailNotificationRow)
        if fail:
            raise RuntimeError("the change that caused the email failed")
        if commit:
            uow.commit()
        return queued.id


def test_a_committed_change_keeps_its_email(
    make_uow: UowFactory, sessions: sessionmaker[Session]
) -> None:
    email_id = queue(make_uow, commit=True)

    with sessions() as session:
        stored = session.get(EmailNotificationRow, email_id)
        assert stored is not None
        assert (stored.status, stored.subject) == ("pending", "Service ticket SV-1 opened")
        assert stored.customer_id is not None
        assert stored.unsubscribe_url is not None


def test_a_change_left_uncommitted_leaves_no_email(
    make_uow: UowFactory, sessions: sessionmaker[Session]
) -> None:
    queue(make_uow, commit=False)

    assert count_emails(sessions) == 0


def test_a_change_that_fails_leaves_no_email(
    make_uow: UowFactory, sessions: sessionmaker[Session]
) -> None:
    with pytest.raises(RuntimeError):
        queue(make_uow, commit=True, fail=True)

    assert count_emails(sessions) == 0


def test_the_log_filters_and_orders_newest_first(
    make_uow: UowFactory, sessions: sessionmaker[Session]
) -> None:
    rows = [
        email(created_at=T0),
        email(created_at=T0 + timedelta(minutes=1), status="sent"),
        email(created_at=T0 + timedelta(minutes=2), email_type="service_completed"),
        email("bo@example.com", created_at=T0 + timedelta(minutes=3)),
    ]
    save(sessions, *rows)

    with make_uow(read_only=True) as uow:
        everything = uow.notifications.list_page(LogFilters(), offset=0, limit=10)
        page = uow.notifications.list_page(LogFilters(), offset=1, limit=2)
        filtered = LogFilters(
            email_type="ticket_created", status="pending", recipient_email="an@example.com"
        )
        only = uow.notifications.list_page(filtered, offset=0, limit=10)
        counts = (uow.notifications.count(LogFilters()), uow.notifications.count(filtered))
        nul = uow.notifications.list_page(LogFilters(recipient_email="a\x00"), offset=0, limit=5)

    assert [row.id for row in everything] == [row.id for row in reversed(rows)]
    assert [row.id for row in page] == [rows[2].id, rows[1].id]
    assert [row.id for row in only] == [rows[0].id]
    assert everything[0].created_at == rows[3].created_at
    assert counts == (4, 1)
    assert nul == []


def test_the_stats_are_counts_by_type_and_status(
    make_uow: UowFactory, sessions: sessionmaker[Session]
) -> None:
    save(
        sessions,
        email(),
        email(status="sent"),
        email(status="sent"),
        email(email_type="service_completed", status="bounced"),
    )

    with make_uow(read_only=True) as uow:
        counts = uow.notifications.counts_by_type_and_status()

    assert [(c.email_type, c.status, c.emails) for c in counts] == [
        ("service_completed", "bounced", 1),
        ("ticket_created", "pending", 1),
        ("ticket_created", "sent", 2),
    ]


def test_the_daily_count_is_of_one_recipient_after_a_moment(
    make_uow: UowFactory, sessions: sessionmaker[Session]
) -> None:
    save(
        sessions,
        email(created_at=T0 - timedelta(hours=24)),
        email(created_at=T0 - timedelta(hours=23)),
        email(created_at=T0),
        email("bo@example.com", created_at=T0),
    )

    with make_uow(read_only=True) as uow:
        recent = uow.notifications.queued_to_after("an@example.com", T0 - timedelta(hours=24))
        nobody = uow.notifications.queued_to_after("cy@example.com", T0 - timedelta(hours=24))

    assert (recent.count, recent.oldest_created_at) == (2, T0 - timedelta(hours=23))
    assert (nobody.count, nobody.oldest_created_at) == (0, None)


def test_a_retry_locks_and_changes_the_row(
    make_uow: UowFactory, sessions: sessionmaker[Session]
) -> None:
    row = email(status="failed")
    save(sessions, row)

    with make_uow() as uow:
        locked = uow.notifications.lock(row.id)
        assert locked is not None
        locked.status = "pending"
        uow.commit()

    with sessions() as session:
        stored = session.get(EmailNotificationRow, row.id)
        assert stored is not None
        assert stored.status == "pending"
