"""The email outbox: every email the service center sends, from queued to delivered.

Whatever causes an email (``notifications.send``, later a ticket created, completed or
delivered) adds its row here in the same transaction as the change, with status
``pending`` and its subject and bodies already rendered: a change that rolls back
leaves no email, a committed one always has its email, and what the log shows is what
goes out. Senders (``switchyard worker``, or the one inside ``switchyard serve``) claim
due rows with a lease, deliver them over SMTP and record the outcome on the row.
"""

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from db.column_types import ID_LENGTH, UTCDateTime, new_id
from schemas.limits import (
    EMAIL_MAX_LENGTH,
    EMAIL_SUBJECT_MAX_LENGTH,
    EMAIL_TYPE_MAX_LENGTH,
    LONG_NAME_MAX_LENGTH,
    SEND_ERROR_MAX_LENGTH,
    URL_MAX_LENGTH,
)

# pending: waiting to be sent (again, after a transient failure, from next_attempt_at);
# sent: the SMTP server took it (or, on the embedded default, it was written to a file);
# failed: every attempt failed transiently, or it could not be sent at all;
# bounced: the server refused the recipient for good (a 5xx answer), never retried.
EMAIL_STATUSES = ("pending", "sent", "failed", "bounced")


class EmailNotificationRow(SQLModel, table=True):
    __tablename__ = "email_notifications"
    __table_args__ = (
        # What a sender looks for: due pending emails, oldest first.
        Index("ix_email_notifications_due", "status", "next_attempt_at"),
        # The contract's rate limit: emails to one recipient in the last 24 hours.
        Index("ix_email_notifications_recipient_created", "recipient_email", "created_at"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    email_type: str = Field(max_length=EMAIL_TYPE_MAX_LENGTH)
    recipient_email: str = Field(max_length=EMAIL_MAX_LENGTH)
    recipient_name: str = Field(max_length=LONG_NAME_MAX_LENGTH)
    # The customer with that email, when there is one: their preferences and link token.
    customer_id: str | None = Field(
        default=None,
        foreign_key="customers.id",
        ondelete="SET NULL",
        index=True,
        max_length=ID_LENGTH,
    )
    # The ticket the email is about; the email stays (as NULL) if the ticket goes.
    service_ticket_id: str | None = Field(
        default=None,
        foreign_key="service_tickets.id",
        ondelete="SET NULL",
        index=True,
        max_length=ID_LENGTH,
    )
    # A plain id until the service requests' table exists (its issue adds the key).
    service_request_id: str | None = Field(default=None, max_length=ID_LENGTH)
    subject: str = Field(max_length=EMAIL_SUBJECT_MAX_LENGTH)
    text_body: str = Field(sa_type=Text)
    html_body: str = Field(sa_type=Text)
    # The one-click unsubscribe link (RFC 8058) the email carries, if any.
    unsubscribe_url: str | None = Field(default=None, max_length=URL_MAX_LENGTH)
    status: str = Field(default="pending", max_length=16)
    # Attempts that failed so far; the sender gives up after the max_retries setting.
    retry_count: int = Field(default=0)
    error_message: str | None = Field(default=None, max_length=SEND_ERROR_MAX_LENGTH)
    # When a pending email is due (now when queued; later after a failed attempt).
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    # A sender's claim: who holds the email, and until when. A claim whose lease ran out
    # (its sender died mid-send) may be taken by another sender.
    claimed_by: str | None = Field(default=None, max_length=ID_LENGTH)
    lease_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
