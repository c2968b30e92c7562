"""``workflow.taskType.*``: the kinds of step a template orders."""

from typing import Annotated, Final

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import JsonBoolean, JsonInteger, Timestamp
from schemas.workflow.text import Category, LongText, WorkflowName

# Far past any real step (about ten weeks); the bound keeps the value a 32-bit integer.
DURATION_MAX_MINUTES: Final = 100_000


class TaskType(SnakeOutput):
    id: str
    name: str
    description: str | None
    category: str | None
    estimated_duration_minutes: int | None
    requires_notes: bool
    requires_photo: bool
    is_active: bool
    created_at: Timestamp


class CreateTaskTypeInput(SnakeInput):
    name: WorkflowName
    description: LongText | None = None
    category: Category | None = None
    estimated_duration_minutes: (
        Annotated[JsonInteger, Field(ge=1, le=DURATION_MAX_MINUTES)] | None
    ) = None
    requires_notes: JsonBoolean = False
    requires_photo: JsonBoolean = False
    is_active: JsonBoolean = True
