"""``notifications.*``: queueing emails and following their delivery.

Every signed-in role may send (the contract's "All": reception and technicians cause
emails as they work). The log, the statistics and retries show and change every
customer's emails, so they are for admins and managers.
"""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext, SignedInContext
from routers.base import authed, managers
from routers.samples import CREATED_AT, EMAIL_ID, SERVICE_TICKET_ID, UPDATED_AT
from rpc import ErrorCode, Example, Router
from schemas.notifications import (
    EmailLog,
    EmailQueued,
    EmailSkipped,
    EmailStats,
    GetLogInput,
    LoggedEmail,
    RetryInput,
    RetryResult,
    SendInput,
)
from services.notifications import emails as email_service
from services.notifications.emails import EmailRecord, LogFilters
from services.notifications.outbox import Skipped
from services.notifications.outbox_rules import failed_at

SEND_EXAMPLE: dict[str, Any] = {
    "emailType": "service_completed",
    "recipientEmail": "an.nguyen@example.com",
    "recipientName": "Nguyen Van An",
    "context": {"ticketNumber": "SV-2026-0042", "productName": "Galaxy S24"},
    "serviceTicketId": SERVICE_TICKET_ID,
}
LOGGED_EXAMPLE: dict[str, Any] = {
    "id": EMAIL_ID,
    "email_type": "service_completed",
    "recipient_email": "an.nguyen@example.com",
    "recipient_name": "Nguyen Van An",
    "subject": "Your device is ready (SV-2026-0042)",
    "status": "sent",
    "retry_count": 0,
    "error_message": None,
    "service_ticket_id": SERVICE_TICKET_ID,
    "service_request_id": None,
    "created_at": CREATED_AT,
    "updated_at": UPDATED_AT,
    "next_attempt_at": CREATED_AT,
    "sent_at": UPDATED_AT,
    "failed_at": None,
}


def logged_email(record: EmailRecord) -> LoggedEmail:
    return LoggedEmail(**record._asdict(), failed_at=failed_at(record.status, record.updated_at))


@(
    authed.input(SendInput)
    .output(EmailQueued | EmailSkipped)
    .meta(
        summary="Queue an email",
        description=(
            "Renders the email of emailType (subject, text and HTML bodies) with the "
            "context's values and queues it, due now, for the sender; answers "
            "{success: true, emailId}. A customer with recipientEmail who turned that "
            "type off: {success: true, skipped: true, reason: 'unsubscribed'}, nothing "
            "queued. 100 emails to recipientEmail in the last 24 hours (any type, any "
            "status): TOO_MANY_REQUESTS with data.retryAfter, the seconds until the "
            "oldest of them is 24 hours old; nothing queued. An email to a customer "
            "carries its unsubscribe link (and List-Unsubscribe headers); one to an "
            "address that is no customer's has none. serviceTicketId must name a "
            "service ticket (NOT_FOUND otherwise); serviceRequestId is kept with the "
            "email, not yet checked (service requests do not exist yet)."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.TOO_MANY_REQUESTS],
        examples=[
            Example("queued", SEND_EXAMPLE, {"success": True, "emailId": EMAIL_ID}),
            Example(
                "unsubscribed",
                SEND_EXAMPLE,
                {"success": True, "skipped": True, "reason": "unsubscribed"},
            ),
        ],
    )
    .mutation
)
def send(ctx: SignedInContext, params: SendInput) -> EmailQueued | EmailSkipped:
    result = email_service.send_email(
        ctx.unit_of_work(),
        ctx.services.notifications,
        email_type=params.email_type,
        recipient_email=params.recipient_email,
        recipient_name=params.recipient_name,
        context=params.context.model_dump(),
        service_ticket_id=params.service_ticket_id,
        service_request_id=params.service_request_id,
        clock=ctx.services.clock,
    )
    if isinstance(result, Skipped):
        return EmailSkipped(success=True, skipped=True, reason="unsubscribed")
    return EmailQueued(success=True, email_id=result.email_id)


@(
    managers.input(GetLogInput)
    .output(EmailLog)
    .meta(
        summary="The emails, newest first",
        description=(
            "One page of the outbox (limit 50 by default, at most 100; offset 0 by "
            "default), filtered by emailType, status and recipientEmail when given; "
            "total counts every match. Each email: who it went to, its subject (never "
            "its bodies), status (pending, sent, failed, bounced), retry_count, "
            "error_message (the mail server's answer), the ticket and request it is "
            "about, created_at, updated_at, next_attempt_at (when it is or was due), "
            "sent_at, and failed_at (when it was given up on: failed or bounced)."
        ),
        examples=[
            Example(
                "sent",
                {"status": "sent", "limit": 20},
                {"emails": [LOGGED_EXAMPLE], "total": 1, "limit": 20, "offset": 0},
            )
        ],
    )
    .query
)
def get_log(ctx: SignedInContext, params: GetLogInput) -> EmailLog:
    filters = LogFilters(
        email_type=params.email_type,
        status=params.status,
        recipient_email=params.recipient_email,
    )
    page = email_service.get_log(
        ctx.unit_of_work(), filters, limit=params.limit, offset=params.offset
    )
    return EmailLog(
        emails=[logged_email(row) for row in page.rows],
        total=page.total,
        limit=params.limit,
        offset=params.offset,
    )


@(
    managers.output(EmailStats)
    .meta(
        summary="How many emails there are in each status and of each type",
        description=(
            "total, and the emails sent, failed, pending and bounced; byType counts the "
            "emails of each type that has any."
        ),
        examples=[
            Example(
                "counts",
                {},
                {
                    "total": 12,
                    "sent": 9,
                    "failed": 1,
                    "pending": 1,
                    "bounced": 1,
                    "byType": {"ticket_created": 5, "service_completed": 7},
                },
            )
        ],
    )
    .query
)
def get_stats(ctx: SignedInContext, _: object) -> EmailStats:
    totals = email_service.get_stats(ctx.unit_of_work())
    return EmailStats.model_validate(totals)


@(
    managers.input(RetryInput)
    .output(RetryResult)
    .meta(
        summary="Send an email again",
        description=(
            "Makes a pending, failed or bounced email pending and due now; its "
            "retry_count stays. BAD_REQUEST when it was already sent, or when its "
            "retry_count has reached the max_retries setting."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.BAD_REQUEST],
        examples=[Example("retry", {"emailId": EMAIL_ID}, {"success": True})],
    )
    .mutation
)
def retry(ctx: SignedInContext, params: RetryInput) -> RetryResult:
    email_service.retry_email(
        ctx.unit_of_work(),
        params.email_id,
        max_retries=ctx.services.notifications.max_retries,
        clock=ctx.services.clock,
    )
    return RetryResult(success=True)


router: Router[RequestContext] = Router(
    {"send": send, "getLog": get_log, "getStats": get_stats, "retry": retry}
)
