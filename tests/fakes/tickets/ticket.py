"""In-memory service tickets, numbered by a counter per year."""

from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from db.repositories.customers import search_digits
from db.repositories.tickets.ticket import TICKET_FIELDS, TicketFilter, TicketViewRecord
from db.tables.tickets import ServiceTicketRow
from tests.fakes.base import InMemoryRepository

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeTicketRepository(InMemoryRepository[ServiceTicketRow]):
    def __init__(self, uow: "FakeUnitOfWork | None" = None) -> None:
        super().__init__()
        self._uow = uow
        # The last number given out per year (the database's ticket_number_counters).
        self.last_numbers: dict[int, int] = {}

    def next_number(self, year: int) -> int:
        taken = self.last_numbers.get(year, 0) + 1
        self.last_numbers[year] = taken
        return taken

    def view(self, ticket_id: str) -> TicketViewRecord | None:
        ticket = self.rows.get(ticket_id)
        return None if ticket is None else self.view_of(ticket)

    def list_all(self) -> list[TicketViewRecord]:
        return [self.view_of(ticket) for ticket in self._newest_first(self.rows.values())]

    def list_page(self, where: TicketFilter, *, offset: int, limit: int) -> list[TicketViewRecord]:
        return [self.view_of(ticket) for ticket in self._matching(where)[offset : offset + limit]]

    def count(self, where: TicketFilter) -> int:
        return len(self._matching(where))

    def _matching(self, where: TicketFilter) -> list[ServiceTicketRow]:
        given = where.equalities()
        kept = [
            ticket
            for ticket in self.rows.values()
            if all(getattr(ticket, name) == value for name, value in given.items())
            and (where.search is None or self._found(ticket, where.search))
        ]
        return self._newest_first(kept)

    def _found(self, ticket: ServiceTicketRow, search: str) -> bool:
        assert self._uow is not None, "searches need the unit of work's customers"
        customer = self._uow.customers.rows[ticket.customer_id]
        text = search.lower()
        digits = search_digits(search)
        return (
            text in ticket.ticket_number.lower()
            or text in customer.name.lower()
            or text in customer.phone.lower()
            or (digits is not None and digits in customer.phone_key)
        )

    @staticmethod
    def _newest_first(tickets: Iterable[ServiceTicketRow]) -> list[ServiceTicketRow]:
        # created_at descending, then id ascending: two stable sorts.
        by_id = sorted(tickets, key=lambda ticket: ticket.id)
        return sorted(by_id, key=lambda ticket: ticket.created_at, reverse=True)

    def view_of(self, ticket: ServiceTicketRow) -> TicketViewRecord:
        """The ticket joined as the SQL repository joins it (for listings too)."""
        assert self._uow is not None, "views need the unit of work's other stores"
        customer = self._uow.customers.rows[ticket.customer_id]
        product = self._uow.product_models.rows[ticket.product_id]
        brand = self._uow.brands.rows[product.brand_id]
        own = [getattr(ticket, name) for name in TICKET_FIELDS]
        joined = [
            customer.name,
            customer.phone,
            customer.email,
            product.name,
            product.type,
            brand.name,
        ]
        return TicketViewRecord._make(own + joined)

    def pending_deliveries(self, *, limit: int, offset: int) -> list[TicketViewRecord]:
        waiting = sorted(self._awaiting_delivery(), key=lambda row: (row.completed_at, row.id))
        return [self.view_of(row) for row in waiting[offset : offset + limit]]

    def count_pending_deliveries(self) -> int:
        return len(self._awaiting_delivery())

    def count_open(self) -> int:
        return sum(row.status in ("pending", "in_progress") for row in self.rows.values())

    def revenue_by_day(self, start: datetime, end: datetime) -> list[tuple[str, Decimal]]:
        sums: dict[str, Decimal] = {}
        for row in self.rows.values():
            done = row.completed_at
            if row.status == "completed" and done is not None and start <= done < end:
                day = done.astimezone(UTC).date().isoformat()
                sums[day] = sums.get(day, Decimal(0)) + row.total_cost
        return sorted(sums.items())

    def _awaiting_delivery(self) -> list[ServiceTicketRow]:
        return [
            row
            for row in self.rows.values()
            if row.status == "completed" and row.delivery_confirmed_at is None
        ]
