"""A throw-away key prefix on the test Redis, its keys deleted afterwards.

TEST_REDIS_URL (default redis://127.0.0.1:6379/0) names the server. Unreachable, the
test is skipped, or failed with REQUIRE_REDIS=1 so CI cannot pass by testing nothing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import redis

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def temporary_redis_prefix(prefix: str) -> Iterator[str]:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as error:
        client.close()
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis at {REDIS_URL} is not reachable: {error}")
        pytest.skip(f"Redis at {REDIS_URL} is not reachable")
    unique = f"{prefix}-{uuid.uuid4().hex}"
    try:
        yield unique
    finally:
        for key in client.scan_iter(match=f"{unique}*"):
            client.delete(key)
        client.close()
