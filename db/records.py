"""Records: rows read by compiled queries (db.compiled_query), as typed named tuples.

An ORM row costs its loading and tracking on every read; a record is the row's values
and nothing else, made from the driver's tuple without a copy. A record's fields name
the table's columns it holds, in order, so the SELECT is written from them once
(:func:`columns_of`) and a test keeps each record's types in step with its table.
"""

from typing import Any

from sqlalchemy import ColumnElement, Table


def columns_of(fields: tuple[str, ...], table: Table) -> list[ColumnElement[Any]]:
    """The columns of ``table`` named by a record's ``fields``, in order: what to SELECT."""
    return [table.c[name] for name in fields]
