"""Reading tickets: the list (every ticket, or one filtered page), one ticket with its
part lines and comments, and a ticket's tasks. Each is a fixed number of joined queries,
whatever the number of rows (never one per ticket or per task)."""

from dataclasses import dataclass

# Re-exported: what the reads answer with, for the routers to map.
from db.repositories.tickets.task import TicketTaskRecord as TicketTaskRecord
from db.repositories.tickets.task import TicketTaskView as TicketTaskView
from db.repositories.tickets.ticket import TicketFilter as TicketFilter
from db.repositories.workflow import TaskTypeRecord as TaskTypeRecord
from db.unit_of_work import UnitOfWork
from services.errors import NotFound
from services.tickets.editing import TICKET_NOT_FOUND
from services.tickets.views import TicketCommentRecord, TicketPartRecord, TicketViewRecord


@dataclass(frozen=True)
class TicketPage:
    rows: list[TicketViewRecord]
    total: int


@dataclass(frozen=True)
class TicketDetailView:
    ticket: TicketViewRecord
    parts: list[TicketPartRecord]
    comments: list[TicketCommentRecord]


def list_tickets(uow: UnitOfWork) -> list[TicketViewRecord]:
    """Every ticket, newest first (then by id)."""
    with uow:
        return uow.tickets.list_all()


def list_tickets_page(
    uow: UnitOfWork, where: TicketFilter, *, limit: int, offset: int
) -> TicketPage:
    """One page of the tickets ``where`` keeps, newest first, and how many it keeps."""
    with uow:
        rows = uow.tickets.list_page(where, offset=offset, limit=limit)
        return TicketPage(rows=rows, total=uow.tickets.count(where))


def get_ticket(uow: UnitOfWork, ticket_id: str) -> TicketDetailView:
    """The ticket with its part lines and comments, oldest first; NotFound."""
    with uow:
        ticket = uow.tickets.view(ticket_id)
        if ticket is None:
            raise NotFound(TICKET_NOT_FOUND)
        return TicketDetailView(
            ticket=ticket,
            parts=uow.ticket_parts.of_ticket(ticket_id),
            comments=uow.ticket_comments.of_ticket(ticket_id),
        )


def get_tasks(uow: UnitOfWork, ticket_id: str) -> list[TicketTaskView]:
    """The ticket's tasks in their order, with task types and assignees; NotFound for
    an unknown ticket (a ticket without tasks answers an empty list)."""
    with uow:
        tasks = uow.ticket_tasks.views_of_ticket(ticket_id)
        if not tasks and uow.tickets.view(ticket_id) is None:
            raise NotFound(TICKET_NOT_FOUND)
        return tasks
