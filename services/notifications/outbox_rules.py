"""The outbox's rules as plain values: the contract's daily limit per recipient, when a
refused sender may try again, and what a retry may do."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from db.tables.notifications import EmailNotificationRow
from services.errors import BadRequest

# The contract: at most 100 emails to one recipient in any 24 hours.
DAILY_EMAILS_PER_RECIPIENT: Final = 100
DAILY_WINDOW: Final = timedelta(hours=24)
ALREADY_SENT = "The email was already sent"
NO_RETRIES_LEFT = "The email has used every retry (max_retries)"


def over_daily_limit(count: int) -> bool:
    """Whether a recipient with ``count`` emails in the window may get no more now."""
    return count >= DAILY_EMAILS_PER_RECIPIENT


def window_start(now: datetime) -> datetime:
    """The window is the 24 hours before ``now``: an email exactly 24 hours old is out."""
    return now - DAILY_WINDOW


def seconds_until_room(oldest_created_at: datetime, now: datetime) -> int:
    """Whole seconds (at least 1) until the oldest counted email leaves the window."""
    remaining = oldest_created_at + DAILY_WINDOW - now
    # Rounded up: a caller that waits this long finds room.
    return max(1, -(-remaining // timedelta(seconds=1)))


def wants(preferences: object, email_type: str) -> bool:
    """Whether a customer's record or row says yes to ``email_type`` (true unless they
    turned it off)."""
    return bool(getattr(preferences, f"email_{email_type}"))


def check_retryable(email: EmailNotificationRow, max_retries: int) -> None:
    """A sent email is never sent twice; one that used every retry stays failed."""
    if email.status == "sent":
        raise BadRequest(ALREADY_SENT)
    if email.retry_count >= max_retries:
        raise BadRequest(NO_RETRIES_LEFT)


def retry_now(email: EmailNotificationRow, now: datetime) -> None:
    """Back to pending, due at once. A sender's claim is left as it is: an email being
    sent right now stays that sender's, so no other sender sends it a second time."""
    email.status = "pending"
    email.next_attempt_at = now
    email.updated_at = now


@dataclass(frozen=True)
class Totals:
    total: int
    sent: int
    failed: int
    pending: int
    bounced: int
    by_type: dict[str, int]


def totals_of(counts: Iterable[tuple[str, str, int]]) -> Totals:
    """The statistics from the counts of each (type, status)."""
    by_status: dict[str, int] = {}
    by_type: dict[str, int] = {}
    for email_type, status, count in counts:
        by_status[status] = by_status.get(status, 0) + count
        by_type[email_type] = by_type.get(email_type, 0) + count
    return Totals(
        total=sum(by_status.values()),
        sent=by_status.get("sent", 0),
        failed=by_status.get("failed", 0),
        pending=by_status.get("pending", 0),
        bounced=by_status.get("bounced", 0),
        by_type=by_type,
    )


def failed_at(status: str, updated_at: datetime) -> datetime | None:
    """When an email was given up on: its last change, once failed or bounced."""
    return updated_at if status in ("failed", "bounced") else None
