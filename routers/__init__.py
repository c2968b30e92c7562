"""The application's routers, one module per namespace, merged into ``app_router``."""

from __future__ import annotations

from middleware.context import RequestContext
from routers import (
    account,
    admin,
    auth,
    catalog,
    customers,
    inventory,
    notifications,
    profile,
    proxy,
    tab,
    tickets,
    workflow,
)
from rpc import Router

app_router: Router[RequestContext] = Router(
    {
        "auth": auth.router,
        "admin": admin.router,
        "profile": profile.router,
        "account": account.router,
        "proxy": proxy.router,
        "tab": tab.router,
        "catalog": catalog.router,
        "customers": customers.router,
        "notifications": notifications.router,
        "workflow": workflow.router,
        "tickets": tickets.router,
        "inventory": inventory.router,
    }
)
