"""What every repository shares: add, get, lock and delete one row by its id.

A domain's repository subclasses ``SqlRepository[ItsRow]``, names its table in
``row_type`` and adds only the queries of its own (Cosmic Python's AbstractRepository,
over a SQLModel session that the unit of work owns and commits).
"""

from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import Dialect
from sqlmodel import Session, SQLModel

from db.compiled_query import DriverLink

RowT = TypeVar("RowT", bound=SQLModel)


class Store(Protocol[RowT]):
    """The part of a store every domain's services may use."""

    def add(self, row: RowT) -> None: ...
    def get(self, row_id: str) -> RowT | None: ...


def storable(key: str) -> bool:
    # PostgreSQL refuses a NUL character in a text parameter with an error, where
    # SQLite just finds nothing. No stored key contains NUL, so answer "not found"
    # without asking: the same on both databases, and never a server error.
    return "\x00" not in key


def ordering(column: Any, *, descending: bool) -> Any:
    # Rows without a value (never accessed) come last either way, on both databases
    # (SQLite and PostgreSQL disagree on where NULL sorts by default).
    ordered = column.desc() if descending else column.asc()
    return ordered.nulls_last()


LIKE_ESCAPE = "\\"


def contains(column: Any, text: str) -> Any:
    """``column`` holds ``text`` anywhere, ignoring case (ASCII case on SQLite).

    The text is matched literally: ``%`` and ``_`` typed into a search box are
    characters to find, not wildcards, so they are escaped.
    """
    return column.ilike(contains_pattern(text), escape=LIKE_ESCAPE)


def contains_pattern(text: str) -> str:
    """The LIKE pattern of :func:`contains`, for a compiled query's bound parameter
    (``column.ilike(bindparam(...), escape=LIKE_ESCAPE)``): the statement is compiled
    once, so the text cannot be part of it."""
    escaped = (
        text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )
    return f"%{escaped}%"


class TransactionLink(DriverLink, Protocol):
    """What a repository works through: the unit of work's transaction (SqlUnitOfWork).

    The ORM session for rows it adds, changes and loads as objects; the driver
    connection under it for compiled queries (db.compiled_query), the fast path of reads.
    """

    @property
    def session(self) -> Session: ...


def flushed_driver_connection(session: Session) -> Any:
    """The driver connection under ``session``, once its pending changes are written.

    The ORM flushes before each query of its own (autoflush), so a read sees what the
    transaction added or changed. A compiled query runs on the driver's cursor, which
    the session never sees: without this it would miss the rows still pending. Skipped
    where the ORM would skip it too (``autoflush`` off, as in ``no_autoflush``).
    """
    if session.autoflush:
        session.flush()
    return session.connection().connection.driver_connection


class SessionLink:
    """A TransactionLink over a session someone else opened (tools, tests)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def dialect(self) -> Dialect:
        return self.session.get_bind().dialect

    def driver_connection(self) -> Any:
        return flushed_driver_connection(self.session)

    def invalidate(self, error: BaseException) -> None:
        self.session.connection().invalidate(error)


def as_link(link: TransactionLink | Session) -> TransactionLink:
    """A unit of work as it is, or a session someone opened, as a TransactionLink."""
    return SessionLink(link) if isinstance(link, Session) else link


class SqlRepository(Generic[RowT]):
    """One table's rows by id, within the unit of work's transaction."""

    row_type: type[RowT]

    def __init__(self, link: TransactionLink | Session) -> None:
        self._link = as_link(link)

    @property
    def _session(self) -> Session:
        return self._link.session

    def add(self, row: RowT) -> None:
        self._session.add(row)

    def get(self, row_id: str, *, reload: bool = False) -> RowT | None:
        """The row; with ``reload``, read again from the database (after taking a lock)."""
        if not storable(row_id):
            return None
        return self._session.get(self.row_type, row_id, populate_existing=reload)

    def lock(self, row_id: str) -> RowT | None:
        """The row, re-read and row-locked until the transaction ends.

        On PostgreSQL: SELECT ... FOR UPDATE, so writers of the row take turns. SQLite
        has no row locks and needs none: a writing transaction there holds the
        database's only write lock already.
        """
        if not storable(row_id):
            return None
        return self._session.get(
            self.row_type, row_id, with_for_update=True, populate_existing=True
        )

    def delete(self, row: RowT) -> None:
        self._session.delete(row)
