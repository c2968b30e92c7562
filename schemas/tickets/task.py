"""A step of a ticket's repair, as ``tickets.getTasks`` and ``tickets.createTicket``
answer it: the contract's fields, with its task type and the technician it is
assigned to."""

from typing import Final, Literal, get_args

from schemas.base import CamelInput, SnakeOutput
from schemas.common import Timestamp
from schemas.fields import ResourceId
from schemas.tickets.ticket import StaffMember
from schemas.workflow.task_type import TaskType

TaskStatus = Literal["pending", "in_progress", "completed", "blocked", "skipped"]
TASK_STATUSES: Final[tuple[TaskStatus, ...]] = get_args(TaskStatus)


class TicketTask(SnakeOutput):
    id: str
    name: str
    status: TaskStatus
    sequence_order: int
    is_required: bool
    assigned_to_id: str | None
    started_at: Timestamp | None
    completed_at: Timestamp | None
    task_type: TaskType
    # The technician it is assigned to; null when none is (or their user is deleted).
    assigned_to: StaffMember | None


class GetTasksInput(CamelInput):
    """The contract's camelCase ``ticketId`` (the one wire name it has)."""

    ticket_id: ResourceId
