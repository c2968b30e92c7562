"""``db.failures``: real driver errors, provoked on a real database, and what they mean.

Every test runs on an SQLite file; those that need PostgreSQL (deadlocks, serialisation
failures, NOWAIT locks) run when DATABASE_URL names a server, in a database of their
own. The engines are the app's (``make_engine``), so what is classified is exactly what
the app's engine raises.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, ForeignKey, String, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import StaleDataError

from db.engine import make_engine
from db.errors import (
    DatabaseFailure,
    DuplicateKey,
    MissingRow,
    StillReferenced,
    TransientFailure,
    UnclassifiedFailure,
)
from db.failures import database_failure
from tests.databases import busy_sqlite_error, temporary_postgres_database

EMAIL = "private.person@example.com"


class Base(DeclarativeBase):
    """Tables of these tests only, in a metadata of their own (not the app's)."""


class Parent(Base):
    __tablename__ = "parents"
    id: Mapped[int] = mapped_column(primary_key=True)


class Child(Base):
    __tablename__ = "children"
    id: Mapped[int] = mapped_column(primary_key=True)
    # No ON DELETE action: deleting a parent that still has children is refused.
    parent_id: Mapped[int] = mapped_column(ForeignKey("parents.id"))


class Person(Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path / 'failures.db'}"])
    else:
        server_url = os.environ.get("DATABASE_URL", "")
        if not server_url.startswith("postgresql"):
            pytest.skip("needs DATABASE_URL naming a PostgreSQL server")
        urls = temporary_postgres_database(server_url, "switchyard_failures")
    url = next(urls)
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(Parent.__table__.insert(), [{"id": 1}, {"id": 2}])
        connection.execute(Child.__table__.insert(), {"id": 1, "parent_id": 1})
        connection.execute(Person.__table__.insert(), {"id": 1, "email": EMAIL, "name": "P"})
        connection.execute(Person.__table__.insert(), {"id": 2, "email": "b@x.test", "name": "B"})
    try:
        yield engine
    finally:
        engine.dispose()
        next(urls, None)  # drops the PostgreSQL database


@pytest.fixture
def postgres_engine(engine: Engine) -> Engine:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL behaviour")
    return engine


def failure_of(engine: Engine, statement: str, **params: object) -> DatabaseFailure:
    with pytest.raises(DBAPIError) as raised, engine.begin() as connection:
        connection.execute(text(statement), params)
    return classified(raised.value)


def classified(error: BaseException) -> DatabaseFailure:
    failure = database_failure(error)
    assert failure is not None, error
    # Nothing from the row or the parameters: the driver's own text quotes them.
    assert EMAIL not in str(failure)
    return failure


def test_a_taken_unique_value_is_a_duplicate_key(engine: Engine) -> None:
    failure = failure_of(
        engine, "INSERT INTO people (id, email, name) VALUES (:id, :email, 'Q')", id=3, email=EMAIL
    )
    assert type(failure) is DuplicateKey


def test_a_taken_unique_value_on_update_is_a_duplicate_key(engine: Engine) -> None:
    failure = failure_of(engine, "UPDATE people SET email = :email WHERE id = 2", email=EMAIL)
    assert type(failure) is DuplicateKey
    if engine.dialect.name == "postgresql":
        assert "SQLSTATE 23505" in str(failure)
        assert "constraint people_email_key" in str(failure)


def test_referring_to_a_missing_row_is_a_missing_row(engine: Engine) -> None:
    failure = failure_of(
        engine, "INSERT INTO children (id, parent_id) VALUES (2, :parent)", parent=9
    )
    assert type(failure) is MissingRow
    failure = failure_of(engine, "UPDATE children SET parent_id = :parent WHERE id = 1", parent=9)
    assert type(failure) is MissingRow


def test_deleting_a_row_still_referred_to_is_still_referenced(engine: Engine) -> None:
    failure = failure_of(engine, "DELETE FROM parents WHERE id = :id", id=1)
    assert type(failure) is StillReferenced


def test_any_other_error_is_unclassified_and_quotes_no_value(engine: Engine) -> None:
    # PostgreSQL's detail would be "Failing row contains (3, private.person@..., null)".
    failure = failure_of(
        engine, "INSERT INTO people (id, email, name) VALUES (3, :email, NULL)", email="x" + EMAIL
    )
    assert type(failure) is UnclassifiedFailure
    assert "x" + EMAIL not in str(failure)
    assert "people" in str(failure)  # what is kept is enough to find the fault


def test_updating_a_row_deleted_meanwhile_is_a_missing_row(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        person = session.get(Person, 2)
        assert person is not None
        session.commit()  # the read's transaction ends; the write's starts after the delete
        with engine.begin() as other:
            other.execute(text("DELETE FROM people WHERE id = 2"))
        person.name = "Renamed"
        with pytest.raises(StaleDataError) as raised:
            session.commit()
    assert type(classified(raised.value)) is MissingRow


def test_the_engines_keep_parameters_out_of_exception_text(engine: Engine) -> None:
    # What is not classified (or is raised outside a call) may still be logged as is.
    with pytest.raises(DBAPIError) as raised, engine.begin() as connection:
        connection.execute(
            text("INSERT INTO people (id, email) VALUES (:id, :email)"),
            {
                "id": 4,
                "email": "y" + EMAIL,
            },
        )
    assert "[SQL parameters hidden due to hide_parameters=True]" in str(raised.value)
    if engine.dialect.name == "sqlite":  # PostgreSQL's own text quotes the failing row
        assert "y" + EMAIL not in str(raised.value)


def test_errors_not_from_the_database_are_not_classified() -> None:
    assert database_failure(ValueError("x")) is None
    assert database_failure(KeyError("x")) is None


def test_a_busy_sqlite_database_is_transient(tmp_path: Path) -> None:
    failure = classified(busy_sqlite_error(tmp_path / "busy.db"))
    assert type(failure) is TransientFailure
    assert "SQLITE_BUSY" in str(failure)


def _lock(connection: Connection, person_id: int) -> None:
    connection.execute(text("UPDATE people SET name = 'L' WHERE id = :id"), {"id": person_id})


def test_a_deadlock_is_transient(postgres_engine: Engine) -> None:
    with postgres_engine.connect() as first, postgres_engine.connect() as second:
        for connection in (first, second):
            connection.exec_driver_sql("SET deadlock_timeout = '50ms'")
            connection.commit()  # the setting stays for the session
            connection.begin()
        _lock(first, 1)
        _lock(second, 2)
        # Each now waits for the row the other holds; PostgreSQL aborts one of them.
        with ThreadPoolExecutor(max_workers=2) as pool:
            waits = [pool.submit(_lock, first, 2), pool.submit(_lock, second, 1)]
            errors = [wait.exception(timeout=30) for wait in waits]
        [error] = [error for error in errors if error is not None]
    failure = classified(error)
    assert type(failure) is TransientFailure
    assert "SQLSTATE 40P01" in str(failure)


def test_a_serialisation_failure_is_transient(postgres_engine: Engine) -> None:
    with postgres_engine.connect() as reader, postgres_engine.connect() as writer:
        reader.execution_options(isolation_level="REPEATABLE READ").begin()
        reader.execute(text("SELECT name FROM people WHERE id = 1"))  # takes the snapshot
        with writer.begin():
            _lock(writer, 1)
        with pytest.raises(DBAPIError) as raised:
            _lock(reader, 1)
    failure = classified(raised.value)
    assert type(failure) is TransientFailure
    assert "SQLSTATE 40001" in str(failure)


def test_a_lock_not_available_is_transient(postgres_engine: Engine) -> None:
    with postgres_engine.connect() as holder, postgres_engine.connect() as other:
        holder.begin()
        _lock(holder, 1)
        with pytest.raises(DBAPIError) as raised:
            other.execute(text("SELECT id FROM people WHERE id = 1 FOR UPDATE NOWAIT"))
    failure = classified(raised.value)
    assert type(failure) is TransientFailure
    assert "SQLSTATE 55P03" in str(failure)
