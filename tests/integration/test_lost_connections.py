"""A pooled connection the server dropped: noticed when used, let go, and the call run again.

No ping precedes a checkout any more (db.engine). A statement that finds its connection
gone is a ``TransientFailure`` (db.failures): nothing of its transaction was kept, so
the call runs again (middleware.retry) on a new connection. A connection lost during
COMMIT, when no statement is running, is not retried: whether the commit was kept is
unknown. On PostgreSQL the drop is real: the server ends the app's pooled sessions.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from db.errors import TransientFailure, UnclassifiedFailure
from db.failures import database_failure
from middleware.context import AppServices, RequestContext
from routers.base import public
from rpc import ErrorCode, NoInput, RpcError
from rpc.execution import call_procedure
from switchyard.services import build_services
from switchyard.settings import Settings
from tests.conftest import TEST_SECRET_KEY

SELECT = "SELECT users.id FROM users WHERE users.id = ?"


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
