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

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Dialect, Select, and_, bindparam, func, literal_column, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import (
    LIKE_ESCAPE,
    SqlRepository,
    Store,
    contains_pattern,
    storable,
)
from db.repositories.customers import search_digits
from db.tables.catalog import BrandRow, ProductModelRow
from db.tables.customers import CustomerRow
from db.tables.tickets import ServiceTicketRow, TicketNumberCounterRow
from db.utc_day import per_utc_day

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


@dataclass(frozen=True)
class TicketFilter:
    """Which tickets a listing keeps; None keeps every value. ``search`` finds its text
    in the ticket number, the customer's name or phone (ignoring case), or its digits in
    the phone's digits."""

    status: str | None = None
    priority_level: str | None = None
    assigned_to: str | None = None
    customer_id: str | None = None
    search: str | None = None

    def equalities(self) -> dict[str, str]:
        """The columns that must equal a value, with it (search aside)."""
        given = {name: getattr(self, name) for name in _EQUALITY_FILTERS}
        return {name: value for name, value in given.items() if value is not None}


class TicketStore(Store[ServiceTicketRow], Protocol):
    def lock(self, ticket_id: str) -> ServiceTicketRow | None: ...
    def next_number(self, year: int) -> int: ...
    def view(self, ticket_id: str) -> TicketViewRecord | None: ...
    def list_all(self) -> list[TicketViewRecord]: ...
    def list_page(
        self, where: TicketFilter, *, offset: int, limit: int
    ) -> list[TicketViewRecord]: ...
    def count(self, where: TicketFilter) -> int: ...
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

    def list_all(self) -> list[TicketViewRecord]:
        """Every ticket, newest first (then by id): one joined query."""
        rows = _listing(frozenset(), searched=False, paged=False).all(self._link)
        return [TicketViewRecord._make(row) for row in rows]

    def list_page(self, where: TicketFilter, *, offset: int, limit: int) -> list[TicketViewRecord]:
        """One page of the tickets ``where`` keeps, newest first (then by id)."""
        params = _filter_params(where)
        if params is None:
            return []
        equalities = frozenset(where.equalities())
        query = _listing(equalities, searched=where.search is not None, paged=True)
        rows = query.all(self._link, **params, offset=offset, limit=limit)
        return [TicketViewRecord._make(row) for row in rows]

    def count(self, where: TicketFilter) -> int:
        """How many tickets ``where`` keeps."""
        params = _filter_params(where)
        if params is None:
            return 0
        query = _counting(frozenset(where.equalities()), searched=where.search is not None)
        row = query.first(self._link, **params)
        return int(row[0]) if row is not None else 0

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


# The filters that are plain equalities on the ticket's own columns.
_EQUALITY_FILTERS = ("status", "priority_level", "assigned_to", "customer_id")


def _filter_params(where: TicketFilter) -> dict[str, Any] | None:
    """The bound values of ``where``'s query; None when a value cannot be stored (no
    ticket has it, and PostgreSQL would refuse the NUL in it)."""
    given = where.equalities()
    if not all(storable(value) for value in given.values()):
        return None
    if where.search is None:
        return given
    digits = search_digits(where.search)
    # A search without digits to find looks for itself in the digits: no key has a
    # character other than a digit, so it finds nothing there (as customers do).
    return given | {
        "pattern": contains_pattern(where.search),
        "digits_pattern": contains_pattern(digits or where.search),
    }


def _kept(statement: Any, equalities: frozenset[str], *, searched: bool) -> Any:
    for name in _EQUALITY_FILTERS:
        if name in equalities:
            statement = statement.where(_tickets.c[name] == bindparam(name))
    if searched:
        pattern = bindparam("pattern", type_=_tickets.c.ticket_number.type)
        digits_pattern = bindparam("digits_pattern", type_=_customers.c.phone_key.type)
        statement = statement.where(
            or_(
                _tickets.c.ticket_number.ilike(pattern, escape=LIKE_ESCAPE),
                _customers.c.name.ilike(pattern, escape=LIKE_ESCAPE),
                _customers.c.phone.ilike(pattern, escape=LIKE_ESCAPE),
                _customers.c.phone_key.like(digits_pattern, escape=LIKE_ESCAPE),
            )
        )
    return statement


@cache
def _listing(equalities: frozenset[str], *, searched: bool, paged: bool) -> CompiledQuery:
    """Tickets kept by the filters named, newest first, then by id: one compiled query
    per combination of filters (a handful), each built once."""
    statement = _kept(ticket_views(), equalities, searched=searched)
    statement = statement.order_by(_tickets.c.created_at.desc(), _tickets.c.id)
    if paged:
        statement = statement.offset(bindparam("offset")).limit(bindparam("limit"))
    return CompiledQuery(statement)


@cache
def _counting(equalities: frozenset[str], *, searched: bool) -> CompiledQuery:
    # The customer is joined only when the search needs it: a ticket always has one.
    statement = select(func.count()).select_from(_tickets)
    if searched:
        statement = statement.join(_customers, _customers.c.id == _tickets.c.customer_id)
    return CompiledQuery(_kept(statement, equalities, searched=searched))


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


@cache
def _revenue_by_day() -> CompiledQuery:
    statement = per_utc_day(
        func.sum(_tickets.c.total_cost), _tickets.c.completed_at, _tickets.c.status == _COMPLETED
    )
    return CompiledQuery(statement)
