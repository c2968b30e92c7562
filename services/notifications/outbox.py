"""Queueing an email: the one function whatever causes an email calls.

``queue_email`` adds the email to the outbox inside the caller's open unit of work and
does not commit: the email is kept exactly when the change that caused it is. Before
that it applies the two rules every email follows: a customer who turned the type off
gets none (Skipped), and a recipient with 100 emails in the last 24 hours gets no more
for now (Overloaded, answered TOO_MANY_REQUESTS with retryAfter). The email is rendered
here, with the unsubscribe link of the customer with that address; an address that is
no customer's has no preferences and no token, so its email has no link.

The daily count is read, not locked: two emails queued at the same instant to a
recipient at 99 may both pass (101 at most per race), which the limit's purpose, a
runaway caller, does not mind.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from db.repositories.customers import CustomerRecord
from db.tables.notifications import EmailNotificationRow
from db.unit_of_work import UnitOfWork
from services.clock import Clock
from services.errors import Overloaded
from services.notifications.links import UnsubscribeLinks
from services.notifications.outbox_rules import (
    DAILY_EMAILS_PER_RECIPIENT,
    over_daily_limit,
    seconds_until_room,
    wants,
    window_start,
)
from services.notifications.rendering import EmailRenderer

UNSUBSCRIBED = "unsubscribed"


@dataclass(frozen=True)
class Skipped:
    """No email queued, and why: the contract's ``reason``."""

    reason: str


def queue_email(
    uow: UnitOfWork,
    renderer: EmailRenderer,
    links: UnsubscribeLinks,
    *,
    email_type: str,
    recipient_email: str,
    recipient_name: str,
    context: Mapping[str, str | None],
    service_ticket_id: str | None = None,
    service_request_id: str | None = None,
    clock: Clock,
) -> EmailNotificationRow | Skipped:
    """Queue one email, due now, in ``uow`` (open, not committed here).

    ``recipient_email`` is lower-case (the schemas' Email rule). Raises Overloaded when
    the recipient already has the day's limit of emails.
    """
    customer = uow.customers.by_email(recipient_email)
    if customer is not None and not wants(customer, email_type):
        return Skipped(UNSUBSCRIBED)
    now = clock()
    recent = uow.notifications.queued_to_after(recipient_email, window_start(now))
    if over_daily_limit(recent.count):
        oldest = recent.oldest_created_at or now
        raise Overloaded(
            f"Too many emails to this recipient: at most {DAILY_EMAILS_PER_RECIPIENT} in 24 hours",
            retry_after_seconds=seconds_until_room(oldest, now),
        )
    unsubscribe_url = _unsubscribe_url(links, customer, recipient_email, email_type)
    rendered = renderer.render(
        email_type,
        recipient_name=recipient_name,
        context=context,
        unsubscribe_url=unsubscribe_url,
    )
    email = EmailNotificationRow(
        email_type=email_type,
        recipient_email=recipient_email,
        recipient_name=recipient_name,
        customer_id=customer.id if customer is not None else None,
        service_ticket_id=service_ticket_id,
        service_request_id=service_request_id,
        subject=rendered.subject,
        text_body=rendered.text_body,
        html_body=rendered.html_body,
        unsubscribe_url=unsubscribe_url,
        next_attempt_at=now,
        created_at=now,
        updated_at=now,
    )
    uow.notifications.add(email)
    return email


def _unsubscribe_url(
    links: UnsubscribeLinks, customer: CustomerRecord | None, email: str, email_type: str
) -> str | None:
    if customer is None or customer.email is None:
        return None
    return links.url_for(customer.id, customer.email, email_type)
