"""The connections of a unit of work: one per transaction, always given back.

A read-only unit of work borrows one pooled connection for its compiled queries and
builds an ORM session only when a repository needs one, then on that same connection.
A writing one runs its compiled queries inside its own transaction. However the block
ends, the pool gets its connection back (on PostgreSQL, out of the autocommit the
compiled reads use); ``invalidate`` lets go of it and of the pool.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Column, Engine, MetaData, String, Table, event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.compiled_query import CompiledQuery
from db.repositories.account import BrowserAccountRepository
from db.tables.account import BrowserAccountRow
from db.tables.auth import UserRow
from db.unit_of_work import SqlUnitOfWork, session_factory
from services.passwords import PasswordHasher
from tests.factories.auth import make_user
from tests.integration.rows import save

NOW = datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC)
MISSING = Table("no_such_table", MetaData(), Column("id", String(36)))


class CountingSessions(sessionmaker[Session]):
    """The app's session factory, counting the ORM sessions it makes."""

    made = 0

    def __call__(self, **local_kw: Any) -> Session:
        self.made += 1
        return super().__call__(**local_kw)


@pytest.fixture
def sessions(migrated_engine: Engine) -> CountingSessions:
    # As db.unit_of_work.session_factory makes it.
    return CountingSessions(bind=migrated_engine, class_=Session, expire_on_commit=False)


@pytest.fixture
def user(migrated_engine: Engine, hasher: PasswordHasher) -> UserRow:
    user = make_user(hasher, email="owner@example.com")
    save(session_factory(migrated_engine), user)
    return user


@pytest.fixture
def checkouts(migrated_engine: Engine, user: UserRow) -> Iterator[list[Any]]:
    """The driver connection of every checkout from the pool, in order, once the test's
    user is saved."""
    taken: list[Any] = []

    def note(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        taken.append(dbapi_connection)

    event.listen(migrated_engine, "checkout", note)
    yield taken
    event.remove(migrated_engine, "checkout", note)


def reading(sessions: CountingSessions) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, read_only=True)


def account_of(user: UserRow, name: str) -> BrowserAccountRow:
    return BrowserAccountRow(
        user_id=user.id, name=name, data_directory=f"/d/{name}", created_at=NOW, updated_at=NOW
    )


def checked_out(engine: Engine) -> int:
    count: int = engine.pool.checkedout()  # type: ignore[attr-defined]  # QueuePool's
    return count


class BoomError(Exception):
    pass


def test_compiled_reads_borrow_one_connection_and_make_no_session(
    sessions: CountingSessions, checkouts: list[Any], migrated_engine: Engine, user: UserRow
) -> None:
    with reading(sessions) as uow:
        assert uow.sessions.get_with_user("no-such-session") is None
        assert uow.accounts.list_for_user(user.id, sort_by="name", descending=False) == []
        assert uow.accounts.count_for_user(user.id) == 0
        assert checked_out(migrated_engine) == 1
    assert len(checkouts) == 1
    assert sessions.made == 0
    assert checked_out(migrated_engine) == 0


def test_the_orm_joins_the_connection_compiled_reads_borrowed(
    sessions: CountingSessions, checkouts: list[Any], migrated_engine: Engine, user: UserRow
) -> None:
    with reading(sessions) as uow:
        assert uow.accounts.count_for_user(user.id) == 0
        borrowed = uow.driver_connection()
        assert uow.users.get(user.id) is not None  # the ORM, from here on
        assert uow.session.connection().connection.dbapi_connection is borrowed
        assert uow.accounts.count_for_user(user.id) == 0  # and compiled reads go on
        assert uow.driver_connection() is borrowed
    assert checkouts == [borrowed]
    assert sessions.made == 1
    assert checked_out(migrated_engine) == 0


def test_compiled_reads_after_the_orm_use_its_connection(
    sessions: CountingSessions, checkouts: list[Any], migrated_engine: Engine, user: UserRow
) -> None:
    with reading(sessions) as uow:
        assert uow.users.get(user.id) is not None
        assert uow.accounts.count_for_user(user.id) == 0
        assert uow.driver_connection() is uow.session.connection().connection.dbapi_connection
    assert len(checkouts) == 1
    assert checked_out(migrated_engine) == 0


def compiled_then_fail(uow: SqlUnitOfWork, user: UserRow) -> None:
    with uow:
        uow.accounts.count_for_user(user.id)
        raise BoomError


def compiled_and_orm_then_fail(uow: SqlUnitOfWork, user: UserRow) -> None:
    with uow:
        uow.accounts.count_for_user(user.id)
        uow.users.get(user.id)
        raise BoomError


def orm_then_fail(uow: SqlUnitOfWork, user: UserRow) -> None:
    with uow:
        uow.users.get(user.id)
        raise BoomError


def nothing_then_fail(uow: SqlUnitOfWork, user: UserRow) -> None:
    with uow:
        raise BoomError


@pytest.mark.parametrize(
    "work", [compiled_then_fail, compiled_and_orm_then_fail, orm_then_fail, nothing_then_fail]
)
@pytest.mark.parametrize("read_only", [True, False], ids=["read-only", "writing"])
def test_an_exception_gives_the_connection_back(
    sessions: CountingSessions, migrated_engine: Engine, user: UserRow, work: Any, read_only: bool
) -> None:
    with pytest.raises(BoomError):
        work(SqlUnitOfWork(sessions, read_only=read_only), user)
    assert checked_out(migrated_engine) == 0


def test_a_failed_compiled_read_gives_the_connection_back(
    sessions: CountingSessions, migrated_engine: Engine
) -> None:
    with pytest.raises(DBAPIError), reading(sessions) as uow:
        CompiledQuery(select(MISSING.c.id)).all(uow)
    assert checked_out(migrated_engine) == 0
    with reading(sessions) as uow:  # and the next one reads on
        assert uow.accounts.count_for_user("u") == 0


@pytest.fixture
def postgres_engine(migrated_engine: Engine) -> Engine:
    if migrated_engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's autocommit")
    return migrated_engine


def test_compiled_reads_run_in_autocommit_and_leave_it_behind(
    sessions: CountingSessions, postgres_engine: Engine, user: UserRow
) -> None:
    with reading(sessions) as uow:
        uow.accounts.count_for_user(user.id)
        borrowed = uow.driver_connection()
        assert borrowed.autocommit is True  # no BEGIN and ROLLBACK around one SELECT
    assert borrowed.autocommit is False  # as the pool and the next ORM user expect


@pytest.mark.parametrize("work", [compiled_then_fail, compiled_and_orm_then_fail])
def test_the_connection_leaves_autocommit_after_an_exception_too(
    sessions: CountingSessions, postgres_engine: Engine, user: UserRow, work: Any
) -> None:
    seen: list[Any] = []
    event.listen(postgres_engine, "checkin", lambda dbapi, _record: seen.append(dbapi.autocommit))
    with pytest.raises(BoomError):
        work(reading(sessions), user)
    assert seen == [False]


def test_the_orm_on_a_borrowed_connection_runs_in_a_transaction(
    sessions: CountingSessions, postgres_engine: Engine, user: UserRow
) -> None:
    with reading(sessions) as uow:
        uow.accounts.count_for_user(user.id)
        uow.users.get(user.id)
        assert uow.driver_connection().autocommit is False


def test_a_writing_unit_of_work_reads_its_own_uncommitted_writes(
    sessions: CountingSessions, checkouts: list[Any], migrated_engine: Engine, user: UserRow
) -> None:
    with SqlUnitOfWork(sessions) as uow:
        uow.accounts.add(account_of(user, "first"))
        uow.session.flush()
        listed = uow.accounts.list_for_user(user.id, sort_by="name", descending=False)
        assert [account.name for account in listed] == ["first"]
        assert uow.accounts.count_for_user(user.id) == 1
        with reading(sessions) as other:  # another transaction: nothing committed yet
            assert other.accounts.count_for_user(user.id) == 0
    assert len(checkouts) == 2
    with reading(sessions) as uow:  # never committed: gone with the transaction
        assert uow.accounts.count_for_user(user.id) == 0
    assert checked_out(migrated_engine) == 0


def test_compiled_reads_see_rows_the_orm_has_not_flushed_yet(
    sessions: CountingSessions, user: UserRow
) -> None:
    with SqlUnitOfWork(sessions) as uow:
        uow.accounts.add(account_of(user, "pending"))  # the ORM's query would flush it
        listed = uow.accounts.list_for_user(user.id, sort_by="name", descending=False)
        assert [account.name for account in listed] == ["pending"]
        assert uow.accounts.count_for_user(user.id) == 1


def test_a_repository_over_a_session_reads_its_pending_rows_too(
    sessions: CountingSessions, user: UserRow
) -> None:
    with sessions() as session:
        accounts = BrowserAccountRepository(session)
        accounts.add(account_of(user, "pending"))
        assert accounts.count_for_user(user.id) == 1


def test_no_autoflush_keeps_pending_rows_back_as_for_the_orm(
    sessions: CountingSessions, user: UserRow
) -> None:
    with SqlUnitOfWork(sessions) as uow, uow.session.no_autoflush:
        uow.accounts.add(account_of(user, "pending"))
        assert uow.accounts.count_for_user(user.id) == 0


def test_invalidating_lets_go_of_the_connection_and_the_pool(
    sessions: CountingSessions, migrated_engine: Engine, user: UserRow
) -> None:
    old_pool = migrated_engine.pool
    with reading(sessions) as uow:
        uow.accounts.count_for_user(user.id)
        lost = uow.driver_connection()
        uow.invalidate(ConnectionError("the server went away"))
        assert migrated_engine.pool is not old_pool
    assert checked_out(migrated_engine) == 0
    assert old_pool.checkedout() == 0  # type: ignore[attr-defined]
    with reading(sessions) as uow:  # a new connection, from the new pool
        assert uow.accounts.count_for_user(user.id) == 0
        assert uow.driver_connection() is not lost


def is_closed(dbapi_connection: Any) -> bool:
    try:
        dbapi_connection.cursor().close()
    except Exception:  # sqlite3 and psycopg each raise their own
        return True
    return False


def test_invalidating_closes_the_connections_pooled_before_it(
    sessions: CountingSessions, migrated_engine: Engine, checkouts: list[Any], user: UserRow
) -> None:
    # Two connections in the pool: the unit of work borrows one, the other stays idle.
    with migrated_engine.connect(), migrated_engine.connect():
        pass
    idle = set(checkouts)
    assert len(idle) == 2
    with reading(sessions) as uow:
        uow.accounts.count_for_user(user.id)
        uow.invalidate(ConnectionError("the server went away"))
    # Most likely lost in the same restart; if not, still open on the server until
    # collected as garbage, with nothing that will ever use them again.
    assert all(is_closed(connection) for connection in idle)
