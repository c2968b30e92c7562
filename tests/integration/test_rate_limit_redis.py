"""Rate limits on real Redis: the count is shared by every worker using the same server.

Runs against TEST_REDIS_URL (default redis://127.0.0.1:6379/0) under its own key prefix,
removed afterwards. Skipped when Redis is unreachable, unless REQUIRE_REDIS=1.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from middleware.rate_limit_store import RedisRateLimitStore
from rpc import RateLimit
from tests.redis_keys import REDIS_URL, temporary_redis_prefix


@pytest.fixture
def key_prefix() -> Iterator[str]:
    yield from temporary_redis_prefix("switchyard-test")


def test_two_workers_share_one_limit(key_prefix: str) -> None:
    async def scenario() -> tuple[list[bool], list[bool], int]:
        # Two stores on one Redis stand for two server processes.
        first = RedisRateLimitStore(REDIS_URL, key_prefix)
        second = RedisRateLimitStore(REDIS_URL, key_prefix)
        limit = RateLimit(3, "minute")
        try:
            from_first = [await first.hit(limit, "auth.login", "addr:10.0.0.1") for _ in range(2)]
            from_second = [await second.hit(limit, "auth.login", "addr:10.0.0.1") for _ in range(2)]
            wait = await first.seconds_until_reset(limit, "auth.login", "addr:10.0.0.1")
        finally:
            await first.close()
            await second.close()
        return from_first, from_second, wait

    from_first, from_second, wait = asyncio.run(scenario())
    assert from_first == [True, True]
    assert from_second == [True, False], "the third call is allowed, the fourth refused"
    assert 1 <= wait <= 60


def test_limits_are_per_identity_and_prefix(key_prefix: str) -> None:
    async def scenario() -> list[bool]:
        store = RedisRateLimitStore(REDIS_URL, key_prefix)
        other = RedisRateLimitStore(REDIS_URL, key_prefix + "-other")
        limit = RateLimit(1, "minute")
        try:
            return [
                await store.hit(limit, "auth.login", "user:a"),
                await store.hit(limit, "auth.login", "user:a"),
                await store.hit(limit, "auth.login", "user:b"),
                await other.hit(limit, "auth.login", "user:a"),
            ]
        finally:
            await store.close()
            await other.close()

    assert asyncio.run(scenario()) == [True, False, True, True]
