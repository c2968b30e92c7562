"""Customers: who brings devices to the service center, and which emails they want.

Every signed-in role may manage customers. A customer's phone is unique by its digits
(``customers_rules.phone_key``) and its email, when given, is unique too (stored
lower-cased): another customer's number or address is a Conflict, checked here for a
clear message; the unique constraints settle races (DuplicateKey, answered CONFLICT).

The two procedures of the unsubscribe page are public: they find the customer by
email and act only with the token of the link the customer was sent
(``services.customer_tokens``). An unknown email and a missing or wrong token answer
alike (None, or NotFound), after the same token check, so neither the answer nor its
timing tells which emails belong to customers.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

# Re-exported: what listing and lookups answer with, for the router to map.
from db.repositories.customers import CustomerRecord as CustomerRecord
from db.tables.customers import CustomerRow
from db.unit_of_work import UnitOfWork
from services.changes import UNCHANGED, Changes, Unchanged, apply_changes
from services.clock import Clock, utc_now
from services.customer_tokens import NO_CUSTOMER, CustomerLinkTokens
from services.customers_rules import growth_rate, month_bounds, phone_key, set_preferences
from services.errors import Conflict, NotFound

CUSTOMER_NOT_FOUND = "Customer not found"
PHONE_TAKEN = "Another customer has this phone number"
EMAIL_TAKEN = "Another customer has this email"
STILL_REFERENCED = "The customer has service tickets: it cannot be deleted"


@dataclass(frozen=True)
class CustomerPage:
    rows: list[CustomerRecord]
    total: int


@dataclass(frozen=True)
class CustomerChanges(Changes[CustomerRow]):
    """customers.updateCustomer: email None clears it; address None clears it."""

    name: str | Unchanged = UNCHANGED
    phone: str | Unchanged = UNCHANGED
    email: str | Unchanged | None = UNCHANGED
    address: str | Unchanged | None = UNCHANGED


@dataclass(frozen=True)
class NewCustomerSummary:
    current_month_count: int
    previous_month_count: int
    growth_rate: float
    has_previous_data: bool
    latest_update: datetime | None


def list_customers(uow: UnitOfWork) -> list[CustomerRecord]:
    """Every customer, by name (then id)."""
    with uow:
        return uow.customers.list_all()


def list_customers_page(
    uow: UnitOfWork, *, search: str | None, limit: int, offset: int
) -> CustomerPage:
    with uow:
        rows = uow.customers.list_page(search=search, offset=offset, limit=limit)
        return CustomerPage(rows=rows, total=uow.customers.count(search=search))


def create_customer(
    uow: UnitOfWork,
    *,
    name: str,
    phone: str,
    email: str | None = None,
    address: str | None = None,
    clock: Clock = utc_now,
) -> CustomerRow:
    """A new customer, wanting every type of email."""
    with uow:
        key = phone_key(phone)
        _refuse_taken(uow, phone_key=key, email=email)
        now = clock()
        customer = CustomerRow(
            name=name,
            phone=phone,
            phone_key=key,
            email=email,
            address=address,
            created_at=now,
            updated_at=now,
        )
        uow.customers.add(customer)
        uow.commit()
        return customer


def update_customer(
    uow: UnitOfWork, customer_id: str, changes: CustomerChanges, *, clock: Clock = utc_now
) -> CustomerRow:
    """Change the given fields. A new email invalidates the links sent to the old one."""
    with uow:
        customer = uow.customers.get(customer_id)
        if customer is None:
            raise NotFound(CUSTOMER_NOT_FOUND)
        phone = changes.phone if isinstance(changes.phone, str) else None
        email = changes.email if isinstance(changes.email, str) else None
        new_key = phone_key(phone) if phone is not None else None
        _refuse_taken(uow, phone_key=new_key, email=email, except_id=customer.id)
        apply_changes(customer, changes)
        if new_key is not None:
            customer.phone_key = new_key
        customer.updated_at = clock()
        uow.commit()
        return customer


def delete_customer(uow: UnitOfWork, customer_id: str) -> None:
    """Refused (Conflict) while anything, such as a service ticket, refers to it."""
    with uow:
        customer = uow.customers.get(customer_id)
        if customer is None:
            raise NotFound(CUSTOMER_NOT_FOUND)
        if uow.customers.is_referenced(customer.id):
            raise Conflict(STILL_REFERENCED)
        uow.customers.delete(customer)
        uow.commit()


def get_by_email(
    uow: UnitOfWork, tokens: CustomerLinkTokens, email: str, token: str
) -> CustomerRecord | None:
    """The customer with ``email``, if ``token`` is theirs; None otherwise."""
    with uow:
        found = uow.customers.by_email(email)
    return found if _token_holds(tokens, found, email, token) else None


def update_email_preferences(
    uow: UnitOfWork,
    tokens: CustomerLinkTokens,
    email: str,
    token: str,
    wanted: Mapping[str, bool],
    *,
    clock: Clock = utc_now,
) -> None:
    """Switch the given email types on or off for the customer with ``email``, if
    ``token`` is theirs (NotFound otherwise, as for an unknown email)."""
    with uow:
        found = uow.customers.by_email(email)
        if not _token_holds(tokens, found, email, token) or found is None:
            raise NotFound(CUSTOMER_NOT_FOUND)
        customer = uow.customers.get(found.id)
        if customer is None:  # deleted since the lookup, in another transaction
            raise NotFound(CUSTOMER_NOT_FOUND)
        set_preferences(customer, wanted)
        customer.updated_at = clock()
        uow.commit()


def new_customers(uow: UnitOfWork, *, clock: Clock = utc_now) -> NewCustomerSummary:
    """Customers created this UTC calendar month and the one before, by the app's clock."""
    bounds = month_bounds(clock())
    with uow:
        counts = uow.customers.new_customer_counts(
            previous_start=bounds.previous_start,
            current_start=bounds.current_start,
            next_start=bounds.next_start,
        )
    return NewCustomerSummary(
        current_month_count=counts.current,
        previous_month_count=counts.previous,
        growth_rate=growth_rate(counts.current, counts.previous),
        has_previous_data=counts.previous > 0,
        latest_update=counts.latest_created_at,
    )


def _token_holds(
    tokens: CustomerLinkTokens, found: CustomerRecord | None, email: str, token: str
) -> bool:
    # Checked for an unknown email too: the same work either way.
    customer_id = found.id if found is not None else NO_CUSTOMER
    return tokens.verifies(token, customer_id, email)


def _refuse_taken(
    uow: UnitOfWork, *, phone_key: str | None, email: str | None, except_id: str | None = None
) -> None:
    if phone_key is not None:
        holder = uow.customers.by_phone_key(phone_key)
        if holder is not None and holder.id != except_id:
            raise Conflict(PHONE_TAKEN)
    if email is not None:
        holder = uow.customers.by_email(email)
        if holder is not None and holder.id != except_id:
            raise Conflict(EMAIL_TAKEN)
