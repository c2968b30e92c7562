"""``workflow.switchTemplate``: a ticket's template changed mid-service, and what it did
to the ticket's tasks."""

from typing import Annotated, Final

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.fields import ResourceId
from schemas.workflow.text import LongText

REASON_MIN_LENGTH: Final = 10

# The contract's "min 10 chars", counted after surrounding whitespace is stripped.
SwitchReason = Annotated[LongText, Field(min_length=REASON_MIN_LENGTH)]


class SwitchTemplateInput(SnakeInput):
    ticket_id: ResourceId
    new_template_id: ResourceId
    reason: SwitchReason


class SwitchSummary(SnakeOutput):
    """What the switch did: tasks kept, removed and added, and how many there now are
    (``tasks_preserved + tasks_added``)."""

    tasks_preserved: int
    tasks_removed: int
    tasks_added: int
    total_tasks: int


class SwitchTemplateResult(SnakeOutput):
    success: bool
    summary: SwitchSummary
