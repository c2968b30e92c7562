"""The application's OpenRPC document (what ``switchyard openrpc`` prints)."""

from __future__ import annotations

from typing import Any

from routers import app_router
from rpc import Router, build_openrpc
from switchyard import __version__

DESCRIPTION = (
    "JSON-RPC 2.0 over HTTP POST /rpc, params by name, batches allowed. Errors carry "
    "data.code (the tRPC error key), data.httpStatus, data.path and data.correlationId. "
    "Authenticate with 'Authorization: Bearer <accessToken>' from auth.login."
)


def openrpc_document(router: Router[Any] = app_router) -> dict[str, Any]:
    return build_openrpc(router, title="Switchyard", version=__version__, description=DESCRIPTION)
