"""A part used on a ticket, at the price charged for it."""

from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import JsonInteger, Timestamp
from schemas.fields import NotNull, ResourceId, not_null
from schemas.limits import STOCK_DELTA_MAX
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


# How many of a part one line holds: at least one, and no more than one stock movement
# takes at once (the stock ledger's bound on a single change).
LineQuantity = Annotated[JsonInteger, Field(ge=1, le=STOCK_DELTA_MAX)]


class AddTicketPartInput(SnakeInput):
    ticket_id: ResourceId
    part_id: ResourceId
    quantity: LineQuantity
    # The price charged for each one on this ticket (it may differ from the catalog's).
    unit_price: NonNegativeMoney


class UpdateTicketPartInput(SnakeInput):
    """At least one of quantity and unit_price: a call with neither changes nothing and
    is refused as invalid params (naming both), not answered as if it had worked."""

    id: ResourceId
    quantity: Annotated[LineQuantity | None, NotNull] = not_null()
    unit_price: Annotated[NonNegativeMoney | None, NotNull] = not_null()

    @model_validator(mode="after")
    def _some_change(self) -> "UpdateTicketPartInput":
        if not {"quantity", "unit_price"} & self.model_fields_set:
            raise PydanticCustomError(
                "nothing_to_change", "give quantity or unit_price (or both) to change"
            )
        return self


class DeleteTicketPartInput(SnakeInput):
    id: ResourceId


class TicketPartResult(SnakeOutput):
    success: bool
    part: TicketPart
