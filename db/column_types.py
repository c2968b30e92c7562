"""Column types and ids shared by the tables."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Numeric
from sqlalchemy.types import TypeDecorator

ID_LENGTH = 36  # str(uuid.uuid4())
CENT = Decimal("0.01")


def new_id() -> str:
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC in Python.

    PostgreSQL stores it as `timestamptz`. SQLite has no timezone support, so the
    value is stored as naive UTC and the timezone is put back on the way out. Naive
    datetimes are refused on the way in: their meaning depends on the machine.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"Refusing to store a naive datetime ({value.isoformat()}); use UTC")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        if dialect.name == "sqlite":
            # SQLite hands back the text SQLAlchemy stored ("2026-11-21 08:02:44.000000",
            # naive UTC). fromisoformat reads that form in C: 1 us a value, against 4 us
            # for SQLAlchemy's regular expression followed by process_result_value.
            return _utc_from_sqlite_text
        return super().result_processor(dialect, coltype)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"Expected a datetime from the database, got {type(value).__name__}")
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _utc_from_sqlite_text(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


class MoneyAmount(TypeDecorator[Decimal]):
    """An amount of money, exact: ``numeric(12, 2)`` on PostgreSQL, whole cents on SQLite.

    SQLite has no decimal type: SQLAlchemy would store a Decimal there as a float (and
    warn), and SUM() would add floats. Whole cents in an INTEGER column keep every
    amount and every sum in SQL exact; the value is a Decimal with two places again on
    the way out, on both databases. Twelve digits match ``schemas.money.MONEY_DIGITS``.
    """

    impl = Numeric(12, 2, asdecimal=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(12, 2, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            # An int would pass; a float never should: it is how money goes wrong.
            raise TypeError(f"Money must be a Decimal, got {type(value).__name__}")
        cents = value.quantize(CENT)
        if cents != value:
            raise ValueError(f"Refusing to round {value} to cents silently")
        return int(cents * 100) if dialect.name == "sqlite" else cents

    def process_result_value(self, value: Any | None, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / 100).quantize(CENT)
        return Decimal(value).quantize(CENT)
