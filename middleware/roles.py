"""Role checks, as middleware on the procedure (never ``if`` statements in services)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from middleware.context import RequestContext
from rpc import ErrorCode, Middleware, MiddlewareCall, Next, RpcError


def require_roles(roles: Sequence[str]) -> Middleware[RequestContext]:
    allowed = frozenset(roles)
    listed = ", ".join(roles)

    async def check_role(call: MiddlewareCall[RequestContext], next_: Next[RequestContext]) -> Any:
        caller = call.ctx.signed_in()
        if caller.role not in allowed:
            raise RpcError(
                ErrorCode.FORBIDDEN, f"Insufficient permissions: needs one of the roles {listed}"
            )
        return await next_(call.ctx)

    return check_role
