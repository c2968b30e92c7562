"""Per-procedure rate limits with the ``limits`` package.

Storage is in memory by default and Redis when ``REDIS_URL`` is set, so a limit holds
across workers. A signed-in caller is counted by user id, an anonymous one by address.
"""

from __future__ import annotations

import math
import time
from functools import cache
from typing import Any

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter, RateLimiter

from middleware.context import RequestContext
from rpc import ErrorCode, MiddlewareCall, Next, RateLimit, RpcError


def make_rate_limiter(redis_url: str | None, key_prefix: str) -> RateLimiter:
    if redis_url is None:
        return MovingWindowRateLimiter(MemoryStorage())
    uri = "async+" + redis_url if not redis_url.startswith("async+") else redis_url
    storage = RedisStorage(uri, implementation="redispy", key_prefix=key_prefix)
    return MovingWindowRateLimiter(storage)


@cache
def _limit_item(rate_limit: RateLimit) -> RateLimitItem:
    return parse(f"{rate_limit.limit}/{rate_limit.window}")


async def enforce_rate_limit(
    call: MiddlewareCall[RequestContext], next_: Next[RequestContext]
) -> Any:
    rate_limit = call.procedure.rate_limit
    limiter = call.ctx.services.rate_limiter
    if rate_limit is None or limiter is None:
        return await next_(call.ctx)
    item = _limit_item(rate_limit)
    caller = call.ctx.caller
    who = f"user:{caller.user_id}" if caller else f"addr:{call.ctx.client_address}"
    if not await limiter.hit(item, call.procedure.name, who):
        stats = await limiter.get_window_stats(item, call.procedure.name, who)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
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
