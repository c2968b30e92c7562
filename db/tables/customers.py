"""Customers of the service center: who brings devices in, and which emails they want.

A customer is found by phone (reception asks for it first; tickets find or create the
customer by it), so the phone is unique: ``phone`` keeps the number as it was typed,
for display, and ``phone_key`` its digits alone under a unique constraint, so two
spellings of one number ("+1 (555) 010-2030", "+1 555 010 2030") are one customer and
a race between two creators ends in the database's DuplicateKey. The email, when
there is one, is unique too: it is stored lower-cased (the schemas' Email rule, ASCII
only), so the constraint on the column itself makes it unique ignoring case.

Email preferences are one boolean column per email type of the contract, each true
unless the customer opted out (the server default says the same for rows written by
anything else). Columns rather than a JSON object: the types are a fixed list, a
stored value can only be a boolean, and two unsubscribes from different types at once
update different columns, so neither is lost.
"""

from datetime import datetime
from typing import Any, Final

from sqlalchemy import true
from sqlmodel import Field, SQLModel

from db.column_types import ID_LENGTH, UTCDateTime, new_id
from schemas.limits import (
    EMAIL_MAX_LENGTH,
    LONG_NAME_MAX_LENGTH,
    LONG_TEXT_MAX_LENGTH,
    PHONE_MAX_LENGTH,
)

# The contract's email types (notifications.send's emailType), in its order. The
# schemas spell the same list as a Literal; a test keeps the two equal.
EMAIL_TYPES: Final = (
    "request_submitted",
    "request_received",
    "request_rejected",
    "ticket_created",
    "service_completed",
    "delivery_confirmed",
)


def preference_column(email_type: str) -> str:
    """The column holding whether the customer wants emails of ``email_type``."""
    return f"email_{email_type}"


def _wanted() -> Any:
    # A Field for each preference: true in Python and in the database by default.
    return Field(default=True, sa_column_kwargs={"server_default": true()})


class CustomerRow(SQLModel, table=True):
    __tablename__ = "customers"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    name: str = Field(index=True, max_length=LONG_NAME_MAX_LENGTH)
    # As typed (trimmed), for display and search.
    phone: str = Field(max_length=PHONE_MAX_LENGTH)
    # The phone's digits only: what makes two spellings one customer.
    phone_key: str = Field(unique=True, max_length=PHONE_MAX_LENGTH)
    # Lower-cased; NULL for none (any number of customers may have none).
    email: str | None = Field(default=None, unique=True, max_length=EMAIL_MAX_LENGTH)
    address: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    email_request_submitted: bool = _wanted()
    email_request_received: bool = _wanted()
    email_request_rejected: bool = _wanted()
    email_ticket_created: bool = _wanted()
    email_service_completed: bool = _wanted()
    email_delivery_confirmed: bool = _wanted()
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(sa_type=UTCDateTime)
