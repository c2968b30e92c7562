"""SQLite-specific engine behaviour; on PostgreSQL these tests are skipped."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from db.engine import default_sqlite_url, make_engine
from tests.integration.conftest import UowFactory


@pytest.fixture
def sqlite_engine(database_url: str) -> Iterator[Engine]:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite engine behaviour")
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def test_pragmas_are_set_on_every_connection(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_ddl_is_transactional(sqlite_engine: Engine) -> None:
    # With pysqlite's legacy transaction control, CREATE TABLE would commit at once.
    with sqlite_engine.connect() as connection:
        connection.execute(text("CREATE TABLE scratch (id INTEGER)"))
        connection.rollback()
    assert "scratch" not in inspect(sqlite_engine).get_table_names()


def test_a_writing_unit_of_work_takes_the_write_lock_up_front(
    sqlite_engine: Engine, make_uow: UowFactory, database_url: str
) -> None:
    path = database_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with make_uow(), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        with make_uow(read_only=True):
            other.execute("BEGIN IMMEDIATE")  # a query does not block writers
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_default_sqlite_url(tmp_path: Path) -> None:
    assert default_sqlite_url(tmp_path) == f"sqlite:///{tmp_path}/switchyard.db"


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="Unsupported database backend"):
        make_engine("mysql://localhost/db")
