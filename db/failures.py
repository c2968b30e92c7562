"""The one place that reads the driver's errors and says what they mean.

PostgreSQL is read by SQLSTATE (psycopg puts it on the error), SQLite by its extended
result code (``sqlite3`` puts it on the error since Python 3.11): both are stable
numbers, unlike the message text, which PostgreSQL translates into the server's
language. What comes out is one of ``db.errors``' classes, or None for an exception
that did not come from the database.
"""

from __future__ import annotations

import enum
import sqlite3
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError

from db.errors import (
    DatabaseFailure,
    DuplicateKey,
    MissingRow,
    StillReferenced,
    TransientFailure,
    UnclassifiedFailure,
)


class _Kind(enum.Enum):
    TRANSIENT = enum.auto()
    UNIQUE = enum.auto()
    FOREIGN_KEY = enum.auto()
    OTHER = enum.auto()


# PostgreSQL's SQLSTATEs (Appendix A of its manual).
_POSTGRES_KINDS = {
    "40001": _Kind.TRANSIENT,  # serialization_failure
    "40P01": _Kind.TRANSIENT,  # deadlock_detected
    "55P03": _Kind.TRANSIENT,  # lock_not_available (NOWAIT, lock_timeout)
    "23505": _Kind.UNIQUE,  # unique_violation
    "23503": _Kind.FOREIGN_KEY,  # foreign_key_violation
}

# SQLite's result codes: busy and locked by their primary code (the low byte), the
# constraints by their extended code (a primary key is a unique key).
_SQLITE_PRIMARY_KINDS = {
    sqlite3.SQLITE_BUSY: _Kind.TRANSIENT,
    sqlite3.SQLITE_LOCKED: _Kind.TRANSIENT,
}
_SQLITE_EXTENDED_KINDS = {
    sqlite3.SQLITE_CONSTRAINT_UNIQUE: _Kind.UNIQUE,
    sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY: _Kind.UNIQUE,
    sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY: _Kind.FOREIGN_KEY,
}


def database_failure(error: BaseException) -> DatabaseFailure | None:
    """What ``error`` means, as a ``db.errors`` class; None if not a database error.

    The failure carries ``error``'s traceback (so a log shows where it happened) but
    not ``error`` itself: raise it ``from None``, so the driver's text, which quotes
    row values, goes nowhere.
    """
    failure = _classify(error)
    if failure is not None:
        failure.__traceback__ = error.__traceback__
    return failure


def _classify(error: BaseException) -> DatabaseFailure | None:
    if isinstance(error, StaleDataError | ObjectDeletedError):
        # The ORM updated or reloaded a row by its key and found none: another
        # transaction deleted it after this one read it.
        return MissingRow("A row this transaction read was deleted before it was written")
    if not isinstance(error, DBAPIError):
        return None
    driver_error = error.orig
    kind = _kind(driver_error)
    description = _describe(driver_error, error.statement)
    if kind is _Kind.TRANSIENT or _lost_before_commit(error):
        return TransientFailure(description)
    if kind is _Kind.UNIQUE:
        return DuplicateKey(description)
    if kind is _Kind.FOREIGN_KEY:
        # An INSERT or UPDATE names a row that is gone; anything else (a DELETE) is
        # refused because rows still name the one it deletes. The statement, not the
        # (translated) message, tells which. Ids are never updated, so an UPDATE is
        # always the referring side.
        if _verb(error.statement) in ("INSERT", "UPDATE"):
            return MissingRow(description)
        return StillReferenced(description)
    return UnclassifiedFailure(description)


def _lost_before_commit(error: DBAPIError) -> bool:
    # The connection dropped (the server restarted, a proxy closed an idle socket)
    # while a statement ran: the transaction died with it, uncommitted, and the pool
    # has let the connection go, so the call can run again on a new one. That is how
    # a stale pooled connection is noticed without pinging on every checkout. A drop
    # during COMMIT (no statement) is not retried: whether it was kept is unknown.
    return error.connection_invalidated and error.statement is not None


# SQLite refuses a delete that an ON DELETE RESTRICT key forbids from inside its
# foreign-key machinery, as a trigger would: the extended code is then
# SQLITE_CONSTRAINT_TRIGGER, and only this (untranslated) message says why.
_SQLITE_RESTRICT_MESSAGE = "FOREIGN KEY constraint failed"


def _kind(driver_error: Any) -> _Kind:
    sqlstate = getattr(driver_error, "sqlstate", None)
    if isinstance(sqlstate, str):
        return _POSTGRES_KINDS.get(sqlstate, _Kind.OTHER)
    if isinstance(driver_error, sqlite3.Error):
        code = driver_error.sqlite_errorcode
        if code == sqlite3.SQLITE_CONSTRAINT_TRIGGER and str(driver_error) == (
            _SQLITE_RESTRICT_MESSAGE
        ):
            return _Kind.FOREIGN_KEY
        return _SQLITE_EXTENDED_KINDS.get(code) or _SQLITE_PRIMARY_KINDS.get(
            code & 0xFF, _Kind.OTHER
        )
    return _Kind.OTHER


def _verb(statement: str | None) -> str:
    words = (statement or "").split(maxsplit=1)
    return words[0].upper() if words else ""


def _describe(driver_error: Any, statement: str | None) -> str:
    """What went wrong, in words that carry no value from a row or a parameter.

    PostgreSQL's messages quote values ("Key (email)=(...) already exists", "invalid
    input syntax for type integer: ..."), so only the names in its diagnostics are
    kept. SQLite's messages name tables, columns and SQL, never a bound value.
    """
    parts = [type(driver_error).__name__]
    sqlstate = getattr(driver_error, "sqlstate", None)
    diag = getattr(driver_error, "diag", None)
    if isinstance(sqlstate, str):
        parts.append(f"SQLSTATE {sqlstate}")
        for label, name in (
            ("table", "table_name"),
            ("column", "column_name"),
            ("constraint", "constraint_name"),
        ):
            value = getattr(diag, name, None)
            if value:
                parts.append(f"{label} {value}")
    elif isinstance(driver_error, sqlite3.Error):
        parts.append(f"{driver_error.sqlite_errorname}: {driver_error}")
    else:
        # No SQLSTATE: the connection failed (refused, closed, timed out) before or
        # outside any statement, so the text names a server, not a row.
        parts.append(str(driver_error))
    # The SQL text holds placeholders, never values: SQLAlchemy binds every value.
    if statement:
        parts.append(f"in: {statement}")
    return "; ".join(parts)
