"""``tickets.updateTicket`` and ``tickets.updateTicketStatus``: changing a ticket's
fields, its assignment and its status; both answer ``{success, ticket}``."""

from typing import Annotated

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.fields import NotNull, ResourceId, not_null
from schemas.money import NonNegativeMoney
from schemas.tickets.ticket import PriorityLevel, Ticket, TicketStatus, WarrantyType
from schemas.workflow.text import LongText

# What is wrong with the device: several lines allowed, never empty.
IssueDescription = Annotated[LongText, Field(min_length=1)]


class UpdateTicketInput(SnakeInput):
    """Fields left out stay as they are; notes and assigned_to may be null (clearing
    them), the others may not."""

    id: ResourceId
    issue_description: Annotated[IssueDescription | None, NotNull] = not_null()
    priority_level: Annotated[PriorityLevel | None, NotNull] = not_null()
    warranty_type: Annotated[WarrantyType | None, NotNull] = not_null()
    status: Annotated[TicketStatus | None, NotNull] = not_null()
    service_fee: Annotated[NonNegativeMoney | None, NotNull] = not_null()
    diagnosis_fee: Annotated[NonNegativeMoney | None, NotNull] = not_null()
    discount_amount: Annotated[NonNegativeMoney | None, NotNull] = not_null()
    notes: LongText | None = None
    # An active user's id; null unassigns the ticket.
    assigned_to: ResourceId | None = None


class UpdateTicketStatusInput(SnakeInput):
    id: ResourceId
    status: TicketStatus


class TicketResult(SnakeOutput):
    """The answer of a change to one ticket: the ticket as it now is."""

    success: bool
    ticket: Ticket
