"""In-memory service tickets, numbered by a counter per year."""

from typing import TYPE_CHECKING

from db.repositories.tickets.ticket import TICKET_FIELDS, TicketViewRecord
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
