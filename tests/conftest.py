"""Fixtures shared by every test tier.

`database_url` is a fresh, empty database per test: an SQLite file by default, or,
when DATABASE_URL names a PostgreSQL server, a uniquely named database created on it
and dropped afterwards. With REQUIRE_POSTGRES=1 an unreachable server fails the test
instead of skipping it, so CI cannot pass by silently testing nothing.
"""

import os
import secrets
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from db.engine import make_engine
from db.migrate import upgrade_to_head
from services.passwords import PasswordHasher
from services.tokens import TokenService
from tests.fakes import FakeClock
from tests.loopback_proxies import Loopback, loopback_proxies

TEST_SECRET_KEY = "test-secret-key-with-enough-length-for-hs256"


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


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    server_url = os.environ.get("DATABASE_URL", "")
    if server_url.startswith("postgresql"):
        yield from _temporary_postgres_database(server_url)
    else:
        yield f"sqlite:///{tmp_path / 'switchyard-test.db'}"


@pytest.fixture
def migrated_engine(database_url: str) -> Iterator[Engine]:
    upgrade_to_head(database_url)
    engine = make_engine(database_url)
    yield engine
    # Before the database is dropped: PostgreSQL refuses to drop a database in use.
    engine.dispose()


def _temporary_postgres_database(server_url: str) -> Iterator[str]:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"switchyard_test_{secrets.token_hex(8)}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        admin.dispose()
        reason = f"PostgreSQL at DATABASE_URL is not reachable: {error.orig}"
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
