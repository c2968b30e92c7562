"""The email outbox as the procedures see it: queueing, the log, the statistics, the
contract's count of emails to one recipient, and the row a retry changes.

Claiming and delivering emails is the sender's (``db.repositories.email_delivery``).
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple, Protocol

from sqlalchemy import bindparam, func
from sqlmodel import select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.tables.notifications import EmailNotificationRow


class EmailRecord(NamedTuple):
    """An email as the log shows it (never its bodies), read without the ORM."""

    id: str
    email_type: str
    recipient_email: str
    recipient_name: str
    subject: str
    status: str
    retry_count: int
    error_message: str | None
    service_ticket_id: str | None
    service_request_id: str | None
    next_attempt_at: datetime
    sent_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class LogFilters:
    """The log's filters; None matches every value."""

    email_type: str | None = None
    status: str | None = None
    recipient_email: str | None = None


@dataclass(frozen=True)
class RecentEmails:
    """Emails to one recipient after a moment: how many, and when the oldest was queued."""

    count: int
    oldest_created_at: datetime | None


@dataclass(frozen=True)
class TypeStatusCount:
    """How many emails of one type are in one status."""

    email_type: str
    status: str
    emails: int


_emails = table_of(EmailNotificationRow)


class NotificationStore(Store[EmailNotificationRow], Protocol):
    def lock(self, row_id: str) -> EmailNotificationRow | None: ...
    def list_page(self, filters: LogFilters, *, offset: int, limit: int) -> list[EmailRecord]: ...
    def count(self, filters: LogFilters) -> int: ...
    def counts_by_type_and_status(self) -> list[TypeStatusCount]: ...
    def queued_to_after(self, recipient_email: str, after: datetime) -> RecentEmails: ...


class NotificationRepository(SqlRepository[EmailNotificationRow]):
    row_type = EmailNotificationRow

    def list_page(self, filters: LogFilters, *, offset: int, limit: int) -> list[EmailRecord]:
        if not _storable_filters(filters):
            return []
        query = _listing(*_filtered(filters))
        params = _filter_params(filters) | {"offset": offset, "limit": limit}
        return [EmailRecord._make(row) for row in query.all(self._link, **params)]

    def count(self, filters: LogFilters) -> int:
        if not _storable_filters(filters):
            return 0
        row = _counting(*_filtered(filters)).first(self._link, **_filter_params(filters))
        return int(row[0]) if row is not None else 0

    def counts_by_type_and_status(self) -> list[TypeStatusCount]:
        return [
            TypeStatusCount(email_type, status, int(count))
            for email_type, status, count in _type_status_counts().all(self._link)
        ]

    def queued_to_after(self, recipient_email: str, after: datetime) -> RecentEmails:
        if not storable(recipient_email):
            return RecentEmails(count=0, oldest_created_at=None)
        row = _recent_to().first(self._link, recipient=recipient_email, after=after)
        count, oldest = row if row is not None else (0, None)
        return RecentEmails(count=int(count), oldest_created_at=oldest)


_FILTER_COLUMNS = ("email_type", "status", "recipient_email")


def _filtered(filters: LogFilters) -> tuple[bool, bool, bool]:
    """Which filters are set: one compiled statement per combination."""
    return (
        filters.email_type is not None,
        filters.status is not None,
        filters.recipient_email is not None,
    )


def _filter_params(filters: LogFilters) -> dict[str, Any]:
    values = (filters.email_type, filters.status, filters.recipient_email)
    return {
        name: value
        for name, value in zip(_FILTER_COLUMNS, values, strict=True)
        if value is not None
    }


def _storable_filters(filters: LogFilters) -> bool:
    return all(storable(value) for value in _filter_params(filters).values())


def _where(statement: Any, filtered: tuple[bool, ...]) -> Any:
    for name, on in zip(_FILTER_COLUMNS, filtered, strict=True):
        if on:
            column = _emails.c[name]
            statement = statement.where(column == bindparam(name, type_=column.type))
    return statement


@cache
def _listing(*filtered: bool) -> CompiledQuery:
    statement = select(*columns_of(EmailRecord._fields, _emails))
    statement = _where(statement, filtered)
    # Newest first; the id breaks ties between emails queued in one instant.
    statement = statement.order_by(_emails.c.created_at.desc(), _emails.c.id.desc())
    statement = statement.offset(bindparam("offset")).limit(bindparam("limit"))
    return CompiledQuery(statement)


@cache
def _counting(*filtered: bool) -> CompiledQuery:
    statement = select(func.count()).select_from(_emails)
    return CompiledQuery(_where(statement, filtered))


@cache
def _type_status_counts() -> CompiledQuery:
    """Every statistic in one pass: the number of emails of each type in each status."""
    statement = (
        select(_emails.c.email_type, _emails.c.status, func.count())
        .group_by(_emails.c.email_type, _emails.c.status)
        .order_by(_emails.c.email_type, _emails.c.status)
    )
    return CompiledQuery(statement)


@cache
def _recent_to() -> CompiledQuery:
    """Emails to one recipient queued after a moment (the index on recipient_email and
    created_at answers it)."""
    created = _emails.c.created_at
    statement: Any = (
        select(func.count(), func.min(created))
        .select_from(_emails)
        .where(_emails.c.recipient_email == bindparam("recipient"))
        .where(created > bindparam("after", type_=created.type))
    )
    return CompiledQuery(statement)
