"""``customers.*``: the service-center contract's names (snake_case; ``getNewCustomers``
answers in the contract's camelCase).

A phone is 10 to 32 characters of digits, spaces and ``+ - ( )``, with at least 10
digits; it is kept as typed (trimmed) and matched by its digits alone (see
``services.customers_rules.phone_key``). An email follows the shared Email rule
(trimmed, lower-cased). An address may span lines (a newline is its only control
character).
"""

import re
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import AfterValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from schemas.base import CamelOutput, SnakeInput, SnakeOutput
from schemas.common import Email, JsonBoolean, Timestamp
from schemas.fields import LongName, NotNull, ResourceId, not_null
from schemas.limits import LONG_TEXT_MAX_LENGTH, PHONE_MAX_LENGTH
from schemas.paging import PageInput

# The contract's email types (notifications.send's emailType).
EmailType = Literal[
    "request_submitted",
    "request_received",
    "request_rejected",
    "ticket_created",
    "service_completed",
    "delivery_confirmed",
]
EMAIL_TYPES: Final[tuple[EmailType, ...]] = get_args(EmailType)

PHONE_MIN_LENGTH: Final = 10
PHONE_MIN_DIGITS: Final = 10
PHONE_CHARACTERS: Final = frozenset("0123456789 +-()")
PHONE_MESSAGE: Final = (
    f"phone must be {PHONE_MIN_LENGTH}-{PHONE_MAX_LENGTH} characters of digits, spaces "
    f"and + - ( ), with at least {PHONE_MIN_DIGITS} digits"
)
# A customer link token: urlsafe base64 of an HMAC-SHA256 is 43 characters; the bound
# only keeps hostile params small (a wrong token of any length answers as unknown).
LINK_TOKEN_MAX_LENGTH: Final = 128
ADDRESS_CONTROL_CHARACTERS: Final = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
ADDRESS_CONTROL_MESSAGE: Final = "must not contain control characters other than newline"


def check_phone(value: str) -> str:
    """The phone as typed, if it has only the allowed characters and enough digits."""
    digits = sum(character in "0123456789" for character in value)
    if (
        not PHONE_MIN_LENGTH <= len(value) <= PHONE_MAX_LENGTH
        or not set(value) <= PHONE_CHARACTERS
        or digits < PHONE_MIN_DIGITS
    ):
        raise PydanticCustomError("invalid_phone", PHONE_MESSAGE)
    return value


def check_address(value: str) -> str:
    if ADDRESS_CONTROL_CHARACTERS.search(value):
        raise PydanticCustomError("control_character", ADDRESS_CONTROL_MESSAGE)
    return value


CustomerName = LongName
# The length rule is the phone rule's own (one message for every way a phone is wrong).
Phone = Annotated[
    str,
    AfterValidator(check_phone),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": PHONE_MIN_LENGTH,
            "maxLength": PHONE_MAX_LENGTH,
            "pattern": r"^[0-9 +()-]+$",
        }
    ),
]
Address = Annotated[
    str, Field(min_length=1, max_length=LONG_TEXT_MAX_LENGTH), AfterValidator(check_address)
]
LinkToken = Annotated[str, Field(max_length=LINK_TOKEN_MAX_LENGTH)]


class EmailPreferences(SnakeOutput):
    """Whether the customer wants each type of email (true unless they opted out)."""

    request_submitted: bool
    request_received: bool
    request_rejected: bool
    ticket_created: bool
    service_completed: bool
    delivery_confirmed: bool


class Customer(SnakeOutput):
    id: str
    name: str
    phone: str
    email: str | None
    address: str | None
    email_preferences: EmailPreferences
    created_at: Timestamp
    updated_at: Timestamp


class CustomerPage(SnakeOutput):
    customers: list[Customer]
    total: int


class CustomerResult(SnakeOutput):
    success: bool
    customer: Customer


class CustomerContact(SnakeOutput):
    """What the unsubscribe page sees: never the phone or the address."""

    id: str
    name: str
    email: str
    email_preferences: EmailPreferences


class NewCustomers(CamelOutput):
    """The contract's camelCase names: currentMonthCount, growthRate, ..."""

    current_month_count: int
    previous_month_count: int
    # Percent, one decimal.
    growth_rate: float
    has_previous_data: bool
    # The newest customer's creation time; null while there are none.
    latest_update: Timestamp | None


class GetCustomersInput(PageInput):
    """No field given: every customer; any field given: one page (see the procedure)."""


class CreateCustomerInput(SnakeInput):
    name: CustomerName
    phone: Phone
    email: Email | None = None
    address: Address | None = None


class UpdateCustomerInput(SnakeInput):
    id: ResourceId
    name: Annotated[CustomerName | None, NotNull] = not_null()
    phone: Annotated[Phone | None, NotNull] = not_null()
    # null clears the email / the address.
    email: Email | None = None
    address: Address | None = None


class DeleteCustomerInput(SnakeInput):
    id: ResourceId


def _token_is_required(schema: dict[str, Any]) -> None:
    # Published as required: without it the answer is that of an unknown email, so a
    # client must send it. Accepted when missing for that reason (one answer, no -32602
    # that would tell a missing token from a wrong one).
    required: list[str] = schema.setdefault("required", [])
    if "token" not in required:
        required.append("token")
    schema["properties"]["token"].pop("default", None)


class GetByEmailInput(SnakeInput):
    model_config = ConfigDict(json_schema_extra=_token_is_required)

    email: Email
    # From the unsubscribe link of an email sent to the customer.
    token: LinkToken = ""


class PreferenceChanges(SnakeInput):
    """The email types to switch on (true) or off (false); those left out stay."""

    request_submitted: Annotated[JsonBoolean | None, NotNull] = not_null()
    request_received: Annotated[JsonBoolean | None, NotNull] = not_null()
    request_rejected: Annotated[JsonBoolean | None, NotNull] = not_null()
    ticket_created: Annotated[JsonBoolean | None, NotNull] = not_null()
    service_completed: Annotated[JsonBoolean | None, NotNull] = not_null()
    delivery_confirmed: Annotated[JsonBoolean | None, NotNull] = not_null()


class UpdateEmailPreferencesInput(SnakeInput):
    model_config = ConfigDict(json_schema_extra=_token_is_required)

    email: Email
    token: LinkToken = ""
    preferences: PreferenceChanges
