"""The in-memory rate-limit store: counts per identity, refuses past the limit."""

from __future__ import annotations

import asyncio

from middleware.rate_limit_store import InMemoryRateLimitStore, LeasingRateLimitStore
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


def test_leasing_counts_exactly_up_to_the_limit_and_per_caller() -> None:
    # 5,000 a minute leases blocks of up to 5 while far from the limit, none near it:
    # a burst still gets exactly the limit, and each caller has their own.
    async def scenario() -> tuple[int, int, bool, bool]:
        store = LeasingRateLimitStore(InMemoryRateLimitStore())
        limit = RateLimit(5000, "minute")
        allowed = sum([await store.hit(limit, "bench.echo", "addr:a") for _ in range(5200)])
        counted = await store.remaining(limit, "bench.echo", "addr:a")
        other_caller = await store.hit(limit, "bench.echo", "addr:b")
        other_limit = await store.hit(RateLimit(10, "minute"), "bench.echo", "addr:a")
        return allowed, counted, other_caller, other_limit

    allowed, remaining, other_caller, other_limit = asyncio.run(scenario())
    assert allowed == 5000
    assert remaining == 0
    assert other_caller is True
    # A lease is only good for the limit it was counted against.
    assert other_limit is True


def test_calls_covered_by_a_lease_touch_no_store() -> None:
    async def scenario() -> tuple[bool, bool, int]:
        inner = InMemoryRateLimitStore()
        store = LeasingRateLimitStore(inner)
        limit = RateLimit(1_000_000, "minute")
        before = store.take_leased(limit, "bench.echo", "addr:a")
        assert await store.hit(limit, "bench.echo", "addr:a")  # counts 1 + a block
        after = store.take_leased(limit, "bench.echo", "addr:a")
        return before, after, await inner.remaining(limit, "bench.echo", "addr:a")

    before, after, remaining = asyncio.run(scenario())
    assert (before, after) == (False, True)
    # One call plus one block of 999 (a thousandth of what remained) were counted.
    assert remaining == 1_000_000 - 1 - 999


def test_near_the_limit_every_call_is_counted_in_the_store() -> None:
    async def scenario() -> list[bool]:
        store = LeasingRateLimitStore(InMemoryRateLimitStore())
        limit = RateLimit(3, "minute")
        hits = [await store.hit(limit, "auth.login", "addr:a") for _ in range(4)]
        return [*hits, store.take_leased(limit, "auth.login", "addr:a")]

    assert asyncio.run(scenario()) == [True, True, True, False, False]
