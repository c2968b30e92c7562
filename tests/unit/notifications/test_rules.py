"""The outbox's rules on plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db.tables.notifications import EmailNotificationRow
from services.errors import BadRequest
from services.notifications.outbox_rules import (
    check_retryable,
    failed_at,
    over_daily_limit,
    retry_now,
    seconds_until_room,
    totals_of,
    window_start,
)

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


def email(**fields: object) -> EmailNotificationRow:
    values: dict[str, object] = {
        "email_type": "ticket_created",
        "recipient_email": "an@example.com",
        "recipient_name": "An",
        "subject": "s",
        "text_body": "t",
        "html_body": "h",
        "next_attempt_at": NOW - timedelta(hours=1),
        "created_at": NOW - timedelta(hours=1),
        "updated_at": NOW - timedelta(hours=1),
    }
    return EmailNotificationRow(**(values | fields))


def test_the_limit_is_a_hundred_a_day() -> None:
    assert not over_daily_limit(99)
    assert over_daily_limit(100)
    assert window_start(NOW) == NOW - timedelta(hours=24)


@pytest.mark.parametrize(
    ("age", "seconds"),
    [
        (timedelta(hours=23), 3600),
        (timedelta(hours=23, minutes=59, seconds=59, microseconds=1), 1),
        (timedelta(hours=24), 1),
        (timedelta(seconds=0.5), 86400),
    ],
)
def test_retry_after_is_when_the_oldest_leaves_the_window(age: timedelta, seconds: int) -> None:
    assert seconds_until_room(NOW - age, NOW) == seconds


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "sent"}, "already sent"),
        ({"status": "failed", "retry_count": 3}, "every retry"),
        ({"status": "pending", "retry_count": 4}, "every retry"),
    ],
)
def test_a_sent_email_or_one_without_retries_is_not_retried(
    fields: dict[str, object], message: str
) -> None:
    with pytest.raises(BadRequest, match=message):
        check_retryable(email(**fields), max_retries=3)


@pytest.mark.parametrize("status", ["pending", "failed", "bounced"])
def test_an_unsent_email_with_retries_left_may_be_retried(status: str) -> None:
    check_retryable(email(status=status, retry_count=2), max_retries=3)


def test_a_retry_makes_the_email_due_now_and_keeps_a_senders_claim() -> None:
    retried = email(
        status="failed",
        retry_count=1,
        error_message="421",
        claimed_by="sender-1",
        lease_expires_at=NOW + timedelta(seconds=30),
    )

    retry_now(retried, NOW)

    assert (retried.status, retried.next_attempt_at, retried.updated_at) == ("pending", NOW, NOW)
    assert (retried.retry_count, retried.error_message) == (1, "421")
    assert retried.claimed_by == "sender-1"


def test_totals_add_up_by_status_and_by_type() -> None:
    totals = totals_of(
        [
            ("ticket_created", "sent", 4),
            ("ticket_created", "pending", 1),
            ("service_completed", "failed", 2),
            ("service_completed", "bounced", 1),
        ]
    )

    assert (totals.total, totals.sent, totals.failed, totals.pending, totals.bounced) == (
        8,
        4,
        2,
        1,
        1,
    )
    assert totals.by_type == {"ticket_created": 5, "service_completed": 3}
    assert totals_of([]).total == 0


def test_failed_at_is_the_last_change_of_an_email_given_up_on() -> None:
    assert failed_at("failed", NOW) == NOW
    assert failed_at("bounced", NOW) == NOW
    assert failed_at("sent", NOW) is None
    assert failed_at("pending", NOW) is None
