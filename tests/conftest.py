"""Fixtures shared by every test tier.

`database_url` is a fresh, empty database per test: an SQLite file by default, or,
when DATABASE_URL names a PostgreSQL server, a uniquely named database created on it
and dropped afterwards. With REQUIRE_POSTGRES=1 an unreachable server fails the test
instead of skipping it, so CI cannot pass by silently testing nothing.
"""

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from db.engine import make_engine
from services.passwords import PasswordHasher
from services.tokens import TokenService
from tests.databases import temporary_postgres_database
from tests.fakes import FakeClock
from tests.loopback_proxies import Loopback, loopback_proxies
from tests.migrated_copies import drop_templates, migrate_fresh

TEST_SECRET_KEY = "test-secret-key-with-enough-length-for-hs256"


def pytest_sessionfinish(session: pytest.Session) -> None:
    # Each test process drops the migrated templates it made (tests/migrated_copies.py),
    # whatever the outcome of the run.
    drop_templates()


@pytest.fixture(scope="session")
def hasher() -> PasswordHasher:
    # Far below production cost: the tests check behaviour, not Argon2's strength.
    return PasswordHasher(memory_cost=1024, time_cost=1, parallelism=1)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def tokens(clock: FakeClock) -> TokenService:
    return TokenService(
        TEST_SECRET_KEY,
        access_ttl=timedelta(hours=8),
        refresh_ttl=timedelta(days=30),
        clock=clock,
    )


@pytest.fixture(scope="module")
def loopback() -> Iterator[Loopback]:
    """Tiny real proxies on 127.0.0.1 (tests/loopback_proxies.py), one set per module."""
    with loopback_proxies() as running:
        yield running


# The fixtures that migrate the test's database before anything else uses it. A test
# that asks for one of them gets its PostgreSQL database as a copy of the migrated
# template (tests/migrated_copies.py) instead of an empty one migrated again; any other
# gets an empty database, as the tests of the migrations need.
MIGRATING_FIXTURES = frozenset({"migrated_engine", "start_server", "server_process"})


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    server_url = os.environ.get("DATABASE_URL", "")
    if server_url.startswith("postgresql"):
        migrated = not MIGRATING_FIXTURES.isdisjoint(request.fixturenames)
        yield from temporary_postgres_database(server_url, "switchyard_test", migrated=migrated)
    else:
        yield f"sqlite:///{tmp_path / 'switchyard-test.db'}"


@pytest.fixture
def migrated_engine(database_url: str) -> Iterator[Engine]:
    migrate_fresh(database_url)
    engine = make_engine(database_url)
    yield engine
    # Before the database is dropped: PostgreSQL refuses to drop a database in use.
    engine.dispose()
