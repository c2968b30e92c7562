"""Per-procedure rate limits with the ``limits`` package.

Storage is in memory by default and Redis when ``REDIS_URL`` is set, so a limit holds
across workers. A signed-in caller is counted by user id, an anonymous one by address.
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import redis.asyncio
from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter, RateLimiter

from rpc import ErrorCode, MiddlewareCall, Next, RateLimit, RpcError

if TYPE_CHECKING:
    # The context holds the limiter, so this module is imported by it: type-only here.
    from middleware.context import RequestContext


@dataclass(frozen=True, slots=True)
class RateLimiting:
    """A limiter and how to release what it holds (Redis connections) at shutdown."""

    limiter: RateLimiter
    close: Callable[[], Awaitable[None]]
    # Per procedure name, from the settings: replaces the limit the procedure declares.
    overrides: Mapping[str, RateLimit] = field(default_factory=dict)


async def _nothing_to_close() -> None:
    return None


def make_rate_limiting(
    redis_url: str | None, key_prefix: str, overrides: Mapping[str, RateLimit] | None = None
) -> RateLimiting:
    overrides = dict(overrides or {})
    if redis_url is None:
        return RateLimiting(MovingWindowRateLimiter(MemoryStorage()), _nothing_to_close, overrides)
    # Our own pool, so that shutdown can close its connections: limits does not.
    plain_url = redis_url.removeprefix("async+")
    pool = redis.asyncio.ConnectionPool.from_url(plain_url)
    uri = "async+" + plain_url
    storage = RedisStorage(
        uri,
        implementation="redispy",
        key_prefix=key_prefix,
        connection_pool=pool,  # type: ignore[arg-type]  # limits types **options too narrowly
    )
    return RateLimiting(MovingWindowRateLimiter(storage), pool.aclose, overrides)


@cache
def limit_item(rate_limit: RateLimit) -> RateLimitItem:
    return parse(f"{rate_limit.limit}/{rate_limit.window}")


async def enforce_rate_limit(
    call: MiddlewareCall[RequestContext], next_: Next[RequestContext]
) -> Any:
    rate_limiting = call.ctx.services.rate_limiting
    if rate_limiting is None:
        return await next_(call.ctx)
    rate_limit = rate_limiting.overrides.get(call.procedure.name, call.procedure.rate_limit)
    if rate_limit is None:
        return await next_(call.ctx)
    limiter = rate_limiting.limiter
    item = limit_item(rate_limit)
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
