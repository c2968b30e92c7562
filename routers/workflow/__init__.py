"""``workflow.*``: task types and versioned task templates, one module per concept.

The task types and templates are nested (``workflow.taskType.*``); the contract's other
names are flat (``workflow.getTaskProgressSummary``), so their modules' routers are
merged in beside them.
"""

from __future__ import annotations

from middleware.context import RequestContext
from routers.workflow import progress, task_type, template
from rpc import Router, merge_routers

router: Router[RequestContext] = merge_routers(
    Router({"taskType": task_type.router, "template": template.router}),
    progress.router,
)
