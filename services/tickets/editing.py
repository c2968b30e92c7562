"""What every change to a ticket does, inside the caller's open unit of work: lock the
ticket, refuse it when it can no longer change, write the system's comment about the
change, and recompute its money from its part lines.

Every writer of a ticket (its fields, its parts, its tasks) locks the ticket's row
first, so writers of one ticket take turns and the totals each one computes are from
the lines the others committed.
"""

from datetime import datetime

from db.repositories.tickets.ticket import TicketViewRecord
from db.tables.tickets import ServiceTicketRow, TicketCommentRow
from db.unit_of_work import UnitOfWork
from schemas.money import MONEY_MAX
from services.errors import NotFound
from services.tickets.money_rules import ticket_money
from services.tickets.status_rules import refuse_terminal

TICKET_NOT_FOUND = "Ticket not found"


def lock_ticket(uow: UnitOfWork, ticket_id: str) -> ServiceTicketRow:
    """The ticket, row-locked until the unit of work ends; NotFound when there is none."""
    ticket = uow.tickets.lock(ticket_id)
    if ticket is None:
        raise NotFound(TICKET_NOT_FOUND)
    return ticket


def lock_changeable_ticket(uow: UnitOfWork, ticket_id: str) -> ServiceTicketRow:
    """The locked ticket, if it is neither completed nor cancelled (PreconditionFailed
    naming its status otherwise)."""
    ticket = lock_ticket(uow, ticket_id)
    refuse_terminal(ticket.ticket_number, ticket.status)
    return ticket


def view_of(uow: UnitOfWork, ticket_id: str) -> TicketViewRecord:
    """The ticket as answers show it, as this unit of work sees it (its own changes
    included)."""
    view = uow.tickets.view(ticket_id)
    if view is None:
        raise NotFound(TICKET_NOT_FOUND)
    return view


def write_comment(
    uow: UnitOfWork,
    ticket: ServiceTicketRow,
    text: str,
    *,
    actor_id: str | None,
    now: datetime,
    comment_type: str = "system",
    is_internal: bool = False,
) -> TicketCommentRow:
    """A comment on the ticket, by default the system's record of a change the actor
    made."""
    comment = TicketCommentRow(
        ticket_id=ticket.id,
        comment=text,
        comment_type=comment_type,
        is_internal=is_internal,
        created_by=actor_id,
        created_at=now,
    )
    uow.ticket_comments.add(comment)
    return comment


def recompute_money(uow: UnitOfWork, ticket: ServiceTicketRow) -> None:
    """``parts_total`` and ``total_cost`` from the ticket's fees, discount and part
    lines as they now stand (BadRequest when the discount exceeds the rest)."""
    lines = uow.ticket_parts.of_ticket(ticket.id)
    money = ticket_money(
        service_fee=ticket.service_fee,
        diagnosis_fee=ticket.diagnosis_fee,
        discount_amount=ticket.discount_amount,
        part_lines=[(line.quantity, line.unit_price) for line in lines],
        maximum=MONEY_MAX,
    )
    ticket.parts_total = money.parts_total
    ticket.total_cost = money.total_cost
