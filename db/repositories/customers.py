"""Customers: listing and searching them, finding one by phone or email, counting the
new ones of a month, and whether anything still refers to one."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy import and_, bindparam, func, or_
from sqlmodel import select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import (
    LIKE_ESCAPE,
    SqlRepository,
    Store,
    contains_pattern,
    storable,
)
from db.repositories.references import Reference, referring
from db.tables.customers import CustomerRow
from db.tables.tickets import ServiceTicketRow

# What refers to a customer, checked in one statement before a customer is deleted; the
# tickets' foreign key (RESTRICT) settles a race between the check and a new ticket.
CUSTOMER_REFERENCES: Final[tuple[Reference, ...]] = (
    Reference(table_of(ServiceTicketRow).c.customer_id, "tickets"),
)


class CustomerRecord(NamedTuple):
    """A customer as answered (every column but the phone's key), read without the ORM."""

    id: str
    name: str
    phone: str
    email: str | None
    address: str | None
    email_request_submitted: bool
    email_request_received: bool
    email_request_rejected: bool
    email_ticket_created: bool
    email_service_completed: bool
    email_delivery_confirmed: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class NewCustomerCounts:
    """Customers created in one month and in the month before; the newest's creation."""

    current: int
    previous: int
    latest_created_at: datetime | None


_customers = table_of(CustomerRow)


class CustomerStore(Store[CustomerRow], Protocol):
    def delete(self, row: CustomerRow) -> None: ...
    def list_all(self) -> list[CustomerRecord]: ...
    def list_page(self, *, search: str | None, offset: int, limit: int) -> list[CustomerRecord]: ...
    def count(self, *, search: str | None) -> int: ...
    def by_phone_key(self, phone_key: str) -> CustomerRecord | None: ...
    def by_email(self, email: str) -> CustomerRecord | None: ...
    def new_customer_counts(
        self, *, previous_start: datetime, current_start: datetime, next_start: datetime
    ) -> NewCustomerCounts: ...
    def is_referenced(self, customer_id: str) -> bool: ...


class CustomerRepository(SqlRepository[CustomerRow]):
    row_type = CustomerRow

    def list_all(self) -> list[CustomerRecord]:
        return [
            CustomerRecord._make(row)
            for row in _listing(searched=False, paged=False).all(self._link)
        ]

    def list_page(self, *, search: str | None, offset: int, limit: int) -> list[CustomerRecord]:
        query = _listing(searched=search is not None, paged=True)
        params = _search_params(search) | {"offset": offset, "limit": limit}
        return [CustomerRecord._make(row) for row in query.all(self._link, **params)]

    def count(self, *, search: str | None) -> int:
        row = _counting(searched=search is not None).first(self._link, **_search_params(search))
        return int(row[0]) if row is not None else 0

    def by_phone_key(self, phone_key: str) -> CustomerRecord | None:
        if not storable(phone_key):
            return None
        row = _by_column("phone_key").first(self._link, value=phone_key)
        return None if row is None else CustomerRecord._make(row)

    def by_email(self, email: str) -> CustomerRecord | None:
        if not storable(email):
            return None
        row = _by_column("email").first(self._link, value=email)
        return None if row is None else CustomerRecord._make(row)

    def new_customer_counts(
        self, *, previous_start: datetime, current_start: datetime, next_start: datetime
    ) -> NewCustomerCounts:
        row = _new_counts().first(
            self._link,
            previous_start=previous_start,
            current_start=current_start,
            next_start=next_start,
        )
        current, previous, latest = row if row is not None else (0, 0, None)
        return NewCustomerCounts(
            current=int(current), previous=int(previous), latest_created_at=latest
        )

    def is_referenced(self, customer_id: str) -> bool:
        return bool(referring(self._link, CUSTOMER_REFERENCES, customer_id))


# What a phone may be typed with (the schemas' phone rule): a search made only of
# these, with a digit, is a phone number, looked for by its digits too.
PHONE_SPELLING: Final = frozenset("0123456789 +-()")


def search_digits(search: str) -> str | None:
    """The digits to find in phones' keys, when the search is a phone number (or part
    of one: "555 0102" finds "+1 (555) 010-2030"); None for any other search."""
    digits = "".join(character for character in search if "0" <= character <= "9")
    return digits if digits and set(search) <= PHONE_SPELLING else None


def _search_params(search: str | None) -> dict[str, Any]:
    if search is None:
        return {}
    digits = search_digits(search)
    # Without digits to find, the pattern is the search itself: it holds a character
    # that is not a digit, which no key has, so the keys match nothing.
    return {
        "pattern": contains_pattern(search),
        "digits_pattern": contains_pattern(digits or search),
    }


def _searched(statement: Any) -> Any:
    """Customers whose name, phone or email holds the search text (ignoring case), or
    whose phone's digits hold the search's digits."""
    pattern = bindparam("pattern", type_=_customers.c.name.type)
    digits_pattern = bindparam("digits_pattern", type_=_customers.c.phone_key.type)
    return statement.where(
        or_(
            _customers.c.name.ilike(pattern, escape=LIKE_ESCAPE),
            _customers.c.phone.ilike(pattern, escape=LIKE_ESCAPE),
            _customers.c.email.ilike(pattern, escape=LIKE_ESCAPE),
            _customers.c.phone_key.like(digits_pattern, escape=LIKE_ESCAPE),
        )
    )


@cache
def _listing(*, searched: bool, paged: bool) -> CompiledQuery:
    statement = select(*columns_of(CustomerRecord._fields, _customers))
    if searched:
        statement = _searched(statement)
    statement = statement.order_by(_customers.c.name, _customers.c.id)
    if paged:
        statement = statement.offset(bindparam("offset")).limit(bindparam("limit"))
    return CompiledQuery(statement)


@cache
def _counting(*, searched: bool) -> CompiledQuery:
    statement = select(func.count()).select_from(_customers)
    return CompiledQuery(_searched(statement) if searched else statement)


@cache
def _by_column(name: str) -> CompiledQuery:
    statement = select(*columns_of(CustomerRecord._fields, _customers))
    return CompiledQuery(statement.where(_customers.c[name] == bindparam("value")))


@cache
def _new_counts() -> CompiledQuery:
    """One pass over the two months: how many in each, and the newest creation of all."""
    created = _customers.c.created_at
    previous_start = bindparam("previous_start", type_=created.type)
    current_start = bindparam("current_start", type_=created.type)
    next_start = bindparam("next_start", type_=created.type)

    def counted(start: Any, end: Any) -> Any:
        # An aggregate FILTER (PostgreSQL; SQLite since 3.30): both counts in one pass.
        return func.count().filter(and_(created >= start, created < end))

    statement = select(
        counted(current_start, next_start),
        counted(previous_start, current_start),
        func.max(created),
    ).select_from(_customers)
    return CompiledQuery(statement)
