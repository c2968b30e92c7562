"""The PostgreSQL floor's driver: psycopg's async connections from a psycopg_pool pool.

What psycopg's documentation shows for an async web app: one ``AsyncConnectionPool``
per process, opened in the lifespan, and ``async with pool.connection()`` for the
length of a request, so a batch runs all of its queries on one connection.

Sized as Switchyard's call pool is (``db.engine``: CALL_POOL_SIZE kept, CALL_POOL_OVERFLOW
more in a burst): both sides may hold as many connections, and neither has its requests
queue for one where the other would not. Autocommit, because a request only reads:
without it psycopg would send BEGIN before the first query and the pool a COMMIT on
return, two round trips that are not the queries' work (Switchyard's read-only units of
work read in autocommit too). No check on checkout, on either side.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from psycopg import AsyncConnection
from psycopg.rows import DictRow, dict_row
from psycopg_pool import AsyncConnectionPool

from benchmarks.floor_queries import (
    ACCOUNTS_OF_USER_SQL,
    SESSION_WITH_USER_SQL,
    TICKET_COUNT_SQL,
    TICKET_PAGE_SQL,
    UNIT_COUNT_SQL,
    UNIT_PAGE_SQL,
)
from db.engine import CALL_POOL_OVERFLOW, CALL_POOL_SIZE

_SESSION_WITH_USER = SESSION_WITH_USER_SQL.format(placeholder="%s")
_ACCOUNTS_OF_USER = ACCOUNTS_OF_USER_SQL.format(placeholder="%s")
_TICKET_PAGE = TICKET_PAGE_SQL.format(placeholder="%s")
_UNIT_PAGE = UNIT_PAGE_SQL.format(placeholder="%s")
_UNIT_COUNT = UNIT_COUNT_SQL.format(placeholder="%s")
POOL_MIN_SIZE = CALL_POOL_SIZE
POOL_MAX_SIZE = CALL_POOL_SIZE + CALL_POOL_OVERFLOW


class PostgresqlFloorConnection:
    """One pooled connection, held for one request."""

    def __init__(self, connection: AsyncConnection[DictRow]) -> None:
        self._connection = connection

    async def session_with_user(self, session_id: str) -> dict[str, Any] | None:
        cursor = await self._connection.execute(_SESSION_WITH_USER, (session_id,))
        return await cursor.fetchone()

    async def accounts_of(self, user_id: str) -> list[dict[str, Any]]:
        cursor = await self._connection.execute(_ACCOUNTS_OF_USER, (user_id,))
        rows: list[dict[str, Any]] = await cursor.fetchall()
        return rows

    async def ticket_page(self, *, limit: int, offset: int) -> list[dict[str, Any]]:
        # numeric(12, 2) comes back as Decimal with its two places: nothing to convert.
        cursor = await self._connection.execute(_TICKET_PAGE, (limit, offset))
        rows: list[dict[str, Any]] = await cursor.fetchall()
        return rows

    async def ticket_count(self) -> int:
        cursor = await self._connection.execute(TICKET_COUNT_SQL)
        row = await cursor.fetchone()
        assert row is not None  # count(*) always answers one row
        return int(row["total"])

    async def unit_page(
        self, *, virtual_warehouse_type: str, limit: int, offset: int
    ) -> list[dict[str, Any]]:
        # date, numeric(12, 2) and json come back as date, Decimal and the list.
        cursor = await self._connection.execute(_UNIT_PAGE, (virtual_warehouse_type, limit, offset))
        rows: list[dict[str, Any]] = await cursor.fetchall()
        return rows

    async def unit_count(self, *, virtual_warehouse_type: str) -> int:
        cursor = await self._connection.execute(_UNIT_COUNT, (virtual_warehouse_type,))
        row = await cursor.fetchone()
        assert row is not None  # count(*) always answers one row
        return int(row["total"])


class PostgresqlFloorDatabase:
    def __init__(self, conninfo: str) -> None:
        self._pool = AsyncConnectionPool(
            conninfo,
            connection_class=AsyncConnection[DictRow],
            kwargs={"autocommit": True, "row_factory": dict_row},
            min_size=POOL_MIN_SIZE,
            max_size=POOL_MAX_SIZE,
            # Opened in the lifespan, where an event loop runs (psycopg_pool asks for it).
            open=False,
        )

    async def open(self) -> None:
        # wait: a server that cannot reach its database fails at start-up, not on the
        # first request under load.
        await self._pool.open(wait=True)

    async def close(self) -> None:
        await self._pool.close()

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[PostgresqlFloorConnection]:
        async with self._pool.connection() as connection:
            yield PostgresqlFloorConnection(connection)
