"""In-memory email outbox."""

from datetime import datetime

from db.records import record_of
from db.repositories.notifications import EmailRecord, LogFilters, RecentEmails, TypeStatusCount
from db.tables.notifications import EmailNotificationRow
from tests.fakes.base import InMemoryRepository


class FakeNotificationRepository(InMemoryRepository[EmailNotificationRow]):
    def _matching(self, filters: LogFilters) -> list[EmailNotificationRow]:
        newest_first = sorted(
            self.rows.values(), key=lambda row: (row.created_at, row.id), reverse=True
        )
        return [
            row
            for row in newest_first
            if filters.email_type in (None, row.email_type)
            and filters.status in (None, row.status)
            and filters.recipient_email in (None, row.recipient_email)
        ]

    def list_page(self, filters: LogFilters, *, offset: int, limit: int) -> list[EmailRecord]:
        rows = self._matching(filters)[offset : offset + limit]
        return [record_of(EmailRecord, row) for row in rows]

    def count(self, filters: LogFilters) -> int:
        return len(self._matching(filters))

    def counts_by_type_and_status(self) -> list[TypeStatusCount]:
        counts: dict[tuple[str, str], int] = {}
        for row in self.rows.values():
            key = (row.email_type, row.status)
            counts[key] = counts.get(key, 0) + 1
        return [
            TypeStatusCount(email_type, status, count)
            for (email_type, status), count in sorted(counts.items())
        ]

    def queued_to_after(self, recipient_email: str, after: datetime) -> RecentEmails:
        created = [
            row.created_at
            for row in self.rows.values()
            if row.recipient_email == recipient_email and row.created_at > after
        ]
        return RecentEmails(count=len(created), oldest_created_at=min(created, default=None))
