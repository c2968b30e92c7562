"""Over HTTP, with a dependency down: what calls answer, and what /healthz says, in time.

Redis down: rate-limited procedures still answer (limits counted in the worker), and
/healthz says "degraded" with 200. Database hung: /healthz says "unavailable" with
503 within its timeout, every time it is asked. Redis up: "ok" for both.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from rpc import RateLimit
from tests.e2e.conftest import LiveServer, error_of, make_settings, result_of, rpc_call, serve
from tests.outage_servers import SilentServer, silent_server, unused_port

# Generous bounds on answers that used to take 5 s or hang: behaviour, not speed.
PROMPT = 3.0


def timed_get(client: httpx.Client, path: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def start(database_url: str, tmp_path: Path, **overrides: Any) -> Iterator[LiveServer]:
    with serve(make_settings(database_url, tmp_path, **overrides)) as live:
        yield live


@pytest.fixture
def redis_down_server(database_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    yield from start(
        database_url,
        tmp_path,
        REDIS_URL=f"redis://127.0.0.1:{unused_port()}/0",
        # A day: a minute's end falling between the calls would let one more through.
        rate_limit_overrides={"auth.me": RateLimit(3, "day")},
    )


def test_with_redis_down_limited_calls_answer_and_limits_still_hold(
    redis_down_server: LiveServer,
) -> None:
    with httpx.Client(base_url=redis_down_server.url, timeout=30) as client:
        answers = []
        for _ in range(5):
            started = time.monotonic()
            answers.append(rpc_call(client, "auth.me"))
            assert time.monotonic() - started < PROMPT
    for answer in answers[:3]:
        assert result_of(answer) is None  # anonymous: null, and not an internal error
    for answer in answers[3:]:
        error_of(answer, -32029, "TOO_MANY_REQUESTS")


def test_with_redis_down_healthz_says_degraded_with_200(redis_down_server: LiveServer) -> None:
    with httpx.Client(base_url=redis_down_server.url, timeout=30) as client:
        response, elapsed = timed_get(client, "/healthz")
    assert elapsed < PROMPT
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "rateLimitStore": "unreachable",
    }


def test_with_redis_up_healthz_says_ok(database_url: str, tmp_path: Path) -> None:
    redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    probe = redis.Redis.from_url(redis_url, socket_connect_timeout=1)
    try:
        probe.ping()
    except redis.ConnectionError:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis at {redis_url} is not reachable")
        pytest.skip(f"Redis at {redis_url} is not reachable")
    finally:
        probe.close()
    for live in start(database_url, tmp_path, REDIS_URL=redis_url):
        with httpx.Client(base_url=live.url, timeout=30) as client:
            response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "rateLimitStore": "ok"}


@pytest.fixture
def hung_database() -> Iterator[SilentServer]:
    with silent_server() as server:
        yield server


def test_with_the_database_hung_healthz_says_unavailable_in_time(
    hung_database: SilentServer, tmp_path: Path
) -> None:
    settings = make_settings(
        f"postgresql+psycopg://postgres@127.0.0.1:{hung_database.port}/hung",
        tmp_path,
        REDIS_URL=None,
        health_check_timeout_seconds=0.5,
    )
    with (
        serve(settings, migrate=False, ready_status=503) as live,
        httpx.Client(base_url=live.url, timeout=30) as client,
    ):
        checks = [timed_get(client, "/healthz") for _ in range(3)]
    for response, elapsed in checks:
        assert elapsed < PROMPT
        assert response.status_code == 503
        assert response.json() == {
            "status": "unavailable",
            "database": "unreachable",
            "rateLimitStore": "memory",
        }
    # One ping hangs on the database; the checks after it wait on that one.
    assert len(hung_database.accepted) == 1
