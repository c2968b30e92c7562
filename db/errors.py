"""Errors raised by the persistence layer itself (not by the database driver)."""


class ReadOnlyUnitOfWorkError(RuntimeError):
    """A query's unit of work was asked to commit: queries never write."""
