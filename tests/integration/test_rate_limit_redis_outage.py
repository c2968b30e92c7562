"""Rate limits while Redis is down, hung, and back: fail open to per-process counting.

Real Redis servers only: a port where nothing listens, a port that accepts and never
answers, and a redis-server of the test's own, stopped and started again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

import pytest

from middleware.rate_limit_store import LeasingRateLimitStore
from rpc import RateLimit
from switchyard.services import make_rate_limit_store
from switchyard.settings import Settings
from tests.outage_servers import redis_server, silent_server, unused_port

# A day, not a minute: a call that straddles the window's end may be let through
# (the sliding window rounds the previous window's weighted count down).
LIMIT = RateLimit(3, "day")


def store_for(redis_url: str, *, retry_seconds: float = 60.0) -> LeasingRateLimitStore:
    return make_rate_limit_store(
        Settings(
            REDIS_URL=redis_url,
            rate_limit_key_prefix="switchyard-outage-test",
            rate_limit_redis_timeout_seconds=0.2,
            rate_limit_redis_retry_seconds=retry_seconds,
        )
    )


async def hits(store: LeasingRateLimitStore, count: int, who: str = "addr:a") -> list[bool]:
    return [await store.hit(LIMIT, "auth.login", who) for _ in range(count)]


def test_with_redis_down_calls_are_counted_in_process_and_the_outage_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def scenario() -> tuple[list[bool], list[bool], str]:
        store = store_for(f"redis://127.0.0.1:{unused_port()}/0")
        try:
            first = await hits(store, 5)
            other = await hits(store, 2, who="addr:b")
            return first, other, await store.health()
        finally:
            await store.close()

    with caplog.at_level(logging.WARNING, logger="switchyard.rate_limits"):
        first, other, health = asyncio.run(scenario())
    # Still a limit per caller, not a free-for-all: only counted in this process.
    assert first == [True, True, True, False, False]
    assert other == [True, True]
    assert health == "unreachable"
    outage_lines = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(outage_lines) == 1, "one warning per outage, not one per call"


def test_a_hung_redis_costs_one_timeout_then_calls_skip_it_until_the_retry() -> None:
    with silent_server() as hung:

        async def scenario() -> tuple[list[bool], float]:
            store = store_for(f"redis://127.0.0.1:{hung.port}/0")
            started = time.monotonic()
            try:
                return await hits(store, 20), time.monotonic() - started
            finally:
                await store.close()

        answered, elapsed = asyncio.run(scenario())
        connections = len(hung.accepted)
    assert answered == [True] * 3 + [False] * 17
    # The first call tried (and retried once on a new connection); the circuit then
    # kept the other nineteen from trying: 20 tries would have cost 20 timeouts.
    assert connections <= 2
    assert elapsed < 5  # generous: two timeouts of 0.2 s, then in-memory counting


def test_counts_are_shared_again_once_redis_is_back(tmp_path: Path) -> None:
    with redis_server(tmp_path) as server:

        async def scenario() -> dict[str, object]:
            # Two stores on one Redis stand for two workers.
            first = store_for(server.url, retry_seconds=0.2)
            second = store_for(server.url, retry_seconds=0.2)
            seen: dict[str, object] = {}
            try:
                # Shared: two calls in each worker use up a limit of 3 between them.
                seen["shared"] = await hits(first, 2, "addr:up") + await hits(second, 2, "addr:up")
                server.stop()
                seen["down"] = await hits(first, 4, "addr:down")
                seen["health_down"] = await first.health()
                server.start()
                await asyncio.sleep(0.3)  # past the retry interval
                seen["back"] = await hits(first, 2, "addr:back") + await hits(
                    second, 2, "addr:back"
                )
                seen["health_back"] = await first.health()
            finally:
                await first.close()
                await second.close()
            return seen

        seen = asyncio.run(scenario())
    assert seen["shared"] == [True, True, True, False]
    assert seen["down"] == [True, True, True, False]  # counted in the worker meanwhile
    assert seen["health_down"] == "unreachable"
    assert seen["back"] == [True, True, True, False]  # shared across workers again
    assert seen["health_back"] == "ok"
