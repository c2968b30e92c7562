"""The progress dashboard's answers (``workflow.getTaskProgressSummary``,
``getTicketsWithBlockedTasks``, ``getTechnicianWorkload``, ``getTaskCompletionTimeline``)
and the two inputs, in the contract's camelCase (``technicianId``, ``daysBack``)."""

from typing import Annotated, Final

from pydantic import Field

from schemas.base import CamelInput, SnakeOutput
from schemas.common import JsonInteger
from schemas.fields import ResourceId
from schemas.tickets.ticket import PriorityLevel, TicketStatus

TIMELINE_DAYS_DEFAULT: Final = 7
# The contract's widest window: about a quarter.
TIMELINE_DAYS_MAX: Final = 90

TimelineDays = Annotated[JsonInteger, Field(ge=1, le=TIMELINE_DAYS_MAX)]


class TaskProgressSummary(SnakeOutput):
    total_tasks: int
    tasks_pending: int
    tasks_in_progress: int
    tasks_completed: int
    tasks_blocked: int
    # completed / total as a percentage with one decimal (66.7); 0 with no tasks.
    completion_rate: float


class TicketWithBlockedTasks(SnakeOutput):
    ticket_id: str
    ticket_number: str
    blocked_tasks_count: int
    # The contract's "other ticket fields": what a dashboard row shows of the ticket.
    status: TicketStatus
    priority_level: PriorityLevel
    customer_name: str


class TechnicianWorkloadInput(CamelInput):
    """The contract's camelCase ``technicianId``: left out, every technician."""

    technician_id: ResourceId | None = None


class TechnicianWorkload(SnakeOutput):
    technician_id: str
    technician_name: str
    tasks_pending: int
    tasks_in_progress: int
    tasks_completed: int
    tasks_blocked: int


class TaskCompletionTimelineInput(CamelInput):
    """The contract's camelCase ``daysBack``."""

    days_back: TimelineDays = TIMELINE_DAYS_DEFAULT


class DayTaskCompletions(SnakeOutput):
    # The UTC day, YYYY-MM-DD.
    date: str
    tasks_completed: int
