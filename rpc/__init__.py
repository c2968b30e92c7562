"""The tRPC-like core: procedures, routers, middleware, errors, transport, OpenRPC.

App-agnostic: nothing here imports the application's folders.
"""

from rpc.correlation import CorrelationIdFilter, current_correlation_id
from rpc.errors import ErrorCode, Issue, RpcError
from rpc.openrpc import build_openrpc, render_openrpc
from rpc.procedure import (
    Access,
    Example,
    Middleware,
    MiddlewareCall,
    Next,
    NoInput,
    Procedure,
    ProcedureBuilder,
    RateLimit,
    SyncRunner,
    in_worker_thread,
)
from rpc.router import Router, RouterDefinitionError, merge_routers
from rpc.server_side_caller import ServerSideCaller, create_caller
from rpc.transport import JsonRpcTransport, TransportLimits

__all__ = [
    "Access",
    "CorrelationIdFilter",
    "ErrorCode",
    "Example",
    "Issue",
    "JsonRpcTransport",
    "Middleware",
    "MiddlewareCall",
    "Next",
    "NoInput",
    "Procedure",
    "ProcedureBuilder",
    "RateLimit",
    "Router",
    "RouterDefinitionError",
    "RpcError",
    "ServerSideCaller",
    "SyncRunner",
    "TransportLimits",
    "build_openrpc",
    "create_caller",
    "current_correlation_id",
    "in_worker_thread",
    "merge_routers",
    "render_openrpc",
]
