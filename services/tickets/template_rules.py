"""Which template a new ticket takes its tasks from, on plain values.

The contract's database trigger picked "the active template for the product and service
type"; Switchyard says exactly which:
- the service type: ``warranty`` and ``goodwill`` tickets use ``warranty`` templates
  (goodwill is a repair done as if under warranty), ``paid`` tickets use ``paid`` ones;
  ``replacement`` templates are never chosen by a ticket's warranty type;
- among the active templates of that service type, one for the ticket's product model
  wins over one for any model (``product_type`` empty);
- among equal candidates, the most recently created version, then the lowest id (so the
  choice never depends on the order rows come back in);
- none: the ticket has no tasks and no template.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Final, Protocol, TypeVar

# The template service type of each ticket warranty type.
SERVICE_TYPE_OF_WARRANTY: Final[dict[str, str]] = {
    "warranty": "warranty",
    "goodwill": "warranty",
    "paid": "paid",
}


class Candidate(Protocol):
    """What the choice looks at (a TemplateRecord has it)."""

    @property
    def id(self) -> str: ...
    @property
    def product_type(self) -> str | None: ...
    @property
    def created_at(self) -> datetime: ...


def service_type_for(warranty_type: str) -> str:
    """The service type of the templates a ticket of ``warranty_type`` uses."""
    return SERVICE_TYPE_OF_WARRANTY[warranty_type]


C = TypeVar("C", bound=Candidate)


def choose_template(candidates: Iterable[C], product_id: str) -> C | None:
    """The template a ticket for ``product_id`` takes, among active ``candidates`` of
    its service type (each for ``product_id`` or for any model); None if there is none."""
    eligible = [
        candidate
        for candidate in candidates
        if candidate.product_type is None or candidate.product_type == product_id
    ]
    if not eligible:
        return None
    # Specific first, then newest (the timestamp negated), then the lowest id.
    return min(
        eligible,
        key=lambda candidate: (
            candidate.product_type is None,
            -candidate.created_at.timestamp(),
            candidate.id,
        ),
    )
