"""``workflow.*``: task types and versioned task templates, one module per concept."""

from __future__ import annotations

from middleware.context import RequestContext
from routers.workflow import task_type, template
from rpc import Router

router: Router[RequestContext] = Router({"taskType": task_type.router, "template": template.router})
