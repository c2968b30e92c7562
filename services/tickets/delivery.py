"""Handing a repaired device back (``tickets.confirmDelivery``), and the completed
tickets still waiting for it.

A completed ticket is terminal for its fields and parts, but delivery is the one thing
that still happens to it: so this change locks the ticket without refusing a terminal
one, and asks instead that it be completed and not yet delivered.
"""

from dataclasses import dataclass

from db.repositories.tickets.ticket import TicketViewRecord
from db.unit_of_work import UnitOfWork
from services.caller import Caller
from services.clock import Clock, utc_now
from services.notifications.emails import NotificationSetup
from services.tickets.editing import lock_ticket, view_of, write_comment
from services.tickets.emails import queue_ticket_email
from services.tickets.lifecycle_rules import delivery_text, refuse_undeliverable


@dataclass(frozen=True)
class PendingDeliveries:
    tickets: list[TicketViewRecord]
    total: int


def confirm_delivery(
    uow: UnitOfWork,
    caller: Caller,
    ticket_id: str,
    *,
    signature_url: str,
    notes: str | None,
    setup: NotificationSetup,
    clock: Clock = utc_now,
) -> TicketViewRecord:
    """Record that the customer took the device back and signed for it, comment it,
    and email the customer (``delivery_confirmed``), all in one unit of work."""
    with uow:
        ticket = lock_ticket(uow, ticket_id)
        refuse_undeliverable(ticket.ticket_number, ticket.status, ticket.delivery_confirmed_at)
        now = clock()
        ticket.delivery_confirmed_at = now
        ticket.delivery_confirmed_by_id = caller.user_id
        ticket.delivery_signature_url = signature_url
        ticket.delivery_notes = notes
        ticket.updated_at = now
        write_comment(uow, ticket, delivery_text(notes), actor_id=caller.user_id, now=now)
        queue_ticket_email(uow, setup, ticket, "delivery_confirmed", clock=clock)
        view = view_of(uow, ticket.id)
        uow.commit()
        return view


def pending_deliveries(uow: UnitOfWork, *, limit: int, offset: int) -> PendingDeliveries:
    """One page of the completed tickets not yet delivered, the longest waiting first."""
    with uow:
        tickets = uow.tickets.pending_deliveries(limit=limit, offset=offset)
        return PendingDeliveries(tickets, uow.tickets.count_pending_deliveries())


def count_pending_deliveries(uow: UnitOfWork) -> int:
    with uow:
        return uow.tickets.count_pending_deliveries()
