"""Service tickets: storing them, and giving each the next number of its year.

Numbers are gap-free within a year even when tickets are created at once: the year's
``ticket_number_counters`` row is incremented by the transaction that creates the
ticket, in one statement (an upsert that answers the new value). The increment holds
the counter until that transaction ends: PostgreSQL row-locks the counter row, so a
second creator waits for the first to commit (and then reads its value) or to roll back
(and then takes the same number again); on SQLite a writing transaction holds the
database's write lock from its start (BEGIN IMMEDIATE, db.engine), which serialises
creators the same way. A number is therefore only ever kept by a committed ticket.
"""

from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Dialect, Select, String, and_, bindparam, func, literal_column, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.tables.catalog import BrandRow, ProductModelRow
from db.tables.customers import CustomerRow
from db.tables.tickets import ServiceTicketRow, TicketNumberCounterRow

_counters = table_of(TicketNumberCounterRow)
_tickets = table_of(ServiceTicketRow)
_customers = table_of(CustomerRow)
_products = table_of(ProductModelRow)
_brands = table_of(BrandRow)


class TicketViewRecord(NamedTuple):
    """A ticket as answers show it: its columns, then its customer's, its product
    model's and that model's brand's (read in one joined query, never one per row)."""

    id: str
    ticket_number: str
    status: str
    priority_level: str
    warranty_type: str
    service_fee: Decimal
    diagnosis_fee: Decimal
    discount_amount: Decimal
    parts_total: Decimal
    total_cost: Decimal
    issue_description: str
    notes: str | None
    customer_id: str
    product_id: str
    template_id: str | None
    assigned_to: str | None
    created_by: str | None
    started_at: datetime | None
    completed_at: datetime | None
    delivery_confirmed_at: datetime | None
    delivery_confirmed_by_id: str | None
    delivery_signature_url: str | None
    delivery_notes: str | None
    created_at: datetime
    updated_at: datetime
    customer_name: str
    customer_phone: str
    customer_email: str | None
    product_name: str
    product_type: str
    brand_name: str


# The ticket's own columns: the record's fields up to its customer's.
TICKET_FIELDS = TicketViewRecord._fields[: TicketViewRecord._fields.index("customer_name")]


class TicketStore(Store[ServiceTicketRow], Protocol):
    def lock(self, ticket_id: str) -> ServiceTicketRow | None: ...
    def next_number(self, year: int) -> int: ...
    def view(self, ticket_id: str) -> TicketViewRecord | None: ...
    def pending_deliveries(self, *, limit: int, offset: int) -> list[TicketViewRecord]: ...
    def count_pending_deliveries(self) -> int: ...
    def count_open(self) -> int: ...
    def revenue_by_day(self, start: datetime, end: datetime) -> list[tuple[str, Decimal]]: ...


class TicketRepository(SqlRepository[ServiceTicketRow]):
    row_type = ServiceTicketRow

    def view(self, ticket_id: str) -> TicketViewRecord | None:
        """The ticket with its customer and product model, as answers show it."""
        if not storable(ticket_id):
            return None
        row = _view_by_id().first(self._link, ticket_id=ticket_id)
        return None if row is None else TicketViewRecord._make(row)

    def next_number(self, year: int) -> int:
        """The next ticket number of ``year`` (1 for its first ticket), taken for this
        transaction: it is given back if the transaction rolls back."""
        statement = _next_number_statement(self._link.dialect, year)
        taken: int = self._session.execute(statement).scalar_one()
        return taken

    def pending_deliveries(self, *, limit: int, offset: int) -> list[TicketViewRecord]:
        """Completed tickets not yet handed back, the longest waiting first."""
        rows = _pending_deliveries().all(self._link, limit=limit, offset=offset)
        return [TicketViewRecord._make(row) for row in rows]

    def count_pending_deliveries(self) -> int:
        row = _pending_deliveries_count().first(self._link)
        return int(row[0]) if row is not None else 0

    def count_open(self) -> int:
        """The tickets still being worked on: pending or in progress."""
        row = _open_count().first(self._link)
        return int(row[0]) if row is not None else 0

    def revenue_by_day(self, start: datetime, end: datetime) -> list[tuple[str, Decimal]]:
        """``(day, revenue)`` of the tickets completed from ``start`` up to ``end``
        (UTC), by UTC day of completion (YYYY-MM-DD), in day order; only the days that
        had any. The sum is the database's, exact on both (numeric on PostgreSQL, whole
        cents on SQLite, db.column_types.MoneyAmount)."""
        rows = _revenue_by_day().all(self._link, start=start, end=end)
        return [(str(day), revenue) for day, revenue in rows]


def _next_number_statement(dialect: Dialect, year: int) -> Any:
    # INSERT ... ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1
    # RETURNING last_number: the same statement on both databases.
    insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
    statement = insert(_counters).values(year=year, last_number=1)
    return statement.on_conflict_do_update(
        index_elements=[_counters.c.year],
        set_={"last_number": _counters.c.last_number + 1},
    ).returning(_counters.c.last_number)


def ticket_views() -> Select[Any]:
    """SELECT of :class:`TicketViewRecord`'s columns over tickets joined to their
    customer, product model and brand: listings add their WHERE, ORDER BY and page."""
    return (
        select(
            *columns_of(TICKET_FIELDS, _tickets),
            _customers.c.name,
            _customers.c.phone,
            _customers.c.email,
            _products.c.name,
            _products.c.type,
            _brands.c.name,
        )
        .join(_customers, _customers.c.id == _tickets.c.customer_id)
        .join(_products, _products.c.id == _tickets.c.product_id)
        .join(_brands, _brands.c.id == _products.c.brand_id)
    )


@cache
def _view_by_id() -> CompiledQuery:
    return CompiledQuery(ticket_views().where(_tickets.c.id == bindparam("ticket_id")))


# Statuses named in SQL as constants: a compiled query takes no anonymous parameters.
_COMPLETED: Any = literal_column("'completed'")


def _awaiting_delivery() -> Any:
    return and_(_tickets.c.status == _COMPLETED, _tickets.c.delivery_confirmed_at.is_(None))


@cache
def _pending_deliveries() -> CompiledQuery:
    # Oldest completion first: the device waiting longest on the shelf is the first to
    # chase; the id keeps the order total, so pages never overlap.
    statement = (
        ticket_views()
        .where(_awaiting_delivery())
        .order_by(_tickets.c.completed_at, _tickets.c.id)
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )
    return CompiledQuery(statement)


@cache
def _pending_deliveries_count() -> CompiledQuery:
    return CompiledQuery(select(func.count()).select_from(_tickets).where(_awaiting_delivery()))


@cache
def _open_count() -> CompiledQuery:
    status = _tickets.c.status
    open_ = or_(status == literal_column("'pending'"), status == literal_column("'in_progress'"))
    statement = select(func.count()).select_from(_tickets).where(open_)
    return CompiledQuery(statement)


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


@cache
def _revenue_by_day() -> CompiledQuery:
    completed = _tickets.c.completed_at
    day: Any = UtcDay(completed)
    statement = (
        select(day, func.sum(_tickets.c.total_cost))
        .where(
            _tickets.c.status == _COMPLETED,
            completed >= bindparam("start", type_=completed.type),
            completed < bindparam("end", type_=completed.type),
        )
        .group_by(day)
        .order_by(day)
    )
    return CompiledQuery(statement)
