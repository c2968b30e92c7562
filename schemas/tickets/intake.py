"""``tickets.createTicket``: a new ticket, with its customer (found or made), the parts
used from the start, and the tasks of its template.

The customer fields follow ``customers.createCustomer``'s rules (the phone's characters
and digits, the email's form, an address of several lines).
"""

from decimal import Decimal
from typing import Annotated, Final

from pydantic import AfterValidator, Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import Email, JsonInteger
from schemas.customers import Address, CustomerName, Phone, check_address
from schemas.fields import ResourceId
from schemas.limits import LONG_TEXT_MAX_LENGTH, STOCK_DELTA_MAX
from schemas.money import NonNegativeMoney
from schemas.tickets.task import TicketTask
from schemas.tickets.ticket import PriorityLevel, Ticket, WarrantyType

# Far past the parts of one repair: a bound on the list a caller may send.
PARTS_MAX: Final = 50

# The issue as the customer told it: several lines allowed, no other control character.
Description = Annotated[
    str, Field(min_length=1, max_length=LONG_TEXT_MAX_LENGTH), AfterValidator(check_address)
]
Quantity = Annotated[JsonInteger, Field(ge=1, le=STOCK_DELTA_MAX)]


class CustomerDataInput(SnakeInput):
    """An existing customer (``id``), or the one found by ``phone`` (its digits), or a
    new one made from these fields. An existing customer's fields are not changed."""

    id: ResourceId | None = None
    name: CustomerName
    phone: Phone
    email: Email | None = None
    address: Address | None = None


class TicketPartInput(SnakeInput):
    part_id: ResourceId
    quantity: Quantity
    unit_price: NonNegativeMoney


class CreateTicketInput(SnakeInput):
    customer_data: CustomerDataInput
    # The product model being repaired.
    product_id: ResourceId
    description: Description
    priority_level: PriorityLevel = "normal"
    warranty_type: WarrantyType = "paid"
    service_fee: NonNegativeMoney
    diagnosis_fee: NonNegativeMoney = Decimal(0)
    discount_amount: NonNegativeMoney = Decimal(0)
    parts: Annotated[list[TicketPartInput], Field(max_length=PARTS_MAX)] = Field(
        default_factory=list
    )


class CreateTicketResult(SnakeOutput):
    success: bool
    ticket: Ticket
    # The tasks copied from the ticket's template, in order (none without a template).
    tasks: list[TicketTask]
