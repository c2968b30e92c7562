"""``inventory.*``: serial-numbered units, their movements, stock levels and RMA
batches, one module per concept.

The contract's names are flat (``inventory.createProduct``, ``inventory.addProductsToRMA``),
so the modules' routers are merged into one namespace rather than nested (a name two
modules define stops the server at start-up).
"""

from __future__ import annotations

from middleware.context import RequestContext
from routers.inventory import assignment, bulk_import, movements, rma, stock, units
from rpc import Router, merge_routers

router: Router[RequestContext] = merge_routers(
    units.router,
    bulk_import.router,
    movements.router,
    assignment.router,
    stock.router,
    rma.router,
)
