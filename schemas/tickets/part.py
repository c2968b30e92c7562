"""A part used on a ticket, at the price charged for it."""

from schemas.base import SnakeOutput
from schemas.common import Timestamp
from schemas.money import NonNegativeMoney


class TicketPartSummary(SnakeOutput):
    """The catalog part a ticket's part line is (under ``parts``)."""

    id: str
    name: str
    sku: str


class TicketPart(SnakeOutput):
    id: str
    ticket_id: str
    part_id: str
    quantity: int
    unit_price: NonNegativeMoney
    # quantity * unit_price
    total: NonNegativeMoney
    created_at: Timestamp
    updated_at: Timestamp
    parts: TicketPartSummary
