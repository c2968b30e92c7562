"""Per-procedure rate limits, as middleware after auth and roles.

A signed-in caller is counted by user id, an anonymous one by address; the store is in
memory by default and Redis when ``REDIS_URL`` is set (see ``rate_limit_store``).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from middleware.context import RequestContext
from middleware.rate_limit_store import LeasingRateLimitStore
from rpc import ErrorCode, MiddlewareCall, Next, RateLimit, RpcError


# A plain function, not a coroutine: the common case (no limit, or a call covered by a
# block this process already counted) hands back next's awaitable with no frame of its
# own; only a call that must reach the store goes through the coroutine below.
def enforce_rate_limit(
    call: MiddlewareCall[RequestContext], next_: Next[RequestContext]
) -> Awaitable[Any]:
    ctx = call.ctx
    store = ctx.services.rate_limits
    name = call.procedure.name
    rate_limit = ctx.services.rate_limit_overrides.get(name, call.procedure.rate_limit)
    if store is None or rate_limit is None:
        return next_(ctx)
    caller = ctx.caller
    who = f"user:{caller.user_id}" if caller else f"addr:{ctx.client_address}"
    if store.take_leased(rate_limit, name, who):
        return next_(ctx)
    return _count_then_call(store, rate_limit, name, who, ctx, next_)


async def _count_then_call(
    store: LeasingRateLimitStore,
    rate_limit: RateLimit,
    name: str,
    who: str,
    ctx: RequestContext,
    next_: Next[RequestContext],
) -> Any:
    if not await store.hit(rate_limit, name, who):
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
    return await next_(ctx)
