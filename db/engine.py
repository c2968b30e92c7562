"""Engine construction for the two supported databases: an SQLite file and PostgreSQL."""

from pathlib import Path
from typing import Any

from sqlalchemy import Dialect, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

SQLITE_FILE_NAME = "switchyard.db"
# Connection execution option: the transaction about to begin will write. See
# _begin_sqlite_transaction; other databases ignore it.
WRITE_TRANSACTION = "switchyard_write_transaction"
# PostgreSQL connections older than this are closed rather than reused.
RECYCLE_SECONDS = 600
# Connections a worker keeps for its calls, and how many more it opens in a burst.
CALL_POOL_SIZE = 20
CALL_POOL_OVERFLOW = 10


def default_sqlite_url(data_dir: Path) -> str:
    """The embedded default database: one file in the data directory (not created here)."""
    return f"sqlite:///{data_dir / SQLITE_FILE_NAME}"


def make_engine(url: str) -> Engine:
    """An engine for `url`, tuned for the backend it names.

    Both keep SQL parameters out of exception messages (``hide_parameters``): they are
    emails, names and password hashes, and an exception's message may be logged.
    """
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        return _make_sqlite_engine(url)
    if backend == "postgresql":
        # Pooled connections die when the server restarts or a proxy drops idle
        # sockets. No ping on checkout (a round trip before every transaction):
        # connections are replaced after RECYCLE_SECONDS, before the usual idle
        # timeouts of proxies, and one found dead while in use is let go with every
        # connection pooled before it, and the call is run again on a new one
        # (db.failures: a lost connection is a transient failure).
        return create_engine(url, pool_recycle=RECYCLE_SECONDS, hide_parameters=True)
    raise ValueError(f"Unsupported database backend {backend!r}: use sqlite or postgresql")


def make_call_engine(url: str, engine: Engine) -> AsyncEngine | None:
    """The engine the calls of a server use, when it is not ``engine`` itself (None).

    Calls run on the event loop (db.call_runners). On SQLite they use ``engine``: the
    stdlib driver answers from the file without waiting on anything. On PostgreSQL a
    query waits on the network, so calls use psycopg's asyncio connection through
    SQLAlchemy's asyncio engine: the services keep their synchronous code, and each
    query yields the loop to other calls while it waits. Code outside a server's
    calls (the CLI, migrations, tests preparing data) keeps using ``engine``.
    """
    if make_url(url).get_backend_name() != "postgresql":
        return None
    return create_async_engine(
        url,
        # Calls hold a connection across their waits on the loop, so a worker has as
        # many in use as calls in flight: a pool smaller than that opens and closes a
        # connection per call beyond it (5 of a 16-connection load measured 11% of the
        # server's CPU in connecting).
        pool_size=CALL_POOL_SIZE,
        max_overflow=CALL_POOL_OVERFLOW,
        pool_recycle=RECYCLE_SECONDS,
        hide_parameters=True,
    )


def ping(engine: Engine) -> None:
    """Ask the database for the cheapest answer it gives; raises if it cannot be reached.

    A pooled connection the server dropped (a restart, a proxy closing idle sockets)
    says nothing about the database, and nothing pings a connection before it is used:
    the first statement on it fails, and SQLAlchemy lets it go with those pooled before
    it. Then the ping is asked again, on a new connection, as a call is run again
    (db.failures): only that answer tells whether the database can be reached.
    """
    try:
        _select_one(engine)
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
        _select_one(engine)


def _select_one(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def _make_sqlite_engine(url: str) -> Engine:
    # The engine is shared by the server's worker threads; SQLAlchemy's pool makes
    # sure one connection is only used by one thread at a time.
    engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _connection_record: Any) -> None:
    # pysqlite's legacy transaction control (the only mode before Python 3.12) only
    # emits BEGIN before INSERT/UPDATE/DELETE, so SELECTs and DDL would run outside
    # the transaction. Turning it off and emitting BEGIN ourselves in the "begin"
    # event is SQLAlchemy's documented recipe for real transactions on SQLite.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # SQLite ignores foreign keys (and ON DELETE CASCADE) unless asked, per connection.
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL lets readers proceed while one writer writes; busy_timeout makes a
        # writer wait for the lock instead of failing at once with "database is locked".
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def _begin_sqlite_transaction(connection: Any) -> None:
    # A deferred BEGIN that reads and then writes fails at once with SQLITE_BUSY
    # (busy_timeout does not help) if another connection wrote in between. A
    # transaction that means to write therefore takes the write lock up front,
    # and concurrent writers queue on busy_timeout instead of failing.
    if connection.get_execution_options().get(WRITE_TRANSACTION, False):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def reads_without_transaction(dbapi_connection: Any, dialect: Dialect) -> None:
    """Let a borrowed connection run each read as its own statement (no BEGIN/ROLLBACK).

    psycopg opens a transaction before the first statement and the pool rolls it back
    when the connection returns: two round trips more for a one-query read. In
    autocommit, each SELECT sees what was committed when it started, which is what
    READ COMMITTED gives each statement of a transaction anyway. SQLite connections
    are in autocommit already (see _configure_sqlite_connection).
    """
    if dialect.name == "postgresql":
        dbapi_connection.autocommit = True


def back_to_transactions(dbapi_connection: Any, dialect: Dialect) -> None:
    """Undo ``reads_without_transaction`` before the ORM or the pool gets the connection."""
    if dialect.name == "postgresql":
        dbapi_connection.autocommit = False
