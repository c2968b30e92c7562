"""Reading tickets: the list (all of them, or one filtered page) and one ticket with its
part lines and comments."""

from schemas.base import SnakeInput, SnakeOutput
from schemas.fields import ResourceId
from schemas.paging import PageInput
from schemas.tickets.comment import TicketComment
from schemas.tickets.part import TicketPart
from schemas.tickets.ticket import PriorityLevel, Ticket, TicketStatus


class GetTicketsInput(PageInput):
    """No field given: every ticket; any field given: one page (see the procedure).
    ``search`` finds the ticket number, the customer's name or phone."""

    status: TicketStatus | None = None
    priority_level: PriorityLevel | None = None
    # The user the ticket is assigned to.
    assigned_to: ResourceId | None = None
    customer_id: ResourceId | None = None


class TicketPage(SnakeOutput):
    tickets: list[Ticket]
    total: int


class GetTicketInput(SnakeInput):
    id: ResourceId


class TicketDetail(Ticket):
    """The ticket with its part lines (oldest first) and comments (oldest first)."""

    parts: list[TicketPart]
    comments: list[TicketComment]
