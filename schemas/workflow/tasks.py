"""Doing a ticket's tasks (``workflow.myTasks``, ``updateTaskStatus``, ``addTaskNotes``,
``completeTask``, ``getTaskDependencies``): the inputs and what they answer."""

from typing import Annotated

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import Timestamp
from schemas.fields import ResourceId
from schemas.tickets.task import TaskStatus
from schemas.workflow.task_type import TaskType
from schemas.workflow.text import LongText

# Counted after surrounding whitespace is stripped (SnakeInput strips).
TaskNote = Annotated[LongText, Field(min_length=1)]
CompletionNotes = Annotated[LongText, Field(min_length=5)]


class WorkflowTask(SnakeOutput):
    """A task as its changes answer it: tickets.getTasks' fields, and its ticket, task
    type id, who completed it, its notes and its last change."""

    id: str
    ticket_id: str
    task_type_id: str
    name: str
    status: TaskStatus
    sequence_order: int
    is_required: bool
    assigned_to_id: str | None
    started_at: Timestamp | None
    completed_at: Timestamp | None
    completed_by_id: str | None
    notes: str | None
    updated_at: Timestamp
    task_type: TaskType


class MyTaskCustomer(SnakeOutput):
    name: str
    phone: str


class MyTaskTicket(SnakeOutput):
    id: str
    ticket_number: str
    status: str
    customer: MyTaskCustomer


class MyTask(WorkflowTask):
    """One of the caller's tasks, with what the contract shows of its ticket."""

    ticket: MyTaskTicket


class TaskIdInput(SnakeInput):
    task_id: ResourceId


class UpdateTaskStatusInput(SnakeInput):
    task_id: ResourceId
    status: TaskStatus


class AddTaskNotesInput(SnakeInput):
    task_id: ResourceId
    notes: TaskNote


class CompleteTaskInput(SnakeInput):
    task_id: ResourceId
    completion_notes: CompletionNotes


class TaskNotesResult(SnakeOutput):
    success: bool
    notes: str


class TaskPrerequisite(SnakeOutput):
    id: str
    name: str
    sequence_order: int
    status: TaskStatus
    is_required: bool
    task_type: TaskType


class TaskDependencies(SnakeOutput):
    prerequisites: list[TaskPrerequisite]
    enforce_sequence: bool
    incomplete_count: int
