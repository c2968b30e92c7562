"""``tickets.confirmDelivery`` and the completed tickets still waiting for it."""

from typing import Annotated

from pydantic import AnyHttpUrl, UrlConstraints

from schemas.base import SnakeInput, SnakeOutput
from schemas.fields import ResourceId
from schemas.limits import URL_MAX_LENGTH
from schemas.paging import PAGE_LIMIT_DEFAULT, Limit, Offset
from schemas.tickets.ticket import Ticket
from schemas.workflow.text import LongText

# Where the customer's signature image is kept: an http(s) URL, as wide as its column.
SignatureUrl = Annotated[AnyHttpUrl, UrlConstraints(max_length=URL_MAX_LENGTH)]


class ConfirmDeliveryInput(SnakeInput):
    ticket_id: ResourceId
    signature_url: SignatureUrl
    notes: LongText | None = None


class PendingDeliveriesInput(SnakeInput):
    limit: Limit = PAGE_LIMIT_DEFAULT
    offset: Offset = 0


class PendingDeliveriesPage(SnakeOutput):
    """One page of the completed tickets not yet handed back; total counts them all,
    and limit and offset say which page this is."""

    tickets: list[Ticket]
    total: int
    limit: int
    offset: int
