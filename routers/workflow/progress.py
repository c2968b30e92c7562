"""The progress dashboard: ``workflow.getTaskProgressSummary``,
``getTicketsWithBlockedTasks``, ``getTechnicianWorkload`` and
``getTaskCompletionTimeline``. Every signed-in role may read them (the contract's
Roles: All)."""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.samples import SERVICE_TICKET_ID as TICKET_ID
from routers.samples import USER_ID as TECHNICIAN_ID
from rpc import ErrorCode, Example, Router
from schemas.workflow.progress import (
    DayTaskCompletions,
    TaskCompletionTimelineInput,
    TaskProgressSummary,
    TechnicianWorkload,
    TechnicianWorkloadInput,
    TicketWithBlockedTasks,
)
from services.workflow import progress


@(
    authed.output(TaskProgressSummary)
    .meta(
        summary="How tickets' tasks stand overall",
        description=(
            "Every ticket's tasks counted by status (skipped ones count in total_tasks "
            "only), and completion_rate: tasks_completed / total_tasks as a percentage "
            "with one decimal (rounded half up), 0 when there are no tasks."
        ),
        examples=[
            Example(
                "some-done",
                {},
                {
                    "total_tasks": 12,
                    "tasks_pending": 5,
                    "tasks_in_progress": 2,
                    "tasks_completed": 4,
                    "tasks_blocked": 1,
                    "completion_rate": 33.3,
                },
            )
        ],
    )
    .query
)
def get_task_progress_summary(ctx: SignedInContext, _: object) -> TaskProgressSummary:
    summary = progress.progress_summary(ctx.unit_of_work())
    return TaskProgressSummary(
        total_tasks=summary.total_tasks,
        tasks_pending=summary.tasks_pending,
        tasks_in_progress=summary.tasks_in_progress,
        tasks_completed=summary.tasks_completed,
        tasks_blocked=summary.tasks_blocked,
        completion_rate=summary.completion_rate,
    )


@(
    authed.output(list[TicketWithBlockedTasks])
    .meta(
        summary="Tickets held up by blocked tasks",
        description=(
            "Every ticket (whatever its status) with at least one blocked task: its id, "
            "number, status, priority and customer's name, and how many of its tasks "
            "are blocked; the most blocked first, then by ticket number."
        ),
        examples=[
            Example(
                "one",
                {},
                [
                    {
                        "ticket_id": TICKET_ID,
                        "ticket_number": "SV-2026-042",
                        "blocked_tasks_count": 2,
                        "status": "in_progress",
                        "priority_level": "high",
                        "customer_name": "Jane Doe",
                    }
                ],
            )
        ],
    )
    .query
)
def get_tickets_with_blocked_tasks(ctx: SignedInContext, _: object) -> list[TicketWithBlockedTasks]:
    return [
        TicketWithBlockedTasks(
            ticket_id=ticket.ticket_id,
            ticket_number=ticket.ticket_number,
            blocked_tasks_count=ticket.blocked_tasks_count,
            status=ticket.status,
            priority_level=ticket.priority_level,
            customer_name=ticket.customer_name,
        )
        for ticket in progress.tickets_with_blocked_tasks(ctx.unit_of_work())
    ]


@(
    authed.input(TechnicianWorkloadInput)
    .output(list[TechnicianWorkload])
    .meta(
        summary="Tasks assigned per technician, by status",
        description=(
            "Without technicianId: every active technician (with zeros when nothing is "
            "assigned) and anyone else who has tasks assigned, by name; params may be "
            "left out altogether. With technicianId: that one user's counts, whatever "
            "their role; NOT_FOUND when no user has that id."
        ),
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "one-technician",
                {"technicianId": TECHNICIAN_ID},
                [
                    {
                        "technician_id": TECHNICIAN_ID,
                        "technician_name": "Sam Tech",
                        "tasks_pending": 3,
                        "tasks_in_progress": 1,
                        "tasks_completed": 8,
                        "tasks_blocked": 0,
                    }
                ],
            )
        ],
    )
    .query
)
def get_technician_workload(
    ctx: SignedInContext, params: TechnicianWorkloadInput
) -> list[TechnicianWorkload]:
    loads = progress.technician_workload(ctx.unit_of_work(), params.technician_id)
    return [
        TechnicianWorkload(
            technician_id=load.technician_id,
            technician_name=load.technician_name,
            tasks_pending=load.pending,
            tasks_in_progress=load.in_progress,
            tasks_completed=load.completed,
            tasks_blocked=load.blocked,
        )
        for load in loads
    ]


@(
    authed.input(TaskCompletionTimelineInput)
    .output(list[DayTaskCompletions])
    .meta(
        summary="Tasks completed per day",
        description=(
            "How many tasks were completed (by completed_at) on each UTC day of the last "
            "daysBack days (1-90, 7 by default; params may be left out altogether), "
            "today (by the server's clock) included: [{date: YYYY-MM-DD, "
            "tasks_completed}], oldest first, with 0 on days without any."
        ),
        examples=[
            Example(
                "three-days",
                {"daysBack": 3},
                [
                    {"date": "2026-11-18", "tasks_completed": 4},
                    {"date": "2026-11-19", "tasks_completed": 0},
                    {"date": "2026-11-20", "tasks_completed": 6},
                ],
            )
        ],
    )
    .query
)
def get_task_completion_timeline(
    ctx: SignedInContext, params: TaskCompletionTimelineInput
) -> list[DayTaskCompletions]:
    days = progress.completion_timeline(
        ctx.unit_of_work(), days_back=params.days_back, clock=ctx.services.clock
    )
    return [DayTaskCompletions(date=day.date, tasks_completed=day.tasks_completed) for day in days]


router: Router[RequestContext] = Router(
    {
        "getTaskProgressSummary": get_task_progress_summary,
        "getTicketsWithBlockedTasks": get_tickets_with_blocked_tasks,
        "getTechnicianWorkload": get_technician_workload,
        "getTaskCompletionTimeline": get_task_completion_timeline,
    }
)
