"""The in-memory rate-limit store: counts per identity, refuses past the limit."""

from __future__ import annotations

import asyncio

from middleware.rate_limit_store import InMemoryRateLimitStore
from rpc import RateLimit


def test_counts_each_identity_separately_and_says_when_to_retry() -> None:
    async def scenario() -> tuple[list[bool], int]:
        store = InMemoryRateLimitStore()
        limit = RateLimit(2, "hour")
        hits = [
            await store.hit(limit, "auth.login", "addr:a"),
            await store.hit(limit, "auth.login", "addr:a"),
            await store.hit(limit, "auth.login", "addr:a"),
            await store.hit(limit, "auth.login", "addr:b"),
            await store.hit(limit, "auth.me", "addr:a"),
        ]
        return hits, await store.seconds_until_reset(limit, "auth.login", "addr:a")

    hits, wait = asyncio.run(scenario())
    assert hits == [True, True, False, True, True]
    assert 1 <= wait <= 3600


def test_a_huge_limit_keeps_memory_constant() -> None:
    # A sliding-window counter keeps two counters, not one entry per call.
    async def scenario() -> int:
        store = InMemoryRateLimitStore()
        limit = RateLimit(1_000_000_000, "minute")
        for _ in range(5000):
            assert await store.hit(limit, "bench.echo", "addr:a")
        return sum(len(str(value)) for value in store._limiter.storage.storage.values())  # type: ignore[attr-defined]

    assert asyncio.run(scenario()) < 100
