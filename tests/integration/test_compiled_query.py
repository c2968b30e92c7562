"""``CompiledQuery``: the driver's speed, with the ORM's answers and the ORM's errors.

On the test's database (SQLite, or PostgreSQL when DATABASE_URL names one): what a
compiled query reads equals what the ORM reads for the same rows, down to the types
and the UTC timestamps; its parameters go through the same converters; its errors are
SQLAlchemy's, classified as the ORM's are. The compiled form is made once per dialect.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Column, Dialect, Engine, MetaData, String, Table, bindparam, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

import db.compiled_query
from db.compiled_query import CompiledQuery
from db.engine import make_engine
from db.errors import UnclassifiedFailure
from db.failures import database_failure
from db.records import record_of
from db.repositories.auth import SessionRecord, UserRecord
from db.tables.auth import AuthSessionRow, UserRow
from db.unit_of_work import SqlUnitOfWork, session_factory
from services.passwords import PasswordHasher
from tests.factories.auth import make_user
from tests.integration.conftest import UowFactory
from tests.integration.rows import save

_sessions: Table = AuthSessionRow.__table__  # type: ignore[attr-defined]
KATHMANDU = timezone(timedelta(hours=5, minutes=45))  # not a whole hour off UTC
# Whole seconds, before the year 1000 (four-digit years start with a 0), and a
# fraction given in another zone: each has a way to go wrong on the way back.
WHOLE_SECONDS = datetime(2026, 11, 21, 8, 2, 44, tzinfo=UTC)
FIRST_MILLENNIUM = datetime(999, 12, 31, 23, 59, 59, 5, tzinfo=UTC)
YEAR_FIVE = datetime(5, 1, 1, tzinfo=UTC)
ELSEWHERE = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=KATHMANDU)

EXPIRING = CompiledQuery(
    select(_sessions.c.id, _sessions.c.expires_at)
    .where(_sessions.c.expires_at > bindparam("after"))
    .order_by(_sessions.c.expires_at)
)


def a_user(hasher: PasswordHasher, email: str = "record@example.com") -> UserRow:
    user = make_user(hasher, email=email, now=FIRST_MILLENNIUM)
    user.updated_at = WHOLE_SECONDS
    user.last_signed_in_at = ELSEWHERE
    user.avatar_url = "https://example.com/a.png"
    return user


def a_session(user: UserRow, expires_at: datetime, revoked_at: datetime | None) -> AuthSessionRow:
    return AuthSessionRow(
        user_id=user.id,
        refresh_token_hash="b" * 64,
        created_at=WHOLE_SECONDS,
        expires_at=expires_at,
        revoked_at=revoked_at,
    )


def read_by_the_orm(sessions: sessionmaker[Session], row: Any) -> Any:
    with sessions() as session:
        return session.get(type(row), row.id)


def timestamps(record: tuple[Any, ...]) -> list[datetime]:
    return [value for value in record if isinstance(value, datetime)]


@pytest.fixture
def user(sessions: sessionmaker[Session], hasher: PasswordHasher) -> UserRow:
    user = a_user(hasher)
    save(sessions, user)
    return user


@pytest.mark.parametrize(
    ("expires_at", "revoked_at"),
    [(WHOLE_SECONDS, None), (ELSEWHERE, YEAR_FIVE), (FIRST_MILLENNIUM, WHOLE_SECONDS)],
)
def test_a_record_holds_what_the_orm_reads_for_its_row(
    make_uow: UowFactory,
    sessions: sessionmaker[Session],
    user: UserRow,
    expires_at: datetime,
    revoked_at: datetime | None,
) -> None:
    auth_session = a_session(user, expires_at, revoked_at)
    save(sessions, auth_session)
    with make_uow(read_only=True) as uow:
        found = uow.sessions.get_with_user(auth_session.id)
    assert found is not None
    session_record, user_record = found
    assert session_record == record_of(SessionRecord, read_by_the_orm(sessions, auth_session))
    assert user_record == record_of(UserRecord, read_by_the_orm(sessions, user))
    for value in (*timestamps(session_record), *timestamps(user_record)):
        assert value.tzinfo is UTC, value
    assert session_record.expires_at == expires_at
    assert session_record.revoked_at == revoked_at
    assert (user_record.created_at, user_record.updated_at) == (FIRST_MILLENNIUM, WHOLE_SECONDS)
    assert user_record.last_signed_in_at == ELSEWHERE
    assert type(user_record.is_active) is bool


def test_a_server_in_another_time_zone_still_gives_utc(
    database_url: str, migrated_engine: Engine, user: UserRow
) -> None:
    if migrated_engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL session's time zone")
    # psycopg hands timestamptz values back in the session's zone, not in UTC.
    url = make_url(database_url).update_query_dict({"options": "-c TimeZone=Asia/Kathmandu"})
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        sessions = session_factory(engine)
        auth_session = a_session(user, FIRST_MILLENNIUM, ELSEWHERE)
        save(sessions, auth_session)
        with SqlUnitOfWork(sessions, read_only=True) as uow:
            found = uow.sessions.get_with_user(auth_session.id)
        assert found is not None
        assert found[0] == record_of(SessionRecord, read_by_the_orm(sessions, auth_session))
        assert found[1] == record_of(UserRecord, read_by_the_orm(sessions, user))
        for value in (*timestamps(found[0]), *timestamps(found[1])):
            assert value.tzinfo is UTC, value
    finally:
        engine.dispose()


def test_the_types_are_the_orms(
    make_uow: UowFactory, sessions: sessionmaker[Session], user: UserRow
) -> None:
    auth_session = a_session(user, WHOLE_SECONDS, None)
    save(sessions, auth_session)
    with make_uow(read_only=True) as uow:
        found = uow.sessions.get_with_user(auth_session.id)
    assert found is not None
    session_record, user_record = found
    orm_session, orm_user = read_by_the_orm(sessions, auth_session), read_by_the_orm(sessions, user)
    assert types_of(session_record, session_record) == types_of(session_record, orm_session)
    assert types_of(user_record, user_record) == types_of(user_record, orm_user)


def types_of(record: SessionRecord | UserRecord, source: Any) -> dict[str, type]:
    """The type of each of ``record``'s fields, as ``source`` (it, or an ORM row) holds it."""
    return {name: type(getattr(source, name)) for name in type(record)._fields}


def test_a_utc_parameter_is_converted_as_the_orm_converts_it(
    make_uow: UowFactory, sessions: sessionmaker[Session], user: UserRow
) -> None:
    early, late = WHOLE_SECONDS, WHOLE_SECONDS + timedelta(hours=3)
    save(sessions, a_session(user, early, None), a_session(user, late, None))
    # Given in another zone: an hour after `early`, written two hours "before" it there
    # (had the zone been dropped rather than converted, both rows would be later).
    after = (early + timedelta(hours=1)).astimezone(timezone(timedelta(hours=-1)))
    with make_uow(read_only=True) as uow:
        rows = EXPIRING.all(uow, after=after)
    assert [expires_at for _, expires_at in rows] == [late]


def test_a_naive_datetime_parameter_is_refused(make_uow: UowFactory) -> None:
    with make_uow(read_only=True) as uow, pytest.raises(ValueError, match="naive datetime"):
        EXPIRING.all(uow, after=WHOLE_SECONDS.replace(tzinfo=None))


@pytest.mark.parametrize(
    "statement",
    [
        select(_sessions.c.id).where(_sessions.c.id.in_(bindparam("ids", expanding=True))),
        select(_sessions.c.id).where(_sessions.c.id.in_(["a", "b"])),
    ],
    ids=["expanding bindparam", "literal list"],
)
def test_list_parameters_are_refused(make_uow: UowFactory, statement: Any) -> None:
    query = CompiledQuery(statement)
    with make_uow(read_only=True) as uow, pytest.raises(ValueError, match="list parameters"):
        query.all(uow, ids=["a", "b"])


MISSING = Table("no_such_table", MetaData(), Column("id", String(36)))
SECRET = "private.person@example.com"


def test_a_driver_error_is_wrapped_and_classified_as_the_orms(
    make_uow: UowFactory, sessions: sessionmaker[Session]
) -> None:
    statement = select(MISSING.c.id).where(MISSING.c.id == bindparam("id"))
    with make_uow(read_only=True) as uow, pytest.raises(DBAPIError) as compiled_raised:
        CompiledQuery(statement).all(uow, id=SECRET)
    with sessions() as session, pytest.raises(DBAPIError) as orm_raised:
        session.execute(statement, {"id": SECRET})
    compiled_error, orm_error = compiled_raised.value, orm_raised.value
    assert type(compiled_error) is type(orm_error)
    assert type(compiled_error.orig) is type(orm_error.orig)
    assert not compiled_error.connection_invalidated
    assert compiled_error.statement == orm_error.statement
    # The values stay out of the message, as the app's engines keep them out of theirs.
    assert compiled_error.hide_parameters
    assert SECRET not in str(compiled_error)
    compiled_failure = database_failure(compiled_error)
    assert type(compiled_failure) is type(database_failure(orm_error)) is UnclassifiedFailure
    assert "no_such_table" in str(compiled_failure)
    assert SECRET not in str(compiled_failure)


def test_after_an_error_the_unit_of_work_reads_on(make_uow: UowFactory, user: UserRow) -> None:
    with make_uow(read_only=True) as uow:
        with pytest.raises(DBAPIError):
            CompiledQuery(select(MISSING.c.id)).all(uow)
        assert uow.users.get(user.id) is not None


class RecordingLink:
    """A DriverLink whose driver connection keeps what it is sent and answers no rows."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.sent: list[tuple[str, Any]] = []

    def driver_connection(self) -> RecordingLink:
        return self

    def cursor(self) -> RecordingLink:
        return self

    def execute(self, sql: str, parameters: Any) -> None:
        self.sent.append((sql, parameters))

    def fetchall(self) -> list[tuple[Any, ...]]:
        return []

    def close(self) -> None:
        pass

    def invalidate(self, error: BaseException) -> None:
        raise AssertionError("nothing fails here")


# Making an engine connects to nothing: these only lend their dialects.
SQLITE = make_engine("sqlite://").dialect
POSTGRESQL = make_engine("postgresql+psycopg://nobody@127.0.0.1:9/nothing").dialect


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The dialect of each compilation any CompiledQuery makes."""
    made: list[str] = []
    original = db.compiled_query._compile

    def counting(statement: Any, dialect: Dialect) -> Any:
        made.append(dialect.name)
        return original(statement, dialect)

    monkeypatch.setattr(db.compiled_query, "_compile", counting)
    return made


def test_a_query_is_compiled_once_per_dialect(compiles: list[str]) -> None:
    query = CompiledQuery(select(_sessions.c.id).where(_sessions.c.user_id == bindparam("user")))
    links = [RecordingLink(SQLITE), RecordingLink(POSTGRESQL)]
    for _ in range(3):
        for link in links:
            assert query.all(link, user="u-1") == []
    assert compiles == ["sqlite", "postgresql"]
    assert [len(link.sent) for link in links] == [3, 3]


def test_each_driver_gets_its_parameters_in_its_own_form() -> None:
    query = CompiledQuery(
        select(_sessions.c.id).where(
            _sessions.c.expires_at > bindparam("after"), _sessions.c.user_id == bindparam("user")
        )
    )
    after = datetime(2026, 1, 2, 3, 4, 5, tzinfo=KATHMANDU)
    sqlite, postgresql = RecordingLink(SQLITE), RecordingLink(POSTGRESQL)
    query.all(sqlite, user="u-1", after=after)
    query.all(postgresql, user="u-1", after=after)
    # SQLite: in the statement's order, the timestamp as the naive UTC text it stores.
    assert sqlite.sent[0][1] == ("2026-01-01 21:19:05.000000", "u-1")
    # psycopg: by name, the timestamp converted to UTC.
    [(_, named)] = postgresql.sent
    assert named == {"after": after, "user": "u-1"}
    assert named["after"].tzinfo is UTC


def test_runs_on_a_real_database_share_one_compilation(
    make_uow: UowFactory, migrated_engine: Engine, user: UserRow, compiles: list[str]
) -> None:
    query = CompiledQuery(select(_sessions.c.id).where(_sessions.c.user_id == bindparam("user")))
    for _ in range(3):
        with make_uow(read_only=True) as uow:
            assert query.all(uow, user=user.id) == []
    assert compiles == [migrated_engine.dialect.name]
