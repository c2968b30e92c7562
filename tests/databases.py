"""Throw-away databases for the tests: a fresh PostgreSQL database, dropped afterwards;
and real driver errors provoked on one.

CI runs against the PostgreSQL server as the last session left it, so every test that
uses it creates its own uniquely named database and drops it, even when the test fails.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from db.engine import WRITE_TRANSACTION, make_engine
from tests import migrated_copies


def temporary_postgres_database(
    server_url: str, prefix: str, *, migrated: bool = False
) -> Iterator[str]:
    """Yield the URL of a new database named ``<prefix>_<random>``; drop it afterwards.

    Empty, or with ``migrated`` at head already: a copy of the process's migrated
    template (tests/migrated_copies.py), much cheaper than migrating.

    With REQUIRE_POSTGRES=1 an unreachable server fails the test instead of skipping it,
    so CI cannot pass by silently testing nothing.
    """
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"{prefix}_{secrets.token_hex(8)}"
    try:
        with admin.connect() as connection:
            template = migrated_copies.postgres_template(server_url) if migrated else None
            copy_of = f' TEMPLATE "{template}"' if template else ""
            connection.execute(text(f'CREATE DATABASE "{name}"{copy_of}'))
    except OperationalError as error:
        admin.dispose()
        reason = f"PostgreSQL at DATABASE_URL is not reachable: {error.orig}"
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    if migrated:
        migrated_copies.note_copy(name)
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        migrated_copies.forget_copy(name)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def busy_sqlite_error(path: Path) -> DBAPIError:
    """The error SQLite's engine raises when a writer cannot get the write lock.

    Provoked for real on a throw-away file: one connection holds the write lock while
    another, told not to wait, tries to take it (as a writing unit of work does).
    """
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as holder, engine.connect() as waiter:
            holder.execution_options(**{WRITE_TRANSACTION: True}).begin()
            waiter.exec_driver_sql("PRAGMA busy_timeout=0")  # fail now rather than in 5 s
            waiter.commit()
            try:
                waiter.execution_options(**{WRITE_TRANSACTION: True}).begin()
            except DBAPIError as error:
                return error
    finally:
        engine.dispose()
    raise AssertionError("the second writer got the write lock")
