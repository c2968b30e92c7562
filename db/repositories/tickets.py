"""Service tickets: storing them, and giving each the next number of its year.

Numbers are gap-free within a year even when tickets are created at once: the year's
``ticket_number_counters`` row is incremented by the transaction that creates the
ticket, in one statement (an upsert that answers the new value). The increment holds
the counter until that transaction ends: PostgreSQL row-locks the counter row, so a
second creator waits for the first to commit (and then reads its value) or to roll back
(and then takes the same number again); on SQLite a writing transaction holds the
database's write lock from its start (BEGIN IMMEDIATE, db.engine), which serialises
creators the same way. A number is therefore only ever kept by a committed ticket.
"""

from typing import Any, Protocol

from sqlalchemy import Dialect
from sqlalchemy.dialects import postgresql, sqlite

from db.records import table_of
from db.repositories.base import SqlRepository, Store
from db.tables.tickets import ServiceTicketRow, TicketNumberCounterRow

_counters = table_of(TicketNumberCounterRow)


class TicketStore(Store[ServiceTicketRow], Protocol):
    def lock(self, ticket_id: str) -> ServiceTicketRow | None: ...
    def next_number(self, year: int) -> int: ...


class TicketRepository(SqlRepository[ServiceTicketRow]):
    row_type = ServiceTicketRow

    def next_number(self, year: int) -> int:
        """The next ticket number of ``year`` (1 for its first ticket), taken for this
        transaction: it is given back if the transaction rolls back."""
        statement = _next_number_statement(self._link.dialect, year)
        taken: int = self._session.execute(statement).scalar_one()
        return taken


def _next_number_statement(dialect: Dialect, year: int) -> Any:
    # INSERT ... ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1
    # RETURNING last_number: the same statement on both databases.
    insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
    statement = insert(_counters).values(year=year, last_number=1)
    return statement.on_conflict_do_update(
        index_elements=[_counters.c.year],
        set_={"last_number": _counters.c.last_number + 1},
    ).returning(_counters.c.last_number)
