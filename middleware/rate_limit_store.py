"""Where rate-limit counts live: this process's memory, or Redis shared by all workers.

Both count with ``limits``' sliding-window counter: two counters per key, so memory stays
constant whatever the limit (a moving window keeps one timestamp per call: a million
entries for a limit of a million). The in-memory store uses limits' synchronous storage:
its operations are dictionary updates under a lock, cheap enough for the event loop,
while limits' asyncio memory storage hands work to a thread on every call.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import redis.asyncio
from limits import RateLimitItem, parse
from limits.aio.storage import RedisStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter as AsyncSlidingWindow
from limits.storage import MemoryStorage
from limits.strategies import SlidingWindowCounterRateLimiter
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from rpc import RateLimit


@cache
def limit_item(rate_limit: RateLimit) -> RateLimitItem:
    return parse(f"{rate_limit.limit}/{rate_limit.window}")


class RateLimitStore(Protocol):
    async def hit(self, rate_limit: RateLimit, *identifiers: str, cost: int = 1) -> bool:
        """Count ``cost`` calls; False when they would pass the limit (nothing counted)."""
        ...

    async def remaining(self, rate_limit: RateLimit, *identifiers: str) -> int:
        """How many calls the window still allows."""
        ...

    async def seconds_until_reset(self, rate_limit: RateLimit, *identifiers: str) -> int:
        """How long until a call would be allowed again (at least 1)."""
        ...

    async def health(self) -> str:
        """ "ok" when the shared store answers, "memory" for this process's own counts,
        "unreachable" when the shared store does not answer (see ``FailOpenRateLimitStore``)."""
        ...

    async def close(self) -> None: ...


def _seconds_until(reset_time: float) -> int:
    return max(1, math.ceil(reset_time - time.time()))


class InMemoryRateLimitStore:
    def __init__(self) -> None:
        self._limiter = SlidingWindowCounterRateLimiter(MemoryStorage())

    async def hit(self, rate_limit: RateLimit, *identifiers: str, cost: int = 1) -> bool:
        return self._limiter.hit(limit_item(rate_limit), *identifiers, cost=cost)

    async def remaining(self, rate_limit: RateLimit, *identifiers: str) -> int:
        return self._limiter.get_window_stats(limit_item(rate_limit), *identifiers).remaining

    async def seconds_until_reset(self, rate_limit: RateLimit, *identifiers: str) -> int:
        stats = self._limiter.get_window_stats(limit_item(rate_limit), *identifiers)
        return _seconds_until(stats.reset_time)

    async def health(self) -> str:
        return "memory"

    async def close(self) -> None:
        return None


class RedisRateLimitStore:
    """Counts in Redis; every failure to reach it raises ``limits.errors.StorageError``.

    ``timeout_seconds`` bounds connecting and each command: a Redis that is down or
    hung costs a call at most about twice that (one retry, for a connection that went
    stale when Redis restarted), not the minutes of a TCP timeout.
    """

    def __init__(self, redis_url: str, key_prefix: str, *, timeout_seconds: float = 0.25) -> None:
        plain_url = redis_url.removeprefix("async+")
        # Our own pool, so that close() can release its connections: limits does not.
        self._pool = redis.asyncio.ConnectionPool.from_url(
            plain_url,
            socket_connect_timeout=timeout_seconds,
            socket_timeout=timeout_seconds,
            retry=Retry(NoBackoff(), 1),
        )
        self._storage = RedisStorage(
            "async+" + plain_url,
            implementation="redispy",
            key_prefix=key_prefix,
            wrap_exceptions=True,
            connection_pool=self._pool,  # type: ignore[arg-type]  # limits types **options too narrowly
        )
        self._limiter = AsyncSlidingWindow(self._storage)

    async def hit(self, rate_limit: RateLimit, *identifiers: str, cost: int = 1) -> bool:
        return await self._limiter.hit(limit_item(rate_limit), *identifiers, cost=cost)

    async def remaining(self, rate_limit: RateLimit, *identifiers: str) -> int:
        stats = await self._limiter.get_window_stats(limit_item(rate_limit), *identifiers)
        return stats.remaining

    async def seconds_until_reset(self, rate_limit: RateLimit, *identifiers: str) -> int:
        stats = await self._limiter.get_window_stats(limit_item(rate_limit), *identifiers)
        return _seconds_until(stats.reset_time)

    async def health(self) -> str:
        return "ok" if await self._storage.check() else "unreachable"

    async def close(self) -> None:
        await self._pool.aclose()


WINDOW_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


@dataclass(slots=True)
class _Lease:
    rate_limit: RateLimit
    units: int
    expires_at: float


class LeasingRateLimitStore:
    """Counts far-from-the-limit calls in blocks, so most calls touch no shared store.

    While a caller has plenty of quota left, one store operation counts a block of
    calls (``lease``) that this process then hands out locally. The block is at most
    ``LEASE_SHARE`` of what remains, so leasing stops as the limit nears and every call
    is counted exactly there; a block lapses after ``LEASE_LIFETIME`` of the window, and
    its unused units (never more than that share) are simply not given back. With
    Redis this saves a network round trip per call; in memory, limits' bookkeeping.
    """

    LEASE_SHARE = 1000  # a block is at most 1/1000 of the remaining quota
    MAX_LEASE = 1000
    LEASE_LIFETIME = 0.05  # of the window

    def __init__(self, store: RateLimitStore) -> None:
        self._store = store
        # Keyed by the identifiers alone (strings hash once and cache it; a RateLimit
        # hashes through a Python-level __hash__ on every lookup); the lease remembers
        # which limit it was counted against.
        self._leases: dict[tuple[str, ...], _Lease] = {}

    def take_leased(self, rate_limit: RateLimit, *identifiers: str, cost: int = 1) -> bool:
        """Count the calls against a block this process holds; False if none covers them.

        Synchronous and free of I/O, so the common case costs the caller no await.
        """
        lease = self._leases.get(identifiers)
        if (
            lease is None
            or lease.units < cost
            or (lease.rate_limit is not rate_limit and lease.rate_limit != rate_limit)
            or time.monotonic() >= lease.expires_at
        ):
            return False
        lease.units -= cost
        return True

    async def hit(self, rate_limit: RateLimit, *identifiers: str, cost: int = 1) -> bool:
        if self.take_leased(rate_limit, *identifiers, cost=cost):
            return True
        if not await self._store.hit(rate_limit, *identifiers, cost=cost):
            return False
        block = min(
            self.MAX_LEASE,
            await self._store.remaining(rate_limit, *identifiers) // self.LEASE_SHARE,
        )
        if block > 0 and await self._store.hit(rate_limit, *identifiers, cost=block):
            lifetime = WINDOW_SECONDS[rate_limit.window] * self.LEASE_LIFETIME
            self._leases[identifiers] = _Lease(rate_limit, block, time.monotonic() + lifetime)
        else:
            self._leases.pop(identifiers, None)
        return True

    async def remaining(self, rate_limit: RateLimit, *identifiers: str) -> int:
        return await self._store.remaining(rate_limit, *identifiers)

    async def seconds_until_reset(self, rate_limit: RateLimit, *identifiers: str) -> int:
        return await self._store.seconds_until_reset(rate_limit, *identifiers)

    async def health(self) -> str:
        return await self._store.health()

    async def close(self) -> None:
        self._leases.clear()
        await self._store.close()
