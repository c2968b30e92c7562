"""``tickets.*``: a repair from intake to delivery, one module per concept.

The contract's names are flat (``tickets.createTicket``, ``tickets.addTicketPart``), so
the modules' routers are merged into one namespace rather than nested (a name two
modules define stops the server at start-up).
"""

from __future__ import annotations

from middleware.context import RequestContext
from routers.tickets import (
    analytics,
    attachments,
    comments,
    delivery,
    intake,
    lifecycle,
    parts,
    reading,
)
from rpc import Router, merge_routers

router: Router[RequestContext] = merge_routers(
    intake.router,
    reading.router,
    lifecycle.router,
    parts.router,
    comments.router,
    attachments.router,
    delivery.router,
    analytics.router,
)
