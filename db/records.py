"""Records: rows read by compiled queries (db.compiled_query), as typed named tuples.

An ORM row costs its loading and tracking on every read; a record is the row's values
and nothing else, made from the driver's tuple without a copy. A record's fields name
the table's columns it holds, in order, so the SELECT is written from them once
(:func:`columns_of`) and a test keeps each record's types in step with its table.
"""

from collections.abc import Iterable
from typing import Any, Protocol, Self, TypeVar

from sqlalchemy import ColumnElement, Table
from sqlmodel import SQLModel


class Record(Protocol):
    """What every record is: a named tuple (``typing.NamedTuple``)."""

    _fields: tuple[str, ...]

    @classmethod
    def _make(cls, values: Iterable[Any]) -> Self: ...


RecordT = TypeVar("RecordT", bound=Record)


def table_of(row_type: type[SQLModel]) -> Table:
    """The table of a SQLModel row class (SQLModel sets ``__table__``, untyped)."""
    table: Table = row_type.__table__  # type: ignore[attr-defined]
    return table


def columns_of(fields: tuple[str, ...], table: Table) -> list[ColumnElement[Any]]:
    """The columns of ``table`` named by a record's ``fields``, in order: what to SELECT."""
    return [table.c[name] for name in fields]


def record_of(record: type[RecordT], row: object) -> RecordT:
    """``row``'s values as a ``record`` (for code that holds rows: the in-memory fakes)."""
    return record._make(getattr(row, name) for name in record._fields)
