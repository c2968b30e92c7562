"""``workflow.*``: task types and versioned task templates, one module per concept.

Task types and templates are nested (``workflow.taskType.*``); the contract's other
names are flat (``workflow.switchTemplate``), so their modules' routers are merged in
beside them (a name two modules define stops the server at start-up).
"""

from __future__ import annotations

from middleware.context import RequestContext
from routers.workflow import progress, switch_template, task_type, tasks, template
from rpc import Router, merge_routers

router: Router[RequestContext] = merge_routers(
    Router({"taskType": task_type.router, "template": template.router}),
    tasks.router,
    progress.router,
    switch_template.router,
)
