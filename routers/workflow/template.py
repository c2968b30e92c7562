"""``workflow.template.*``: versioned task templates, each with its ordered tasks."""

from __future__ import annotations

from typing import cast

from middleware.context import RequestContext, SignedInContext
from routers.base import authed, managers
from routers.workflow.examples import (
    PREVIOUS_TEMPLATE_ID,
    PRODUCT_ID,
    TEMPLATE_EXAMPLE,
    TEMPLATE_ID,
    TEMPLATE_TASKS_INPUT,
)
from routers.workflow.task_type import task_type_of
from rpc import ErrorCode, Example, Router
from schemas.workflow.template import (
    CreateTemplateInput,
    DeleteTemplateInput,
    DeleteTemplateResult,
    GetTemplateInput,
    ListTemplatesInput,
    RevisedTemplateTaskInput,
    ServiceType,
    Template,
    TemplateProduct,
    TemplateTask,
    TemplateTaskInput,
    UpdateTemplateInput,
)
from services.workflow import template as template_service
from services.workflow.template import TemplateFilter, TemplateTree

TASKS_RULES = (
    "tasks: at least one; each sequence_order at most once (BAD_REQUEST names the "
    "duplicates); each task_type_id an active task type (NOT_FOUND names the missing "
    "ones). product_type, if given, must be a product model (NOT_FOUND). The name must "
    "differ, ignoring case, from every other active template's (CONFLICT)."
)


def template_of(tree: TemplateTree) -> Template:
    template = tree.template
    product = tree.product
    return Template(
        id=template.id,
        name=template.name,
        description=template.description,
        product_type=template.product_type,
        # One of the three: the column's CHECK constraint (and pydantic here) hold it.
        service_type=cast(ServiceType, template.service_type),
        enforce_sequence=template.enforce_sequence,
        is_active=template.is_active,
        version=template.version,
        previous_version_id=template.previous_version_id,
        created_at=template.created_at,
        product=None
        if product is None
        else TemplateProduct(id=product.id, name=product.name, sku=product.sku),
        tasks=[
            TemplateTask(
                id=step.task.id,
                sequence_order=step.task.sequence_order,
                is_required=step.task.is_required,
                custom_instructions=step.task.custom_instructions,
                task_type=task_type_of(step.task_type),
            )
            for step in tree.steps
        ],
    )


def draft_of(
    params: CreateTemplateInput | UpdateTemplateInput,
) -> template_service.TemplateDraft:
    tasks: list[TemplateTaskInput] | list[RevisedTemplateTaskInput] = params.tasks
    return template_service.TemplateDraft(
        name=params.name,
        description=params.description,
        product_type=params.product_type,
        service_type=params.service_type,
        enforce_sequence=params.enforce_sequence,
        tasks=tuple(
            template_service.TemplateStepDraft(
                task_type_id=task.task_type_id,
                sequence_order=task.sequence_order,
                is_required=task.is_required,
                custom_instructions=task.custom_instructions,
            )
            for task in tasks
        ),
    )


@(
    authed.input(ListTemplatesInput)
    .output(list[Template])
    .meta(
        summary="Templates, with their products and tasks",
        description=(
            "Every version, unless is_active keeps only the active (or the inactive) "
            "ones; product_type and service_type keep the templates for that product "
            "model or kind of service. Sorted by name ignoring case, then newest version "
            "first; tasks in sequence order. Not paged."
        ),
        examples=[
            Example("warranty", {"service_type": "warranty", "is_active": True}, [TEMPLATE_EXAMPLE])
        ],
    )
    .query
)
def list_templates(ctx: SignedInContext, params: ListTemplatesInput) -> list[Template]:
    kept = TemplateFilter(
        product_type=params.product_type,
        service_type=params.service_type,
        is_active=params.is_active,
    )
    trees = template_service.list_templates(ctx.unit_of_work(), kept)
    return [template_of(tree) for tree in trees]


@(
    authed.input(GetTemplateInput)
    .output(Template)
    .meta(
        summary="One template version, with its tasks in sequence order",
        description="Any version, active or not (an old one stays readable).",
        errors=[ErrorCode.NOT_FOUND],
        examples=[Example("by-id", {"template_id": TEMPLATE_ID}, TEMPLATE_EXAMPLE)],
    )
    .query
)
def get_template(ctx: SignedInContext, params: GetTemplateInput) -> Template:
    return template_of(template_service.get_template(ctx.unit_of_work(), params.template_id))


@(
    managers.input(CreateTemplateInput)
    .output(Template)
    .meta(
        summary="Create a template (its version 1)",
        description=TASKS_RULES,
        errors=[ErrorCode.BAD_REQUEST, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "phone-repair",
                {
                    "name": "Standard Phone Repair",
                    "product_type": PRODUCT_ID,
                    "service_type": "warranty",
                    "enforce_sequence": True,
                    "tasks": TEMPLATE_TASKS_INPUT,
                },
                TEMPLATE_EXAMPLE,
            )
        ],
    )
    .mutation
)
def create_template(ctx: SignedInContext, params: CreateTemplateInput) -> Template:
    tree = template_service.create_template(
        ctx.unit_of_work(),
        ctx.caller,
        draft_of(params),
        is_active=params.is_active,
        clock=ctx.services.clock,
    )
    return template_of(tree)


@(
    managers.input(UpdateTemplateInput)
    .output(Template)
    .meta(
        summary="Update a template: make its next version",
        description=(
            "The version template_id is deactivated and a new active one made of what is "
            "sent (version + 1, previous_version_id = template_id), in one transaction; "
            "fields left out are empty in the new version. Only the active version can be "
            "updated: an inactive one (already updated or deleted) is CONFLICT, so of two "
            "concurrent updates one succeeds and the other is CONFLICT. " + TASKS_RULES
        ),
        errors=[ErrorCode.BAD_REQUEST, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "second-version",
                {
                    "template_id": PREVIOUS_TEMPLATE_ID,
                    "name": "Standard Phone Repair",
                    "product_type": PRODUCT_ID,
                    "service_type": "warranty",
                    "enforce_sequence": True,
                    "tasks": TEMPLATE_TASKS_INPUT,
                },
                {**TEMPLATE_EXAMPLE, "version": 2, "previous_version_id": PREVIOUS_TEMPLATE_ID},
            )
        ],
    )
    .mutation
)
def update_template(ctx: SignedInContext, params: UpdateTemplateInput) -> Template:
    tree = template_service.update_template(
        ctx.unit_of_work(),
        ctx.caller,
        params.template_id,
        draft_of(params),
        clock=ctx.services.clock,
    )
    return template_of(tree)


@(
    managers.input(DeleteTemplateInput)
    .output(DeleteTemplateResult)
    .meta(
        summary="Deactivate a template version, or delete it",
        description=(
            "soft_delete (true by default) deactivates the version; false deletes it with "
            "its tasks, which is refused (CONFLICT) once any ticket used it or a later "
            "version was made from it. Either is CONFLICT while tickets that are pending "
            "or in progress use it."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "deactivate", {"template_id": TEMPLATE_ID}, {"success": True, "soft_deleted": True}
            ),
            Example(
                "delete",
                {"template_id": TEMPLATE_ID, "soft_delete": False},
                {"success": True, "soft_deleted": False},
            ),
        ],
    )
    .mutation
)
def delete_template(ctx: SignedInContext, params: DeleteTemplateInput) -> DeleteTemplateResult:
    template_service.delete_template(
        ctx.unit_of_work(), params.template_id, soft=params.soft_delete, clock=ctx.services.clock
    )
    return DeleteTemplateResult(success=True, soft_deleted=params.soft_delete)


router: Router[RequestContext] = Router(
    {
        "list": list_templates,
        "getById": get_template,
        "create": create_template,
        "update": update_template,
        "delete": delete_template,
    }
)
