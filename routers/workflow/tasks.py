"""``workflow.myTasks``, ``updateTaskStatus``, ``addTaskNotes``, ``completeTask`` and
``getTaskDependencies``: a technician's day on a ticket's tasks (every signed-in role
may call them, as the contract's "Roles: All"; a task is changed only by its assignee
or a manager/admin, which the service checks: FORBIDDEN otherwise)."""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.samples import SERVICE_TICKET_ID, TECHNICIAN_ID, UPDATED_AT
from routers.workflow.examples import (
    DIAGNOSIS_EXAMPLE,
    SECOND_TASK_TYPE_ID,
    TASK_TYPE_EXAMPLE,
    TASK_TYPE_ID,
    TEMPLATE_TASK_IDS,
)
from rpc import ErrorCode, Example, Router
from schemas.workflow.task_type import TaskType
from schemas.workflow.tasks import (
    AddTaskNotesInput,
    CompleteTaskInput,
    MyTask,
    TaskDependencies,
    TaskIdInput,
    TaskNotesResult,
    TaskPrerequisite,
    UpdateTaskStatusInput,
    WorkflowTask,
)
from services.workflow import tasks as tasks_service
from services.workflow.tasks import MyTaskView, TicketTaskView

DIAGNOSIS_TASK_ID, CALIBRATION_TASK_ID = TEMPLATE_TASK_IDS
TICKET_ID = SERVICE_TICKET_ID
DIAGNOSIS_NOTE = "[2026-11-20 16:40:12 UTC] Terry Technician: Board shows liquid damage"

DIAGNOSIS_TASK: dict[str, Any] = {
    "id": DIAGNOSIS_TASK_ID,
    "ticket_id": TICKET_ID,
    "task_type_id": SECOND_TASK_TYPE_ID,
    "name": "Diagnosis",
    "status": "completed",
    "sequence_order": 1,
    "is_required": True,
    "assigned_to_id": TECHNICIAN_ID,
    "started_at": UPDATED_AT,
    "completed_at": UPDATED_AT,
    "completed_by_id": TECHNICIAN_ID,
    "notes": DIAGNOSIS_NOTE,
    "updated_at": UPDATED_AT,
    "task_type": DIAGNOSIS_EXAMPLE,
}
CALIBRATION_TASK: dict[str, Any] = {
    **DIAGNOSIS_TASK,
    "id": CALIBRATION_TASK_ID,
    "task_type_id": TASK_TYPE_ID,
    "name": "Screen Calibration",
    "status": "in_progress",
    "sequence_order": 2,
    "is_required": False,
    "completed_at": None,
    "completed_by_id": None,
    "notes": None,
    "task_type": TASK_TYPE_EXAMPLE,
}
EXAMPLE_TICKET: dict[str, Any] = {
    "id": TICKET_ID,
    "ticket_number": "SV-2026-042",
    "status": "in_progress",
    "customer": {"name": "Casey Customer", "phone": "+1 555 010 2030"},
}

TASK_ERRORS = [
    ErrorCode.NOT_FOUND,
    ErrorCode.FORBIDDEN,
    ErrorCode.PRECONDITION_FAILED,
]


def task_of(view: TicketTaskView) -> WorkflowTask:
    return WorkflowTask.model_validate(
        {**view.task._asdict(), "task_type": TaskType.model_validate(view.task_type._asdict())}
    )


def my_task_of(view: MyTaskView) -> MyTask:
    task = view.task
    return MyTask.model_validate(
        {
            **task._asdict(),
            "task_type": TaskType.model_validate(view.task_type._asdict()),
            "ticket": {
                "id": task.ticket_id,
                "ticket_number": view.ticket_number,
                "status": view.ticket_status,
                "customer": {"name": view.customer_name, "phone": view.customer_phone},
            },
        }
    )


@(
    authed.output(list[MyTask])
    .meta(
        summary="The caller's tasks",
        description=(
            "Every task assigned to the caller, each with its task_type and its ticket "
            "{id, ticket_number, status, customer {name, phone}}: the unfinished ones "
            "(pending, in_progress, blocked) first, then completed and skipped ones; "
            "within each, by their ticket (oldest first) and sequence order. Read in "
            "one query whatever their number. Takes no params."
        ),
        examples=[
            Example(
                "day",
                {},
                [
                    {**CALIBRATION_TASK, "ticket": EXAMPLE_TICKET},
                    {**DIAGNOSIS_TASK, "ticket": EXAMPLE_TICKET},
                ],
            )
        ],
    )
    .query
)
def my_tasks(ctx: SignedInContext, _: object) -> list[MyTask]:
    return [my_task_of(view) for view in tasks_service.my_tasks(ctx.unit_of_work(), ctx.caller)]


@(
    authed.input(UpdateTaskStatusInput)
    .output(WorkflowTask)
    .meta(
        summary="Move a task to another status",
        description=(
            "Only the technician the task is assigned to, or a manager or admin, may "
            "(FORBIDDEN otherwise); a task of a completed or cancelled ticket does not "
            "change (PRECONDITION_FAILED). Allowed moves: pending -> in_progress, "
            "completed, blocked, skipped; in_progress -> pending, completed, blocked, "
            "skipped; blocked -> pending, in_progress, skipped; skipped -> pending, "
            "in_progress; completed is final (PRECONDITION_FAILED; completing it again "
            "is CONFLICT). The same status again changes nothing. in_progress sets "
            "started_at the first time. completed sets completed_at and "
            "completed_by_id, follows completeTask's rules (with the template enforcing "
            "sequence, the earlier required tasks must be completed or skipped: "
            "PRECONDITION_FAILED naming them) and is PRECONDITION_FAILED for a task type "
            "that requires notes (use completeTask). Answers the task."
        ),
        errors=[*TASK_ERRORS, ErrorCode.CONFLICT],
        examples=[
            Example(
                "start",
                {"task_id": CALIBRATION_TASK_ID, "status": "in_progress"},
                CALIBRATION_TASK,
            )
        ],
    )
    .mutation
)
def update_task_status(ctx: SignedInContext, params: UpdateTaskStatusInput) -> WorkflowTask:
    view = tasks_service.update_task_status(
        ctx.unit_of_work(), ctx.caller, params.task_id, params.status, clock=ctx.services.clock
    )
    return task_of(view)


@(
    authed.input(AddTaskNotesInput)
    .output(TaskNotesResult)
    .meta(
        summary="Add a note to a task",
        description=(
            "Appends a line '[YYYY-MM-DD HH:MM:SS UTC] <caller's full name>: <notes>' "
            "to the task's notes (notes: 1-2000 characters after trimming). The same "
            "callers as updateTaskStatus (FORBIDDEN otherwise); a task of a completed or "
            "cancelled ticket, or notes that would grow past 2000 characters, is "
            "PRECONDITION_FAILED. Answers {success, notes}, notes being all of them."
        ),
        errors=TASK_ERRORS,
        examples=[
            Example(
                "note",
                {"task_id": DIAGNOSIS_TASK_ID, "notes": "Board shows liquid damage"},
                {"success": True, "notes": DIAGNOSIS_NOTE},
            )
        ],
    )
    .mutation
)
def add_task_notes(ctx: SignedInContext, params: AddTaskNotesInput) -> TaskNotesResult:
    answer = tasks_service.add_task_notes(
        ctx.unit_of_work(), ctx.caller, params.task_id, params.notes, clock=ctx.services.clock
    )
    return TaskNotesResult(success=True, notes=answer.notes)


@(
    authed.input(CompleteTaskInput)
    .output(WorkflowTask)
    .meta(
        summary="Complete a task, with notes",
        description=(
            "completion_notes: 5-2000 characters after trimming, appended to the task's "
            "notes as addTaskNotes does. Sets status completed, completed_at and "
            "completed_by_id (the caller). The same callers as updateTaskStatus "
            "(FORBIDDEN otherwise); a task of a completed or cancelled ticket, a blocked "
            "task (unblock it first) or, with the ticket's template enforcing sequence, "
            "earlier required tasks neither completed nor skipped (named) are "
            "PRECONDITION_FAILED; a completed task is CONFLICT."
        ),
        errors=[*TASK_ERRORS, ErrorCode.CONFLICT],
        examples=[
            Example(
                "complete",
                {"task_id": DIAGNOSIS_TASK_ID, "completion_notes": "Board shows liquid damage"},
                DIAGNOSIS_TASK,
            )
        ],
    )
    .mutation
)
def complete_task(ctx: SignedInContext, params: CompleteTaskInput) -> WorkflowTask:
    view = tasks_service.complete_task(
        ctx.unit_of_work(),
        ctx.caller,
        params.task_id,
        params.completion_notes,
        clock=ctx.services.clock,
    )
    return task_of(view)


@(
    authed.input(TaskIdInput)
    .output(TaskDependencies)
    .meta(
        summary="The tasks before a task",
        description=(
            "prerequisites: every task of the same ticket with a lower sequence_order "
            "(required or not), in order, each with its task_type; enforce_sequence: "
            "whether the ticket's template makes a task wait for them (false without a "
            "template); incomplete_count: how many of the required ones are neither "
            "completed nor skipped. An unknown task: NOT_FOUND."
        ),
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "second",
                {"task_id": CALIBRATION_TASK_ID},
                {
                    "prerequisites": [
                        {
                            "id": DIAGNOSIS_TASK_ID,
                            "name": "Diagnosis",
                            "sequence_order": 1,
                            "status": "in_progress",
                            "is_required": True,
                            "task_type": DIAGNOSIS_EXAMPLE,
                        }
                    ],
                    "enforce_sequence": True,
                    "incomplete_count": 1,
                },
            )
        ],
    )
    .query
)
def get_task_dependencies(ctx: SignedInContext, params: TaskIdInput) -> TaskDependencies:
    found = tasks_service.task_dependencies(ctx.unit_of_work(), params.task_id)
    return TaskDependencies(
        prerequisites=[
            TaskPrerequisite.model_validate(
                {
                    **view.task._asdict(),
                    "task_type": TaskType.model_validate(view.task_type._asdict()),
                }
            )
            for view in found.prerequisites
        ],
        enforce_sequence=found.enforce_sequence,
        incomplete_count=found.incomplete_count,
    )


router: Router[RequestContext] = Router(
    {
        "myTasks": my_tasks,
        "updateTaskStatus": update_task_status,
        "addTaskNotes": add_task_notes,
        "completeTask": complete_task,
        "getTaskDependencies": get_task_dependencies,
    }
)
