"""Delivering the outbox: claiming due emails with a lease, and recording outcomes.

Several senders (the one in each ``switchyard serve`` worker, ``switchyard worker``
processes on other hosts) work on one table. A sender first claims a batch: it writes
its id and a lease expiry on due pending rows that nobody holds (or whose holder's
lease ran out: that sender died mid-send), in one transaction, so two senders never
hold one email at once. It then delivers outside any transaction (an SMTP exchange
may take seconds) and records each outcome only while it still holds the claim:
a sender whose lease ran out and whose email was taken over records nothing.

PostgreSQL claims with ``SELECT ... FOR UPDATE SKIP LOCKED``: concurrent senders skip
each other's rows instead of waiting on them. SQLite has no row locks; its writers take
turns on the database's write lock (``BEGIN IMMEDIATE``, db.engine), and the claim is
one conditional ``UPDATE ... WHERE id IN (SELECT ... LIMIT n) AND <still claimable>``,
read back by the sender's id.
"""

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, bindparam, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.sql.elements import ColumnElement

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import TransactionLink
from db.tables.notifications import EmailNotificationRow
from schemas.limits import SEND_ERROR_MAX_LENGTH


class OutgoingEmail(NamedTuple):
    """What a sender needs of a claimed email: everything was rendered when queued."""

    id: str
    email_type: str
    recipient_email: str
    recipient_name: str
    subject: str
    text_body: str
    html_body: str
    unsubscribe_url: str | None
    retry_count: int
    created_at: datetime


_emails = table_of(EmailNotificationRow)

_claimed_by = CompiledQuery(
    select(*columns_of(OutgoingEmail._fields, _emails))
    .where(
        _emails.c.claimed_by == bindparam("sender_id"),
        _emails.c.status == bindparam("status"),
    )
    .order_by(_emails.c.next_attempt_at, _emails.c.id)
)


def _claimable(now: datetime) -> ColumnElement[bool]:
    """Due, pending, and held by nobody (or by a sender whose lease ran out)."""
    return and_(
        _emails.c.status == "pending",
        _emails.c.next_attempt_at <= now,
        or_(_emails.c.lease_expires_at.is_(None), _emails.c.lease_expires_at < now),
    )


def cut_error(text: str) -> str:
    """An error message that fits its column."""
    return text[:SEND_ERROR_MAX_LENGTH]


class EmailDeliveryRepository:
    """The sender's queries on ``email_notifications`` (see module)."""

    def __init__(self, link: TransactionLink) -> None:
        self._link = link

    def claim_due(
        self, sender_id: str, *, now: datetime, lease_until: datetime, limit: int
    ) -> list[OutgoingEmail]:
        """Claim up to ``limit`` due emails for ``sender_id`` until ``lease_until``,
        oldest due first; the emails this sender now holds."""
        due = (
            select(_emails.c.id)
            .where(_claimable(now))
            .order_by(_emails.c.next_attempt_at, _emails.c.id)
            .limit(limit)
        )
        claim = update(_emails).values(
            claimed_by=sender_id, lease_expires_at=lease_until, updated_at=now
        )
        session = self._link.session
        if self._link.dialect.name == "postgresql":
            ids = list(session.execute(due.with_for_update(skip_locked=True)).scalars())
            if not ids:
                return []
            session.execute(claim.where(_emails.c.id.in_(ids)))
        else:
            # The subquery and the re-check run in the one statement that writes, under
            # the write lock: nothing can claim these rows in between.
            session.execute(claim.where(_emails.c.id.in_(due.scalar_subquery()), _claimable(now)))
        return [
            OutgoingEmail._make(row)
            for row in _claimed_by.all(self._link, sender_id=sender_id, status="pending")
        ]

    def record_sent(self, email_id: str, sender_id: str, *, now: datetime) -> bool:
        """Sent at ``now``; False if ``sender_id`` no longer holds the email."""
        return self._record(
            email_id, sender_id, now=now, status="sent", sent_at=now, error_message=None
        )

    def record_retry(
        self,
        email_id: str,
        sender_id: str,
        *,
        now: datetime,
        retry_count: int,
        next_attempt_at: datetime,
        error: str,
    ) -> bool:
        """Pending again from ``next_attempt_at``, after a transient failure."""
        return self._record(
            email_id,
            sender_id,
            now=now,
            status="pending",
            retry_count=retry_count,
            next_attempt_at=next_attempt_at,
            error_message=cut_error(error),
        )

    def record_failed(self, email_id: str, sender_id: str, *, now: datetime, error: str) -> bool:
        """Given up: every attempt failed transiently."""
        return self._record(
            email_id, sender_id, now=now, status="failed", error_message=cut_error(error)
        )

    def record_bounced(self, email_id: str, sender_id: str, *, now: datetime, error: str) -> bool:
        """Refused for good by the server (a 5xx answer): never retried."""
        return self._record(
            email_id, sender_id, now=now, status="bounced", error_message=cut_error(error)
        )

    def _record(self, email_id: str, sender_id: str, *, now: datetime, **values: object) -> bool:
        # Releasing the claim with the outcome: the row is nobody's again, and a
        # pending one can be claimed when it is due.
        statement = (
            update(_emails)
            .where(
                _emails.c.id == email_id,
                _emails.c.claimed_by == sender_id,
                _emails.c.status == "pending",
            )
            .values(claimed_by=None, lease_expires_at=None, updated_at=now, **values)
        )
        result = self._link.session.execute(statement)
        assert isinstance(result, CursorResult)
        return result.rowcount == 1
