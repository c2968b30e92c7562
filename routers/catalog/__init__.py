"""``catalog.*``: the shop's catalog, one sub-router per kind of thing it keeps."""

from __future__ import annotations

from middleware.context import RequestContext
from routers.catalog import part
from rpc import Router

router: Router[RequestContext] = Router({"part": part.router})
