"""``workflow.*``: task types and versioned task templates, one module per concept."""

from __future__ import annotations

from middleware.context import RequestContext
from routers.workflow import task_type, tasks, template
from rpc import Router, merge_routers

# The nested taskType.* and template.* routers, and the contract's flat names
# (workflow.myTasks, ...) merged beside them.
router: Router[RequestContext] = merge_routers(
    Router({"taskType": task_type.router, "template": template.router}),
    tasks.router,
)
