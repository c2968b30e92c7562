"""``workflow.template.*``: versioned templates, each an ordered list of task types."""

from typing import Annotated, Final, Literal

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import JsonBoolean, JsonInteger, Timestamp
from schemas.fields import ResourceId
from schemas.workflow.task_type import TaskType
from schemas.workflow.text import LongText, WorkflowName

ServiceType = Literal["warranty", "paid", "replacement"]
# Bounds far past any real template; they keep one call's work bounded.
TASKS_MAX: Final = 100
SEQUENCE_ORDER_MAX: Final = 10_000

SequenceOrder = Annotated[JsonInteger, Field(ge=1, le=SEQUENCE_ORDER_MAX)]


class TemplateTaskInput(SnakeInput):
    task_type_id: ResourceId
    sequence_order: SequenceOrder
    is_required: JsonBoolean = True
    custom_instructions: LongText | None = None


class RevisedTemplateTaskInput(SnakeInput):
    """A task of update's new version: the contract requires is_required there."""

    task_type_id: ResourceId
    sequence_order: SequenceOrder
    is_required: JsonBoolean
    custom_instructions: LongText | None = None


class ListTemplatesInput(SnakeInput):
    product_type: ResourceId | None = None
    service_type: ServiceType | None = None
    is_active: JsonBoolean | None = None


class GetTemplateInput(SnakeInput):
    template_id: ResourceId


class CreateTemplateInput(SnakeInput):
    name: WorkflowName
    description: LongText | None = None
    product_type: ResourceId | None = None
    service_type: ServiceType
    enforce_sequence: JsonBoolean = True
    is_active: JsonBoolean = True
    tasks: Annotated[list[TemplateTaskInput], Field(min_length=1, max_length=TASKS_MAX)]


class UpdateTemplateInput(SnakeInput):
    """The whole new version: a field left out (description, product_type) is empty
    in it, as the contract's update carries the complete template."""

    template_id: ResourceId
    name: WorkflowName
    description: LongText | None = None
    product_type: ResourceId | None = None
    service_type: ServiceType
    enforce_sequence: JsonBoolean
    tasks: Annotated[list[RevisedTemplateTaskInput], Field(min_length=1, max_length=TASKS_MAX)]


class DeleteTemplateInput(SnakeInput):
    template_id: ResourceId
    soft_delete: JsonBoolean = True


class TemplateProduct(SnakeOutput):
    id: str
    name: str
    sku: str


class TemplateTask(SnakeOutput):
    id: str
    sequence_order: int
    is_required: bool
    custom_instructions: str | None
    task_type: TaskType


class Template(SnakeOutput):
    id: str
    name: str
    description: str | None
    product_type: str | None
    service_type: ServiceType
    enforce_sequence: bool
    is_active: bool
    version: int
    previous_version_id: str | None
    created_at: Timestamp
    product: TemplateProduct | None
    # In sequence order.
    tasks: list[TemplateTask]


class DeleteTemplateResult(SnakeOutput):
    success: bool
    soft_deleted: bool
