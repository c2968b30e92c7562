"""Fixtures of the benchmark tests: the benchmark's servers in this process, on a database
made as a benchmark run makes its own.

The database-backed comparisons run on SQLite always, and on PostgreSQL too when
DATABASE_URL names a PostgreSQL server (a database of their own on it, dropped after).
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.databases import POSTGRESQL, SQLITE, BenchDatabase
from benchmarks.dataset import create_admin_arguments
from benchmarks.run import RATE_LIMIT_OVERRIDES
from switchyard import cli
from tests.databases import temporary_postgres_database

SERVER_URL = os.environ.get("DATABASE_URL", "")
DATABASES = [SQLITE, *([POSTGRESQL] if SERVER_URL.startswith("postgresql") else [])]
SECRET_KEY = "benchmark-test-signing-key-of-enough-length"
# Far below production cost: the admin's password is hashed and checked once per test.
FAST_HASHING = {
    "SWITCHYARD_PASSWORD_MEMORY_KIB": "1024",
    "SWITCHYARD_PASSWORD_TIME_COST": "1",
    "SWITCHYARD_PASSWORD_PARALLELISM": "1",
}


@pytest.fixture(autouse=True)
def _gc_unfrozen_afterwards() -> Iterator[None]:
    # The benchmark's Switchyard factory freezes start-up objects, as a serving process
    # does once; the test process goes on unfrozen.
    yield
    gc.unfreeze()


@pytest.fixture(params=DATABASES)
def bench_database(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A fresh database, migrated and with the benchmark's admin, named in this process's
    environment as a run names it to its servers (rate limits raised, one signing key);
    its kind."""
    with contextlib.ExitStack() as stack:
        if request.param == POSTGRESQL:
            url = stack.enter_context(
                contextlib.contextmanager(temporary_postgres_database)(
                    SERVER_URL, "switchyard_bench_test"
                )
            )
            database = BenchDatabase(POSTGRESQL, tmp_path, url)
        else:
            database = BenchDatabase(SQLITE, tmp_path)
        for name in ("DATABASE_URL", "REDIS_URL"):
            monkeypatch.delenv(name, raising=False)
        variables = {
            "SWITCHYARD_RATE_LIMIT_OVERRIDES": RATE_LIMIT_OVERRIDES,
            **FAST_HASHING,
            "SWITCHYARD_SECRET_KEY": SECRET_KEY,
            **database.environment(),
        }
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        assert cli.main(["migrate"]) == 0
        assert cli.main(create_admin_arguments()) == 0
        yield request.param
