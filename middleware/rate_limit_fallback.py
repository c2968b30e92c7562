"""While the shared rate-limit store is down, count in this process instead (fail open).

The policy, and why: rate limits protect the service from abuse; they are not what it
is for. Refusing every rate-limited call while Redis is down (fail closed) would turn a
cache outage into a full outage of sign-in and of every limited procedure; answering
INTERNAL after a long timeout, as before, was that and slow too. So each worker falls
back to its own in-memory sliding window with the same limits: still a limit per
caller, only per worker rather than shared (with N workers, up to N times the limit).

A circuit breaker keeps the outage cheap: after a failure, calls go straight to memory
for ``retry_seconds``; then one call tries the shared store again, and the others keep
counting in memory until it answers. The outage is logged once when it starts and once
when it ends, never per call. Counts made in memory are not carried over to Redis.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from limits.errors import StorageError

from middleware.rate_limit_store import InMemoryRateLimitStore, RateLimitStore
from rpc import RateLimit

ResultT = TypeVar("ResultT")

logger = logging.getLogger("switchyard.rate_limits")

# What a store that cannot be reached raises (the Redis store wraps its errors in
# StorageError); anything else is a bug and propagates.
UNREACHABLE = (StorageError, OSError, TimeoutError)


class FailOpenRateLimitStore:
    def __init__(
        self,
        shared: RateLimitStore,
        *,
        retry_seconds: float = 5.0,
        fallback: RateLimitStore | None = None,
    ) -> None:
        self._shared = shared
        self._fallback = fallback or InMemoryRateLimitStore()
        self._retry_seconds = retry_seconds
        self._retry_at: float | None = None  # set while the shared store is down
        self._probing = False

    async def hit(self, rate_limit: RateLimit, *identifiers: str, cost: int = 1) -> bool:
        return await self._count(lambda store: store.hit(rate_limit, *identifiers, cost=cost))

    async def remaining(self, rate_limit: RateLimit, *identifiers: str) -> int:
        return await self._count(lambda store: store.remaining(rate_limit, *identifiers))

    async def seconds_until_reset(self, rate_limit: RateLimit, *identifiers: str) -> int:
        return await self._count(lambda store: store.seconds_until_reset(rate_limit, *identifiers))

    async def health(self) -> str:
        """ "ok" or "unreachable": asks the shared store itself, whatever the circuit says."""
        return await self._shared.health()

    async def close(self) -> None:
        await self._shared.close()
        await self._fallback.close()

    async def _count(self, operation: Callable[[RateLimitStore], Awaitable[ResultT]]) -> ResultT:
        """``operation`` on the shared store while it answers, else on this process's."""
        if self._use_shared():
            try:
                result = await operation(self._shared)
            except UNREACHABLE as error:
                self._went_down(error)
            else:
                self._answered()
                return result
            finally:
                self._probing = False  # also when the call was cancelled mid-retry
        return await operation(self._fallback)

    def _use_shared(self) -> bool:
        """Whether this call should ask the shared store (it is up, or it is time to retry)."""
        if self._retry_at is None:
            return True
        if self._probing or time.monotonic() < self._retry_at:
            return False
        self._probing = True  # this call retries; the others keep counting in memory
        return True

    def _went_down(self, error: Exception) -> None:
        if self._retry_at is None:
            # The class name only: a message may carry the Redis URL, password and all.
            logger.warning(
                "rate-limit store unreachable (%s): counting in this process until it "
                "answers again, retrying every %.0f s",
                type(error).__name__,
                self._retry_seconds,
            )
        self._retry_at = time.monotonic() + self._retry_seconds

    def _answered(self) -> None:
        if self._retry_at is not None:
            logger.info("rate-limit store answers again: counting shared across workers")
        self._retry_at = None
