"""``notifications.*``: the contract's camelCase inputs (``emailType``, ``recipientEmail``,
``emailId``) and answers (``emailId``, ``byType``); the log's emails keep the row's
snake_case names, as the contract's example of ``getLog`` shows.

An email's context values are plain text: the templates escape them in the HTML body,
so a value may hold ``<`` or ``&`` and comes out as written, never as markup.
"""

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from schemas.base import CamelInput, CamelOutput, SnakeOutput
from schemas.common import Email, NoControlCharacters, Timestamp
from schemas.customers import EmailType
from schemas.fields import LongName, ResourceId
from schemas.limits import EMAIL_CONTEXT_VALUE_MAX_LENGTH
from schemas.paging import Limit, Offset

EmailStatus = Literal["pending", "sent", "failed", "bounced"]
RecipientName = LongName
# A UUID in its canonical text form (any case; kept lower-cased), as the contract's ids.
Uuid = Annotated[
    str,
    Field(
        min_length=36,
        max_length=36,
        pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    ),
    AfterValidator(str.lower),
]
ContextValue = Annotated[
    str, Field(min_length=1, max_length=EMAIL_CONTEXT_VALUE_MAX_LENGTH), NoControlCharacters
]


class EmailContext(CamelInput):
    """What the email's templates may show; each type uses the values it needs."""

    tracking_token: ContextValue | None = None
    ticket_number: ContextValue | None = None
    product_name: ContextValue | None = None
    serial_number: ContextValue | None = None
    rejection_reason: ContextValue | None = None
    completed_date: ContextValue | None = None
    delivery_date: ContextValue | None = None


class SendInput(CamelInput):
    email_type: EmailType
    recipient_email: Email
    recipient_name: RecipientName
    context: EmailContext = Field(default_factory=EmailContext)
    # UUIDs (the contract's); kept in their canonical lower-case form.
    service_request_id: Uuid | None = None
    service_ticket_id: Uuid | None = None


class EmailQueued(CamelOutput):
    success: bool
    email_id: str


class EmailSkipped(CamelOutput):
    """Not queued, by the customer's wish (they turned the type off)."""

    success: bool
    skipped: bool
    reason: Literal["unsubscribed"]


class GetLogInput(CamelInput):
    email_type: EmailType | None = None
    status: EmailStatus | None = None
    recipient_email: Email | None = None
    limit: Limit = 50
    offset: Offset = 0


class LoggedEmail(SnakeOutput):
    """One email of the log: who, what, and how its delivery went (never its bodies)."""

    id: str
    email_type: str
    recipient_email: str
    recipient_name: str
    subject: str
    status: str
    retry_count: int
    error_message: str | None
    service_ticket_id: str | None
    service_request_id: str | None
    created_at: Timestamp
    updated_at: Timestamp
    # When it is (next) due; for a sent, failed or bounced email, its last due time.
    next_attempt_at: Timestamp
    sent_at: Timestamp | None
    # When the email was given up on (failed or bounced); null otherwise.
    failed_at: Timestamp | None


class EmailLog(SnakeOutput):
    emails: list[LoggedEmail]
    total: int
    limit: int
    offset: int


class EmailStats(CamelOutput):
    total: int
    sent: int
    failed: int
    pending: int
    bounced: int
    # Emails of each type that has any (every status).
    by_type: dict[str, int]


class RetryInput(CamelInput):
    email_id: ResourceId


class RetryResult(SnakeOutput):
    success: bool
