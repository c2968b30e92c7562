"""A pooled connection the server dropped: noticed when used, let go, and the call run again.

No ping precedes a checkout any more (db.engine). A statement that finds its connection
gone is a ``TransientFailure`` (db.failures): nothing of its transaction was kept, so
the call runs again (middleware.retry) on a new connection. A connection lost during
COMMIT, when no statement is running, is not retried: whether the commit was kept is
unknown. The token's lookup, which runs before any call, and the health check's ping
are run again the same way. On PostgreSQL the drop is real: the server ends the app's
pooled sessions, and the app is called in process (tests/integration/asgi_app.py).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
import pytest_asyncio
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

import middleware.auth
from db.call_runners import on_event_loop
from db.errors import TransientFailure, UnclassifiedFailure
from db.failures import database_failure
from middleware.auth import authenticate_request
from middleware.context import AppServices, RequestContext
from routers.base import public
from rpc import ErrorCode, NoInput, RpcError
from rpc.execution import call_procedure
from switchyard.services import build_services
from switchyard.settings import Settings
from tests.conftest import TEST_SECRET_KEY
from tests.integration.asgi_app import InProcessApp, in_process_app, result_of

SELECT = "SELECT users.id FROM users WHERE users.id = ?"
# Bounds how long a broken test can wait for the server, not how fast it is.
SETTLE = 10.0


def lost(statement: str | None, *, invalidated: bool = True) -> DBAPIError:
    """The error SQLAlchemy raises when ``statement`` (None: COMMIT) found no connection
    (psycopg's, which has no SQLSTATE for it: the server never answered)."""
    error = DBAPIError.instance(
        statement,
        None,
        psycopg.OperationalError("server closed the connection unexpectedly"),
        psycopg.Error,
        hide_parameters=True,
        connection_invalidated=invalidated,
    )
    assert isinstance(error, DBAPIError)  # psycopg's OperationalError, wrapped
    return error


def test_a_statement_that_lost_its_connection_is_transient() -> None:
    failure = database_failure(lost(SELECT))
    assert type(failure) is TransientFailure
    assert "server closed the connection" in str(failure)


def test_a_connection_lost_during_commit_is_not_transient() -> None:
    assert type(database_failure(lost(None))) is UnclassifiedFailure


def test_the_same_error_on_a_connection_still_valid_is_not_transient() -> None:
    assert type(database_failure(lost(SELECT, invalidated=False))) is UnclassifiedFailure


@pytest.fixture
def services(migrated_engine: Engine, tmp_path: Path) -> AppServices:
    return build_services(Settings(secret_key=TEST_SECRET_KEY, data_dir=tmp_path), migrated_engine)


def failing_first(error: DBAPIError, runs: list[int]) -> Callable[[RequestContext, NoInput], int]:
    def resolve(ctx: RequestContext, _params: NoInput) -> int:
        runs.append(len(runs) + 1)
        if len(runs) == 1:
            raise error
        return len(runs)

    return resolve


async def call(services: AppServices, resolver: Callable[[RequestContext, NoInput], int]) -> Any:
    procedure = public.output(int).query(resolver).named("tests.lost")
    ctx = RequestContext(services, f"cid-{secrets.token_hex(4)}", "10.0.0.7", "tests")
    return await call_procedure(procedure, ctx, {})


@pytest.mark.asyncio
async def test_a_call_whose_statement_lost_its_connection_runs_again(
    services: AppServices,
) -> None:
    runs: list[int] = []
    assert await call(services, failing_first(lost(SELECT), runs)) == 2
    assert runs == [1, 2]


@pytest.mark.asyncio
async def test_a_call_whose_commit_lost_its_connection_is_not_run_again(
    services: AppServices,
) -> None:
    runs: list[int] = []
    with pytest.raises(RpcError) as answered:
        await call(services, failing_first(lost(None), runs))
    assert answered.value.code is ErrorCode.INTERNAL_SERVER_ERROR
    assert runs == [1]


@pytest.mark.asyncio
async def test_authentication_that_lost_its_connection_reads_again(
    services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The token is read before any procedure runs, outside the call boundary's retries.
    attempts: list[int] = []

    async def loses_the_first_connection(function: Callable[..., Any], *args: Any) -> Any:
        attempts.append(1)
        if len(attempts) == 1:
            raise lost(SELECT)
        return await on_event_loop(function, *args)

    monkeypatch.setattr(middleware.auth, "on_event_loop", loses_the_first_connection)
    authentication = await authenticate_request(services, "Bearer not-a-token")
    assert authentication.caller is None
    assert authentication.failure is not None  # the token was read, and refused
    assert len(attempts) == 2


def end_the_apps_sessions(database_url: str) -> list[int]:
    """End, from the server side, every other session on the database (the app's pooled
    connections), as a server restart or a proxy closing idle sockets does; wait until
    they are gone."""
    admin = create_engine(database_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    others = text(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )
    try:
        with admin.connect() as connection:
            ended = list(connection.execute(others).scalars())
            for pid in ended:
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            deadline = time.monotonic() + SETTLE
            while connection.execute(others).first() is not None:
                assert time.monotonic() < deadline, "the sessions did not end"
                time.sleep(0.01)
    finally:
        admin.dispose()
    return ended


@pytest_asyncio.fixture
async def app(database_url: str, tmp_path: Path) -> AsyncIterator[InProcessApp]:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's sessions, ended from the server side")
    async with in_process_app(database_url, tmp_path) as running:
        yield running


NEW_ACCOUNT = {"name": "After the restart", "description": None}


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("account.list", None),  # compiled reads: the token's session, then the listing
        ("profile.getCurrentUser", None),  # an ORM read after the token's
        ("account.create", NEW_ACCOUNT),  # a writing transaction
        ("auth.me", None),
    ],
)
async def test_a_call_after_the_server_dropped_the_pooled_connections_succeeds(
    app: InProcessApp, database_url: str, method: str, params: Any
) -> None:
    token = app.signed_in_user("survivor@example.com")
    result_of(await app.call("account.list", token=token))  # leaves a connection pooled
    assert end_the_apps_sessions(database_url), "no pooled connection to drop"
    result_of(await app.call(method, params, token=token))
    result_of(await app.call(method, params, token=token))  # and on, on the new one


@pytest.mark.asyncio
async def test_the_health_check_after_the_server_dropped_the_pooled_connections_is_ok(
    app: InProcessApp, database_url: str
) -> None:
    assert (await app.client.get("/healthz")).status_code == 200  # leaves one pooled
    assert end_the_apps_sessions(database_url), "no pooled connection to drop"
    checked = await app.client.get("/healthz")
    # The database is there: a stale connection of this process's pool says nothing
    # about it, and a load balancer told otherwise would take the worker out.
    assert (checked.status_code, checked.json()["database"]) == (200, "ok")
