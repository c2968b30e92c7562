"""The steps of tickets' repairs, copied from their templates."""

from typing import Protocol

from sqlmodel import col, select

from db.repositories.base import SqlRepository, Store, storable
from db.tables.tickets import TicketTaskRow


class TicketTaskStore(Store[TicketTaskRow], Protocol):
    def of_ticket(self, ticket_id: str) -> list[TicketTaskRow]: ...


class TicketTaskRepository(SqlRepository[TicketTaskRow]):
    row_type = TicketTaskRow

    def of_ticket(self, ticket_id: str) -> list[TicketTaskRow]:
        """The ticket's tasks in their order, as rows a writer changes (it holds the
        ticket's lock, so no other writer changes them meanwhile)."""
        if not storable(ticket_id):
            return []
        statement = (
            select(TicketTaskRow)
            .where(TicketTaskRow.ticket_id == ticket_id)
            .order_by(col(TicketTaskRow.sequence_order))
        )
        return list(self._session.exec(statement).all())
