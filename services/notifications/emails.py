"""The services of ``notifications.*``: send, the log, the statistics, and a retry.

Every staff role may send; the log, the statistics and retries are for admins and
managers (the routers declare it). ``send`` queues through ``outbox.queue_email``, the
function every cause of an email uses, and commits: a procedure of its own is the
email's only change.
"""

from collections.abc import Mapping
from dataclasses import dataclass

# Re-exported: what the log answers with, for the router to map.
from db.repositories.notifications import EmailRecord as EmailRecord
from db.repositories.notifications import LogFilters as LogFilters
from db.unit_of_work import UnitOfWork
from services.clock import Clock
from services.errors import NotFound
from services.notifications.links import UnsubscribeLinks
from services.notifications.outbox import Skipped, queue_email
from services.notifications.outbox_rules import Totals, check_retryable, retry_now, totals_of
from services.notifications.rendering import EmailRenderer

EMAIL_NOT_FOUND = "Email not found"
TICKET_NOT_FOUND = "Service ticket not found"


@dataclass(frozen=True)
class NotificationSetup:
    """What queueing and retrying emails need, made once from the settings."""

    renderer: EmailRenderer
    links: UnsubscribeLinks
    # Attempts after which an email stays failed (the max_retries setting).
    max_retries: int


@dataclass(frozen=True)
class Queued:
    email_id: str


@dataclass(frozen=True)
class EmailLogPage:
    rows: list[EmailRecord]
    total: int


def send_email(
    uow: UnitOfWork,
    setup: NotificationSetup,
    *,
    email_type: str,
    recipient_email: str,
    recipient_name: str,
    context: Mapping[str, str | None],
    service_ticket_id: str | None = None,
    service_request_id: str | None = None,
    clock: Clock,
) -> Queued | Skipped:
    """Queue one email (or skip it for a customer who turned its type off).

    A ``service_ticket_id`` must name a ticket (NotFound otherwise), checked in this
    transaction before the email is queued; the outbox's foreign key settles the rest.
    """
    with uow:
        if service_ticket_id is not None and uow.tickets.get(service_ticket_id) is None:
            raise NotFound(TICKET_NOT_FOUND)
        queued = queue_email(
            uow,
            setup.renderer,
            setup.links,
            email_type=email_type,
            recipient_email=recipient_email,
            recipient_name=recipient_name,
            context=context,
            service_ticket_id=service_ticket_id,
            service_request_id=service_request_id,
            clock=clock,
        )
        if isinstance(queued, Skipped):
            return queued
        uow.commit()
        return Queued(email_id=queued.id)


def get_log(uow: UnitOfWork, filters: LogFilters, *, limit: int, offset: int) -> EmailLogPage:
    """The emails matching ``filters``, newest first, and how many match."""
    with uow:
        rows = uow.notifications.list_page(filters, offset=offset, limit=limit)
        return EmailLogPage(rows=rows, total=uow.notifications.count(filters))


def get_stats(uow: UnitOfWork) -> Totals:
    """How many emails there are in each status, and of each type (one query)."""
    with uow:
        counts = uow.notifications.counts_by_type_and_status()
    return totals_of((count.email_type, count.status, count.emails) for count in counts)


def retry_email(uow: UnitOfWork, email_id: str, *, max_retries: int, clock: Clock) -> None:
    """Make an email not yet sent due again now. BadRequest when it was sent or has
    used every retry."""
    with uow:
        email = uow.notifications.lock(email_id)
        if email is None:
            raise NotFound(EMAIL_NOT_FOUND)
        check_retryable(email, max_retries)
        retry_now(email, clock())
        uow.commit()
