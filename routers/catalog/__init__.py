"""``catalog.*``: one sub-router per kind of catalog row (``catalog.brand.list``, ...)."""

from __future__ import annotations

from middleware.context import RequestContext
from routers.catalog import brand, part, product, warehouse
from rpc import Router

router: Router[RequestContext] = Router(
    {
        "brand": brand.router,
        "product": product.router,
        "part": part.router,
        "warehouse": warehouse.router,
    }
)
