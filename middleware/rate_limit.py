"""Per-procedure rate limits, as middleware after auth and roles.

A signed-in caller is counted by user id, an anonymous one by address; the store is in
memory by default and Redis when ``REDIS_URL`` is set (see ``rate_limit_store``).
"""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext
from rpc import ErrorCode, MiddlewareCall, Next, RpcError


async def enforce_rate_limit(
    call: MiddlewareCall[RequestContext], next_: Next[RequestContext]
) -> Any:
    store = call.ctx.services.rate_limits
    if store is None:
        return await next_(call.ctx)
    rate_limit = call.ctx.services.rate_limit_overrides.get(
        call.procedure.name, call.procedure.rate_limit
    )
    if rate_limit is None:
        return await next_(call.ctx)
    caller = call.ctx.caller
    who = f"user:{caller.user_id}" if caller else f"addr:{call.ctx.client_address}"
    name = call.procedure.name
    # Most calls are covered by a block this process already counted: no await then.
    if not store.take_leased(rate_limit, name, who) and not await store.hit(rate_limit, name, who):
        retry_after = await store.seconds_until_reset(rate_limit, name, who)
        raise RpcError(
            ErrorCode.TOO_MANY_REQUESTS,
            f"Rate limit exceeded: {rate_limit.limit} calls per {rate_limit.window}; "
            f"retry in {retry_after} s",
            extra={
                "retryAfter": retry_after,
                "limit": rate_limit.limit,
                "window": rate_limit.window,
            },
        )
    return await next_(call.ctx)
