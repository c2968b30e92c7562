"""The call boundary's answer to database failures: retry, map, or internal (unlogged values).

Procedures are built on the routers' own base (``routers.base.public``), so they get
exactly the chain every procedure gets, and run on the app's services over a real
database (SQLite, or PostgreSQL when DATABASE_URL names one). The transient failure
is a real one: SQLite's "database is locked", provoked on a throw-away file.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from db.tables.audit import AuditLogRow
from db.tables.auth import UserRow
from middleware.context import AppServices, RequestContext
from middleware.retry import ATTEMPTS
from routers.base import public
from rpc import ErrorCode, NoInput, Procedure, RateLimit, RpcError
from rpc.execution import call_procedure
from services.passwords import PasswordHasher
from switchyard.services import build_services
from switchyard.settings import Settings
from tests.conftest import TEST_SECRET_KEY
from tests.databases import busy_sqlite_error
from tests.factories.auth import make_user

EMAIL = "retried.person@example.com"


@pytest.fixture
def services(migrated_engine: Engine, tmp_path: Path) -> AppServices:
    settings = Settings(
        secret_key=TEST_SECRET_KEY,
        data_dir=tmp_path,
        rate_limits_enabled=True,
        rate_limit_key_prefix=f"retries-{secrets.token_hex(4)}",
    )
    return build_services(settings, migrated_engine)


@pytest.fixture
def busy_error(tmp_path: Path) -> DBAPIError:
    return busy_sqlite_error(tmp_path / "busy.db")


Resolver = Callable[[RequestContext, NoInput], int]


def mutation(resolver: Resolver, *, rate_limit: RateLimit | None = None) -> Procedure[Any]:
    builder = public.output(int)
    if rate_limit is not None:
        builder = builder.meta(rate_limit=rate_limit)
    return builder.mutation(resolver).named("tests.retried")


async def call(services: AppServices, procedure: Procedure[Any]) -> Any:
    ctx = RequestContext(services, f"cid-{secrets.token_hex(4)}", "10.0.0.7", "tests")
    return await call_procedure(procedure, ctx, {})


def writes_a_user_then(
    hasher: PasswordHasher, runs: list[int], fail_on: Callable[[int], BaseException | None]
) -> Resolver:
    """A resolver that adds a user in its unit of work, then fails as told or commits."""

    def resolve(ctx: RequestContext, _params: NoInput) -> int:
        runs.append(len(runs) + 1)
        uow = ctx.unit_of_work()
        with uow:
            uow.users.add(make_user(hasher, email=EMAIL))
            failure = fail_on(len(runs))
            if failure is not None:
                raise failure
            uow.commit()
        return len(runs)

    return resolve


def stored(engine: Engine, table: type[UserRow] | type[AuditLogRow]) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


@pytest.mark.asyncio
async def test_a_call_failing_twice_with_a_transient_error_succeeds_on_the_third_run(
    services: AppServices, migrated_engine: Engine, hasher: PasswordHasher, busy_error: DBAPIError
) -> None:
    runs: list[int] = []
    resolver = writes_a_user_then(hasher, runs, lambda run: busy_error if run < 3 else None)
    # One call a minute: the retries must not be counted as calls.
    procedure = mutation(resolver, rate_limit=RateLimit(1, "minute"))

    assert await call(services, procedure) == 3

    assert runs == [1, 2, 3]
    # The failed runs kept nothing: one user, one audit row (the rows of the failed
    # runs would also have made the third one's insert a duplicate).
    assert stored(migrated_engine, UserRow) == 1
    assert stored(migrated_engine, AuditLogRow) == 1
    with pytest.raises(RpcError) as refused:
        await call(services, procedure)
    assert refused.value.code is ErrorCode.TOO_MANY_REQUESTS
    assert runs == [1, 2, 3]


@pytest.mark.asyncio
async def test_a_call_that_keeps_failing_is_a_conflict_after_the_last_run(
    services: AppServices, migrated_engine: Engine, hasher: PasswordHasher, busy_error: DBAPIError
) -> None:
    runs: list[int] = []
    procedure = mutation(writes_a_user_then(hasher, runs, lambda _run: busy_error))

    with pytest.raises(RpcError) as answered:
        await call(services, procedure)

    assert answered.value.code is ErrorCode.CONFLICT
    assert "try again" in answered.value.message
    assert runs == list(range(1, ATTEMPTS + 1))
    assert stored(migrated_engine, UserRow) == 0
    assert stored(migrated_engine, AuditLogRow) == 0


@pytest.mark.asyncio
async def test_a_taken_unique_value_is_a_conflict_at_once(
    services: AppServices, migrated_engine: Engine, hasher: PasswordHasher
) -> None:
    with Session(migrated_engine) as session:
        session.add(make_user(hasher, email=EMAIL))
        session.commit()
    runs: list[int] = []
    # No check before the insert, as when a concurrent call took the value after it.
    procedure = mutation(writes_a_user_then(hasher, runs, lambda _run: None))

    with pytest.raises(RpcError) as answered:
        await call(services, procedure)

    assert answered.value.code is ErrorCode.CONFLICT
    assert EMAIL not in answered.value.message
    assert runs == [1]  # not a transient failure: running again would not help


@pytest.mark.asyncio
async def test_other_errors_are_not_retried(services: AppServices, hasher: PasswordHasher) -> None:
    runs: list[int] = []
    procedure = mutation(writes_a_user_then(hasher, runs, lambda _run: RuntimeError("bug")))

    with pytest.raises(RpcError) as answered:
        await call(services, procedure)

    assert answered.value.code is ErrorCode.INTERNAL_SERVER_ERROR
    assert runs == [1]


@pytest.mark.asyncio
async def test_an_unexpected_database_error_is_internal_and_logged_without_values(
    services: AppServices, migrated_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    runs: list[int] = []

    def insert_an_incomplete_user(ctx: RequestContext, _params: NoInput) -> int:
        runs.append(1)
        uow = ctx.unit_of_work()
        with uow:
            # No password hash: a NOT NULL violation. PostgreSQL's message quotes the
            # whole row ("Failing row contains (..., retried.person@example.com, ...)").
            incomplete = UserRow(email=EMAIL, full_name="Incomplete", role="technician")
            incomplete.created_at = incomplete.updated_at = datetime.now(UTC)
            uow.users.add(incomplete)
            uow.commit()
        return 1

    with caplog.at_level(logging.DEBUG), pytest.raises(RpcError) as answered:
        await call(services, mutation(insert_an_incomplete_user))

    assert answered.value.code is ErrorCode.INTERNAL_SERVER_ERROR
    assert runs == [1]
    [logged] = [record for record in caplog.records if record.exc_info]
    assert "UnclassifiedFailure" in caplog.text  # the log still says what failed, and where
    assert "insert_an_incomplete_user" in caplog.text
    assert EMAIL not in caplog.text
    assert logged.levelno == logging.ERROR
    with Session(migrated_engine) as session:
        assert session.exec(select(UserRow).where(col(UserRow.email) == EMAIL)).first() is None
