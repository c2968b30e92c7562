"""``UTCDateTime`` on a real SQLite file: the text it stores, and the instant it reads back.

SQLite keeps a timestamp as text; the column stores naive UTC with six fractional
digits and reads it back with ``fromisoformat`` (tests/unit/test_utc_timestamps.py holds
the converters to each other for any instant). Here the text really goes through the
database, with the app's engine.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select

from db.column_types import UTCDateTime
from db.engine import make_engine


def stored_form(value: datetime) -> str:
    """The text SQLAlchemy stores for ``value`` on SQLite: naive UTC, six digits."""
    u = value.astimezone(UTC)
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d} "
        f"{u.hour:02d}:{u.minute:02d}:{u.second:02d}.{u.microsecond:06d}"
    )


@pytest.fixture
def stamps() -> Table:
    return Table(
        "stamps", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime)
    )


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 11, 21, 8, 2, 44, tzinfo=UTC),
        datetime(999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=5, minutes=45))),
    ],
)
def test_a_real_sqlite_database_gives_back_what_was_stored(
    stamps: Table, value: datetime, tmp_path: Path
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'stamps.db'}")
    try:
        stamps.metadata.create_all(engine)
        with engine.begin() as connection:
            connection.execute(insert(stamps).values(id=1, at=value))
            stored_text = connection.exec_driver_sql("SELECT at FROM stamps").scalar_one()
            read = connection.execute(select(stamps.c.at)).scalar_one()
    finally:
        engine.dispose()
    assert stored_text == stored_form(value)
    assert read == value
    assert read.tzinfo is UTC
