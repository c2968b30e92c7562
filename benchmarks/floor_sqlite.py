"""The SQLite floor's driver: stdlib sqlite3, called in the event loop.

That is how a hand-writer uses SQLite from an async route: the queries take
microseconds from the page cache, so a thread hop per query would cost more than it
saves. One connection serves the whole process; the event loop runs one query at a
time, so it is never shared between two at once.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from benchmarks.floor_queries import (
    ACCOUNTS_OF_USER_SQL,
    SESSION_WITH_USER_SQL,
    TICKET_COUNT_SQL,
    TICKET_PAGE_SQL,
    UNIT_COUNT_SQL,
    UNIT_PAGE_SQL,
)

_SESSION_WITH_USER = SESSION_WITH_USER_SQL.format(placeholder="?")
_ACCOUNTS_OF_USER = ACCOUNTS_OF_USER_SQL.format(placeholder="?")
_TICKET_PAGE = TICKET_PAGE_SQL.format(placeholder="?")
_UNIT_PAGE = UNIT_PAGE_SQL.format(placeholder="?")
_UNIT_COUNT = UNIT_COUNT_SQL.format(placeholder="?")
# A ticket's amounts of money (the app's MoneyAmount columns).
_MONEY_COLUMNS = ("service_fee", "diagnosis_fee", "discount_amount", "parts_total", "total_cost")


def _utc_datetime(stored: bytes) -> datetime:
    # The app's UTCDateTime stores naive UTC text ("2026-11-28 23:17:21.533356"); the
    # output models need aware datetimes. The offset is appended rather than set with
    # replace(tzinfo=...), which costs as much again as parsing the text.
    return datetime.fromisoformat(stored.decode() + "+00:00")


def _date(stored: bytes) -> date:
    return date.fromisoformat(stored.decode())  # the Date type stores "2026-11-28"


def _json(stored: bytes) -> Any:
    return json.loads(stored)  # the JSON type stores the value's JSON text


def _boolean(stored: bytes) -> bool:
    return stored != b"0"  # SQLite keeps booleans as the integers 0 and 1


def _money(cents: int) -> Decimal:
    # MoneyAmount keeps whole cents in SQLite, whose only exact numbers are integers:
    # the amount again with its two places, exactly. Converted by column name, not with
    # a converter for the declared BIGINT, which is not money in every table.
    return Decimal(cents).scaleb(-2)


def _row_as_dict(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> dict[str, Any]:
    # The row factory of sqlite3's documentation: the row by column name.
    return dict(zip([column[0] for column in cursor.description], values, strict=True))


class SqliteFloorDatabase:
    """The app's SQLite file, read through one sqlite3 connection.

    It is its own connection for a request (``async with database.connection()``), so
    the routes read the same for both drivers at no cost here.
    """

    def __init__(self, path: str) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None

    async def open(self) -> None:
        # sqlite3's own conversion by declared column type, done as each value is read:
        # the tables declare DATETIME, DATE, BOOLEAN and JSON (see `.schema`).
        # Process-wide, and only for connections that ask for it with detect_types.
        sqlite3.register_converter("DATETIME", _utc_datetime)
        sqlite3.register_converter("DATE", _date)
        sqlite3.register_converter("JSON", _json)
        sqlite3.register_converter("BOOLEAN", _boolean)
        self._connection = sqlite3.connect(self._path, detect_types=sqlite3.PARSE_DECLTYPES)
        self._connection.row_factory = _row_as_dict

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def connection(self) -> SqliteFloorDatabase:
        return self

    async def __aenter__(self) -> SqliteFloorDatabase:
        return self

    async def __aexit__(self, *_: object) -> None:
        return None

    async def session_with_user(self, session_id: str) -> dict[str, Any] | None:
        row: dict[str, Any] | None = (
            self._open().execute(_SESSION_WITH_USER, (session_id,)).fetchone()
        )
        return row

    async def accounts_of(self, user_id: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self._open().execute(_ACCOUNTS_OF_USER, (user_id,)).fetchall()
        return rows

    async def ticket_page(self, *, limit: int, offset: int) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self._open().execute(_TICKET_PAGE, (limit, offset)).fetchall()
        for row in rows:
            for column in _MONEY_COLUMNS:
                row[column] = _money(row[column])
        return rows

    async def ticket_count(self) -> int:
        row: dict[str, Any] = self._open().execute(TICKET_COUNT_SQL).fetchone()
        return int(row["total"])

    async def unit_page(
        self, *, virtual_warehouse_type: str, limit: int, offset: int
    ) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = (
            self._open().execute(_UNIT_PAGE, (virtual_warehouse_type, limit, offset)).fetchall()
        )
        for row in rows:
            if row["purchase_price"] is not None:
                row["purchase_price"] = _money(row["purchase_price"])
        return rows

    async def unit_count(self, *, virtual_warehouse_type: str) -> int:
        row: dict[str, Any] = (
            self._open().execute(_UNIT_COUNT, (virtual_warehouse_type,)).fetchone()
        )
        return int(row["total"])

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            raise RuntimeError("the SQLite floor's connection is not open (lifespan not run)")
        return self._connection
