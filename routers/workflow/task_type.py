"""``workflow.taskType.*``: the kinds of step templates are made of."""

from __future__ import annotations

from db.tables.workflow import TaskTypeRow
from middleware.context import RequestContext, SignedInContext
from routers.base import authed, managers
from routers.workflow.examples import DIAGNOSIS_EXAMPLE, TASK_TYPE_EXAMPLE
from rpc import ErrorCode, Example, Router
from schemas.workflow.task_type import CreateTaskTypeInput, TaskType
from services.workflow import task_type as task_type_service
from services.workflow.task_type import TaskTypeRecord


def task_type_of(row: TaskTypeRow | TaskTypeRecord) -> TaskType:
    return TaskType(
        id=row.id,
        name=row.name,
        description=row.description,
        category=row.category,
        estimated_duration_minutes=row.estimated_duration_minutes,
        requires_notes=row.requires_notes,
        requires_photo=row.requires_photo,
        is_active=row.is_active,
        created_at=row.created_at,
    )


@(
    authed.output(list[TaskType])
    .meta(
        summary="The active task types",
        description="Sorted by name, ignoring case.",
        examples=[Example("all", {}, [DIAGNOSIS_EXAMPLE, TASK_TYPE_EXAMPLE])],
    )
    .query
)
def list_task_types(ctx: SignedInContext, _: object) -> list[TaskType]:
    return [task_type_of(row) for row in task_type_service.list_task_types(ctx.unit_of_work())]


@(
    managers.input(CreateTaskTypeInput)
    .output(TaskType)
    .meta(
        summary="Create a task type",
        description=(
            "The name must differ, ignoring case, from every other task type's, active or "
            "not (CONFLICT otherwise). estimated_duration_minutes is a positive whole "
            "number of minutes."
        ),
        errors=[ErrorCode.CONFLICT],
        examples=[
            Example(
                "screen-calibration",
                {
                    "name": "Screen Calibration",
                    "category": "Quality Check",
                    "estimated_duration_minutes": 15,
                    "requires_photo": True,
                },
                TASK_TYPE_EXAMPLE,
            )
        ],
    )
    .mutation
)
def create_task_type(ctx: SignedInContext, params: CreateTaskTypeInput) -> TaskType:
    new = task_type_service.NewTaskType(**params.model_dump())
    row = task_type_service.create_task_type(ctx.unit_of_work(), new, clock=ctx.services.clock)
    return task_type_of(row)


router: Router[RequestContext] = Router({"list": list_task_types, "create": create_task_type})
