"""The emails a ticket's life sends its customer: ``ticket_created`` when it is opened,
``service_completed`` when it is completed, ``delivery_confirmed`` when the device is
handed back.

Each is queued in the outbox inside the transaction of the change that causes it
(``outbox.queue_email``), so it is sent exactly when that change is kept. The email
serves the change, never the other way round: a customer without an email, or who
turned the type off, gets none, and a recipient already at the day's limit of emails
gets none either (logged, without the address), while the ticket's change goes ahead.
"""

import logging
from datetime import UTC, datetime

from db.tables.tickets import ServiceTicketRow
from db.unit_of_work import UnitOfWork
from services.clock import Clock
from services.errors import Overloaded
from services.notifications.emails import NotificationSetup
from services.notifications.outbox import Skipped, queue_email

logger = logging.getLogger("switchyard.tickets")

# The template field that shows the day of the change, per email type.
DATE_FIELDS = {"service_completed": "completed_date", "delivery_confirmed": "delivery_date"}


def queue_ticket_email(
    uow: UnitOfWork,
    setup: NotificationSetup,
    ticket: ServiceTicketRow,
    email_type: str,
    *,
    clock: Clock,
) -> bool:
    """Queue the ticket's email of ``email_type`` to its customer, in ``uow`` (not
    committed here); whether one was queued."""
    customer = uow.customers.get(ticket.customer_id)
    if customer is None or customer.email is None:
        return False
    product = uow.product_models.get(ticket.product_id)
    context: dict[str, str | None] = {
        "ticket_number": ticket.ticket_number,
        "product_name": product.name if product is not None else None,
    }
    if email_type in DATE_FIELDS:
        context[DATE_FIELDS[email_type]] = _day(clock())
    try:
        queued = queue_email(
            uow,
            setup.renderer,
            setup.links,
            email_type=email_type,
            recipient_email=customer.email,
            recipient_name=customer.name,
            context=context,
            service_ticket_id=ticket.id,
            clock=clock,
        )
    except Overloaded:
        # Never the address: logs carry no personal data.
        logger.warning(
            "ticket %s: %s email not queued, its recipient is at the daily limit",
            ticket.id,
            email_type,
        )
        return False
    return not isinstance(queued, Skipped)


def _day(now: datetime) -> str:
    """The day of ``now`` as customers read it in an email: YYYY-MM-DD, UTC."""
    return now.astimezone(UTC).date().isoformat()
