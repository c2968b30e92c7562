"""Errors of the persistence layer: its own, and the driver's, translated.

The database's answers to a lost race (a taken unique value, a referenced row that
vanished, a deadlock) reach the caller as one of the :class:`DatabaseFailure` classes
below, made by ``db.failures.database_failure``; the middleware maps them to RPC error
codes in its one table. Their messages name the SQLSTATE, table and constraint but
never a value: the driver's own text quotes the row ("Key (email)=(...)"), and what
is raised may be logged.
"""


class ReadOnlyUnitOfWorkError(RuntimeError):
    """A query's unit of work was asked to commit: queries never write."""


class DatabaseFailure(Exception):  # noqa: N818  (a failure of the database, not of this code)
    """A driver error, classified; its message carries no SQL parameter or row value."""


class TransientFailure(DatabaseFailure):
    """The transaction lost a race the database settles by aborting one side.

    A serialisation failure, a deadlock, a lock that could not be had, SQLite's busy
    or locked database: the database rolled the transaction back, and running it
    again from the start may well succeed.
    """


class DuplicateKey(DatabaseFailure):
    """A unique constraint refused the change: another transaction took the value."""


class MissingRow(DatabaseFailure):
    """A row the change refers to, or updates, is gone (deleted by another transaction)."""


class StillReferenced(DatabaseFailure):
    """A delete was refused: other rows (added meanwhile) still refer to the row."""


class UnclassifiedFailure(DatabaseFailure):
    """Any other database error: a bug or an outage, not a race; answered as internal."""
