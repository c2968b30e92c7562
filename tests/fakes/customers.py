"""In-memory customers."""

from datetime import datetime

from db.records import record_of
from db.repositories.customers import CustomerRecord, NewCustomerCounts, search_digits
from db.tables.customers import CustomerRow
from tests.fakes.base import InMemoryRepository


class FakeCustomerRepository(InMemoryRepository[CustomerRow]):
    def __init__(self) -> None:
        super().__init__()
        # Ids that something refers to (service tickets, in the database).
        self.referenced: set[str] = set()

    def _ordered(self) -> list[CustomerRow]:
        return sorted(self.rows.values(), key=lambda row: (row.name, row.id))

    def _matching(self, search: str | None) -> list[CustomerRow]:
        if search is None:
            return self._ordered()
        text = search.lower()
        digits = search_digits(search)
        return [
            row
            for row in self._ordered()
            if text in row.name.lower()
            or text in row.phone.lower()
            or (row.email is not None and text in row.email)
            or (digits is not None and digits in row.phone_key)
        ]

    def list_all(self) -> list[CustomerRecord]:
        return [record_of(CustomerRecord, row) for row in self._ordered()]

    def list_page(self, *, search: str | None, offset: int, limit: int) -> list[CustomerRecord]:
        rows = self._matching(search)[offset : offset + limit]
        return [record_of(CustomerRecord, row) for row in rows]

    def count(self, *, search: str | None) -> int:
        return len(self._matching(search))

    def by_phone_key(self, phone_key: str) -> CustomerRecord | None:
        found = [row for row in self.rows.values() if row.phone_key == phone_key]
        return record_of(CustomerRecord, found[0]) if found else None

    def by_email(self, email: str) -> CustomerRecord | None:
        found = [row for row in self.rows.values() if row.email == email]
        return record_of(CustomerRecord, found[0]) if found else None

    def new_customer_counts(
        self, *, previous_start: datetime, current_start: datetime, next_start: datetime
    ) -> NewCustomerCounts:
        created = [row.created_at for row in self.rows.values()]
        return NewCustomerCounts(
            current=sum(current_start <= at < next_start for at in created),
            previous=sum(previous_start <= at < current_start for at in created),
            latest_created_at=max(created, default=None),
        )

    def is_referenced(self, customer_id: str) -> bool:
        return customer_id in self.referenced
