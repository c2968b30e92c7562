"""Reads at the driver's speed: a Core statement compiled once, run on the driver's cursor.

The ORM's path for a read costs far more than the query (measured for the session and
user of a token on SQLite, per call: 534 us through a repository's ``select`` of two
ORM classes, 270 us as a Core statement on a connection, 25 us on the driver's cursor).
Most of it is per-call work whose answer never changes: building the statement,
computing its cache key, looking up the compiled form, setting up an execution context
and result metadata, then loading ORM objects and tracking them in an identity map.

A :class:`CompiledQuery` keeps the statement as SQLAlchemy Core (the tables' columns,
portable between SQLite and PostgreSQL, checked by mypy), compiles it once per dialect,
and keeps what each execution needs: the SQL text, the order of its parameters and the
type conversions of its parameters and result columns (the same converters SQLAlchemy
uses, so a UTC timestamp comes back timezone-aware on SQLite as on PostgreSQL). Each
execution is then one ``cursor.execute`` and ``fetchall`` on the unit of work's own
connection, so it sees and is part of the same transaction as everything else the unit
of work does. Errors are wrapped as SQLAlchemy wraps them (``DBAPIError``, parameters
hidden), so ``db.failures`` reads them the same way, and a dropped connection is
invalidated for the pool to replace.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Dialect, Float, Numeric
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.sql import Select
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlalchemy.util import await_only

Row = tuple[Any, ...]
_Convert = Callable[[Any], Any]


class DriverLink(Protocol):
    """Where a compiled query runs: the unit of work's connection (db.unit_of_work)."""

    @property
    def dialect(self) -> Dialect: ...

    def driver_connection(self) -> Any: ...

    def invalidate(self, error: BaseException) -> None: ...


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    # Positional paramstyles (SQLite's qmark) take a tuple in this order; named ones
    # (psycopg's pyformat) a dict. None: named.
    parameter_order: tuple[str, ...] | None
    bind_converters: Mapping[str, _Convert]
    # (column index, converter) for the result columns whose driver value needs one.
    result_converters: tuple[tuple[int, _Convert], ...]


class CompiledQuery:
    """A SELECT with named ``bindparam``s, compiled once per dialect (see module)."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._by_dialect: dict[str, _Compiled] = {}

    def all(self, link: DriverLink, /, **params: Any) -> list[Row]:
        """Every row, as tuples in the order of the statement's columns."""
        return self._run(link, params)

    def first(self, link: DriverLink, /, **params: Any) -> Row | None:
        rows = self._run(link, params)
        return rows[0] if rows else None

    def _run(self, link: DriverLink, params: Mapping[str, Any]) -> list[Row]:
        dialect = link.dialect
        compiled = self._by_dialect.get(dialect.name)
        if compiled is None:
            compiled = self._by_dialect[dialect.name] = _compile(self.statement, dialect)
        values = _parameters(compiled, params)
        connection = link.driver_connection()
        rows: Sequence[Row]
        try:
            if dialect.is_async:
                # One await for the whole query, not one per cursor call as SQLAlchemy's
                # adapter makes: each is a switch out of the call's greenlet and back.
                rows = await_only(_fetch_async(connection, compiled.sql, values))
            else:
                rows = _fetch(connection, compiled.sql, values)
        except dialect.loaded_dbapi.Error as error:
            raise _wrapped(error, compiled.sql, link, connection) from error
        converters = compiled.result_converters
        if not converters:
            return list(rows)
        converted = []
        for row in rows:
            values = list(row)
            for index, convert in converters:
                value = values[index]
                if value is not None:
                    values[index] = convert(value)
            converted.append(tuple(values))
        return converted


def _fetch(connection: Any, sql: str, values: Any) -> Sequence[Row]:
    cursor = connection.cursor()
    try:
        cursor.execute(sql, values)
        rows: Sequence[Row] = cursor.fetchall()
        return rows
    finally:
        cursor.close()


async def _fetch_async(connection: Any, sql: str, values: Any) -> Sequence[Row]:
    async with connection.cursor() as cursor:
        await cursor.execute(sql, values)
        rows: Sequence[Row] = await cursor.fetchall()
        return rows


def _compile(statement: Select[Any], dialect: Dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect)
    if compiled.literal_execute_params or compiled.post_compile_params:
        # An expanding IN (a list parameter) is rendered per execution: not for here.
        raise ValueError("a compiled query cannot take list parameters; use the ORM path")
    order = tuple(compiled.positiontup or ()) if compiled.positional else None
    # SQLAlchemy's own converters for each type, on this dialect.
    result_converters = tuple(
        (index, convert)
        for index, column in enumerate(statement.selected_columns)
        if (
            convert := column.type.dialect_impl(dialect).result_processor(
                dialect, _type_code(column.type, dialect)
            )
        )
        is not None
    )
    bind_converters = {
        name: convert
        for name, bind in compiled.binds.items()
        if (convert := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    }
    return _Compiled(
        sql=compiled.string,
        parameter_order=order,
        bind_converters=bind_converters,
        result_converters=result_converters,
    )


# NUMERIC's type code (its OID) on PostgreSQL, where the driver gives a Decimal.
_PG_NUMERIC = 1700


def _type_code(sql_type: TypeEngine[Any], dialect: Dialect) -> int | None:
    """The driver's type code of a result column of ``sql_type``, where SQLAlchemy's
    converter needs it. SQLAlchemy reads it from the cursor on every execution; the
    converters here are made once, before any cursor, so it is given from the column's
    type: only PostgreSQL's numeric converter asks (a money column, db.column_types)."""
    impl = sql_type.dialect_impl(dialect)
    if isinstance(impl, TypeDecorator):
        impl = impl.load_dialect_impl(dialect)
    if dialect.name == "postgresql" and isinstance(impl, Numeric) and not isinstance(impl, Float):
        return _PG_NUMERIC
    return None


def _parameters(compiled: _Compiled, params: Mapping[str, Any]) -> Any:
    converters = compiled.bind_converters
    if converters:
        params = {
            name: converters[name](value) if name in converters else value
            for name, value in params.items()
        }
    if compiled.parameter_order is None:
        return params
    return tuple(params[name] for name in compiled.parameter_order)


def _wrapped(error: Any, sql: str, link: DriverLink, connection: Any) -> StatementError:
    dialect = link.dialect
    dropped = dialect.is_disconnect(error, connection, None)
    if dropped:
        link.invalidate(error)
    wrapped: StatementError = DBAPIError.instance(
        sql,
        None,
        error,
        dialect.loaded_dbapi.Error,
        hide_parameters=True,
        dialect=dialect,
        connection_invalidated=dropped,
    )
    return wrapped
