"""A service ticket as every ``tickets.*`` answer shows it, and its closed vocabularies.

The contract's ticket (getTickets) is its own columns with its customer under
``customers`` and its product model, with the model's brand, under ``products``
(Supabase's embedding of related rows). Every answer that holds a ticket uses this one
shape, so a client has one ticket type.
"""

from typing import Final, Literal, get_args

from schemas.base import SnakeOutput
from schemas.common import Role, Timestamp
from schemas.money import Money, NonNegativeMoney

TicketStatus = Literal["pending", "in_progress", "completed", "cancelled"]
PriorityLevel = Literal["low", "normal", "high", "urgent"]
WarrantyType = Literal["warranty", "paid", "goodwill"]
TICKET_STATUSES: Final[tuple[TicketStatus, ...]] = get_args(TicketStatus)
PRIORITY_LEVELS: Final[tuple[PriorityLevel, ...]] = get_args(PriorityLevel)
WARRANTY_TYPES: Final[tuple[WarrantyType, ...]] = get_args(WarrantyType)


class TicketCustomer(SnakeOutput):
    id: str
    name: str
    phone: str
    email: str | None


class TicketBrand(SnakeOutput):
    name: str


class TicketProduct(SnakeOutput):
    id: str
    name: str
    type: str
    brands: TicketBrand


class StaffMember(SnakeOutput):
    """A user as tickets show them (the contract's ``profiles`` and ``assigned_to``)."""

    id: str
    full_name: str
    role: Role


class Ticket(SnakeOutput):
    id: str
    ticket_number: str
    status: TicketStatus
    priority_level: PriorityLevel
    warranty_type: WarrantyType
    service_fee: NonNegativeMoney
    diagnosis_fee: NonNegativeMoney
    discount_amount: NonNegativeMoney
    parts_total: NonNegativeMoney
    # service_fee + diagnosis_fee + parts_total - discount_amount (never negative: a
    # larger discount is refused).
    total_cost: Money
    issue_description: str
    notes: str | None
    customer_id: str
    product_id: str
    # The template version the ticket's tasks came from; null when none applied.
    template_id: str | None
    assigned_to: str | None
    created_by: str | None
    started_at: Timestamp | None
    completed_at: Timestamp | None
    delivery_confirmed_at: Timestamp | None
    delivery_confirmed_by_id: str | None
    delivery_signature_url: str | None
    delivery_notes: str | None
    created_at: Timestamp
    updated_at: Timestamp
    customers: TicketCustomer
    products: TicketProduct
