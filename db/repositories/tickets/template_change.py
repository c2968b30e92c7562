"""The audit of tickets' template switches (``workflow.switchTemplate``)."""

from typing import Protocol

from sqlmodel import col, select

from db.repositories.base import SqlRepository, Store, storable
from db.tables.tickets import TicketTemplateChangeRow


class TemplateChangeStore(Store[TicketTemplateChangeRow], Protocol):
    def of_ticket(self, ticket_id: str) -> list[TicketTemplateChangeRow]: ...


class TemplateChangeRepository(SqlRepository[TicketTemplateChangeRow]):
    row_type = TicketTemplateChangeRow

    def of_ticket(self, ticket_id: str) -> list[TicketTemplateChangeRow]:
        """The ticket's switches, the earliest first (a rare, short list: rows suffice)."""
        if not storable(ticket_id):
            return []
        statement = (
            select(TicketTemplateChangeRow)
            .where(TicketTemplateChangeRow.ticket_id == ticket_id)
            .order_by(col(TicketTemplateChangeRow.changed_at), col(TicketTemplateChangeRow.id))
        )
        return list(self._session.exec(statement).all())
