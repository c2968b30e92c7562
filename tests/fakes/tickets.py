"""In-memory service tickets, numbered by a counter per year."""

from db.tables.tickets import ServiceTicketRow
from tests.fakes.base import InMemoryRepository


class FakeTicketRepository(InMemoryRepository[ServiceTicketRow]):
    def __init__(self) -> None:
        super().__init__()
        # The last number given out per year (the database's ticket_number_counters).
        self.last_numbers: dict[int, int] = {}

    def next_number(self, year: int) -> int:
        taken = self.last_numbers.get(year, 0) + 1
        self.last_numbers[year] = taken
        return taken
