"""``UtcDay(column)``: the UTC calendar day of a UTCDateTime column, in SQL, as
``YYYY-MM-DD`` text, for grouping by day on either database.

The two databases store a UTCDateTime differently (db.column_types.UTCDateTime): SQLite
as naive UTC text, PostgreSQL as timestamptz. Each gets its own SQL for the day, and the
PostgreSQL one does not depend on the session's time zone.
"""

from typing import Any

from sqlalchemy import ColumnElement, Select, String, bindparam, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class UtcDay(FunctionElement[str]):
    """The UTC day of a UTCDateTime column as ``YYYY-MM-DD`` text, on either database:
    the two store timestamps differently (db.column_types.UTCDateTime), so each has its
    own SQL for it."""

    type = String()
    inherit_cache = True
    name = "utc_day"


@compiles(UtcDay, "sqlite")
def _utc_day_on_sqlite(element: UtcDay, compiler: SQLCompiler, **kw: Any) -> str:
    # Stored as naive UTC text, "2026-11-21 08:02:44.000000": its first ten characters.
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 10)"


@compiles(UtcDay, "postgresql")
def _utc_day_on_postgresql(element: UtcDay, compiler: SQLCompiler, **kw: Any) -> str:
    # timestamptz: its wall time in UTC, whatever the session's time zone.
    column = compiler.process(element.clauses, **kw)
    return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"


def per_utc_day(figure: Any, at: Any, *conditions: ColumnElement[bool]) -> Select[Any]:
    """``(day, figure)`` per UTC day of the column ``at``, for the rows matching
    ``conditions`` whose ``at`` is from the bound ``start`` up to ``end`` (not included),
    in day order: the one query behind every "last N days" chart."""
    day: Any = UtcDay(at)
    return (
        select(day, figure)
        .where(
            at >= bindparam("start", type_=at.type),
            at < bindparam("end", type_=at.type),
            *conditions,
        )
        .group_by(day)
        .order_by(day)
    )
