"""``workflow.switchTemplate``: change a ticket's template mid-service, keeping the work
already done."""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import with_roles
from routers.samples import SERVICE_TICKET_ID
from routers.workflow.examples import PREVIOUS_TEMPLATE_ID
from rpc import ErrorCode, Example, Router
from schemas.workflow.switch_template import (
    SwitchSummary,
    SwitchTemplateInput,
    SwitchTemplateResult,
)
from services.workflow import switch_template as switch_service

# The people who do and run the repairs; reception books tickets but does not re-plan
# their work.
switchers = with_roles("technician", "manager", "admin")


@(
    switchers.input(SwitchTemplateInput)
    .output(SwitchTemplateResult)
    .meta(
        summary="Switch a ticket's task template mid-service",
        description=(
            "For a pending or in_progress ticket, to an active template other than its "
            "current one, while some task is not completed (PRECONDITION_FAILED naming "
            "the rule otherwise; NOT_FOUND for an unknown ticket or template). Completed "
            "and in-progress tasks are kept; pending, blocked and skipped tasks whose "
            "task type the new template lacks are removed; the new template's steps "
            "whose task type the ticket lacks are added (pending). Tasks are "
            "re-sequenced 1..n: the kept ones first in their order, then the added ones "
            "in the template's. The ticket records the new template, and a "
            "ticket_template_changes row keeps who, when, the reason (10+ characters), "
            "both templates and the summary. One transaction. Technicians, managers "
            "and admins only."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED],
        examples=[
            Example(
                "keeps-work-done",
                {
                    "ticket_id": SERVICE_TICKET_ID,
                    "new_template_id": PREVIOUS_TEMPLATE_ID,
                    "reason": "Customer approved a board-level repair instead",
                },
                {
                    "success": True,
                    "summary": {
                        "tasks_preserved": 2,
                        "tasks_removed": 1,
                        "tasks_added": 2,
                        "total_tasks": 4,
                    },
                },
            )
        ],
    )
    .mutation
)
def switch_template(ctx: SignedInContext, params: SwitchTemplateInput) -> SwitchTemplateResult:
    summary = switch_service.switch_template(
        ctx.unit_of_work(),
        ctx.caller,
        params.ticket_id,
        new_template_id=params.new_template_id,
        reason=params.reason,
        clock=ctx.services.clock,
    )
    return SwitchTemplateResult(
        success=True,
        summary=SwitchSummary(
            tasks_preserved=summary.tasks_preserved,
            tasks_removed=summary.tasks_removed,
            tasks_added=summary.tasks_added,
            total_tasks=summary.total_tasks,
        ),
    )


router: Router[RequestContext] = Router({"switchTemplate": switch_template})
