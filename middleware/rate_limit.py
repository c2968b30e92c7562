"""Per-procedure rate limits, counted after the access check.

A signed-in caller is counted by user id, an anonymous one by address; the store is in
memory by default and Redis when ``REDIS_URL`` is set (see ``rate_limit_store``),
counting in memory while Redis does not answer (``rate_limit_fallback``).
"""

from __future__ import annotations

from collections.abc import Awaitable

from middleware.context import RequestContext
from middleware.rate_limit_store import LeasingRateLimitStore
from rpc import ErrorCode, Procedure, RateLimit, RpcError


def count_call(procedure: Procedure[RequestContext], ctx: RequestContext) -> Awaitable[None] | None:
    """Count one call of ``procedure``: None when that needed no I/O, else an awaitable.

    Most calls have no limit or are covered by a block this process already counted,
    and cost no await; the others must ask the store, and the awaitable raises
    TOO_MANY_REQUESTS when the limit is reached.
    """
    store = ctx.services.rate_limits
    name = procedure.name
    rate_limit = ctx.services.rate_limit_overrides.get(name, procedure.rate_limit)
    if store is None or rate_limit is None:
        return None
    caller = ctx.caller
    who = f"user:{caller.user_id}" if caller else f"addr:{ctx.client_address}"
    if store.take_leased(rate_limit, name, who):
        return None
    return _count_in_store(store, rate_limit, name, who)


async def _count_in_store(
    store: LeasingRateLimitStore, rate_limit: RateLimit, name: str, who: str
) -> None:
    if await store.hit(rate_limit, name, who):
        return
    retry_after = await store.seconds_until_reset(rate_limit, name, who)
    raise RpcError(
        ErrorCode.TOO_MANY_REQUESTS,
        f"Rate limit exceeded: {rate_limit.limit} calls per {rate_limit.window}; "
        f"retry in {retry_after} s",
        extra={"retryAfter": retry_after, "limit": rate_limit.limit, "window": rate_limit.window},
    )
