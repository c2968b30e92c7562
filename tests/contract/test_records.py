"""Every record (``db.records``) names columns of its table, typed as the column is.

A record is read by position from a SELECT written from its own fields
(``columns_of``), and handed on as if it were the row. So a field must name a column,
its type must be what the column gives back (``X | None`` where it may be NULL), and a
column added to the table must be either read into the record or left out on purpose,
listed here with why: then renaming or adding a column fails here, not in a request.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, NamedTuple, get_origin, get_type_hints

import pytest
from sqlalchemy import JSON, Column, Table
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

import db.repositories
import db.tables  # registers every table on the metadata
from db.records import columns_of, record_of
from db.repositories.account import AccountRecord
from db.repositories.auth import SessionRecord, UserRecord
from db.repositories.catalog.brand import BrandNameRecord, BrandRecord
from db.repositories.catalog.part import PartRecord
from db.repositories.catalog.product import ProductRecord, ProductSummaryRecord
from db.repositories.catalog.warehouse import WarehouseRecord
from db.repositories.customers import CustomerRecord
from db.repositories.email_delivery import OutgoingEmail
from db.repositories.inventory.movement import MovementHistoryRecord
from db.repositories.inventory.rma import RmaBatchRecord, RmaEntryRecord
from db.repositories.inventory.stock_level import StockLevelRecord
from db.repositories.inventory.unit import UnitViewRecord
from db.repositories.notifications import EmailRecord
from db.repositories.tickets.attachment import TicketAttachmentRecord
from db.repositories.tickets.comment import TicketCommentRecord
from db.repositories.tickets.part import TicketPartRecord
from db.repositories.tickets.task import TicketTaskRecord
from db.repositories.tickets.ticket import TicketViewRecord
from db.repositories.workflow import (
    TaskTypeRecord,
    TemplateRecord,
    TemplateTaskRecord,
)
from db.tables.account import BrowserAccountRow
from db.tables.auth import AuthSessionRow
from services.passwords import PasswordHasher
from tests.factories.auth import DEFAULT_TIME as NOW
from tests.factories.auth import make_user
from tests.fakes import FakeUnitOfWork


class Kept(NamedTuple):
    table: str
    # The table's columns the record leaves out on purpose.
    left_out: frozenset[str]
    # Fields read from a joined table, after the table's own: field -> "table.column".
    joined: tuple[tuple[str, str], ...] = ()
    # Joined by an outer join, which may find no row: the joined fields may be NULL.
    outer: bool = False
    # Only these joined tables are outer-joined (the others must find their row).
    outer_tables: frozenset[str] = frozenset()
    # Fields the query computes (a count, a CASE), after the joined ones: no column of
    # any table; their types, as the query gives them.
    computed: tuple[tuple[str, Any], ...] = ()


RECORDS: dict[type[tuple[Any, ...]], Kept] = {
    # The caller's user travels with the request: never its password hash.
    UserRecord: Kept("users", frozenset({"password_hash"})),
    # Only what deciding whether a session still works needs.
    SessionRecord: Kept(
        "auth_sessions", frozenset({"refresh_token_hash", "created_at", "rotated_at", "user_agent"})
    ),
    AccountRecord: Kept("browser_accounts", frozenset()),
    # The answer's fields: the name key is for uniqueness, the last change is not answered.
    TaskTypeRecord: Kept("task_types", frozenset({"name_key", "updated_at"})),
    TemplateRecord: Kept("task_templates", frozenset({"name_key", "created_by_id", "updated_at"})),
    TemplateTaskRecord: Kept("template_tasks", frozenset()),
    # The phone's digits only find a customer; answers show the phone as typed.
    CustomerRecord: Kept("customers", frozenset({"phone_key"})),
    PartRecord: Kept("parts", frozenset()),
    # The log shows who, what and how delivery went: never the bodies, the link with
    # its token, or a sender's claim.
    EmailRecord: Kept(
        "email_notifications",
        frozenset(
            {
                "customer_id",
                "text_body",
                "html_body",
                "unsubscribe_url",
                "claimed_by",
                "lease_expires_at",
            }
        ),
    ),
    # A product model as a part (the models it fits) or a template names it.
    ProductSummaryRecord: Kept(
        "product_models", frozenset({"type", "description", "brand_id", "created_at", "updated_at"})
    ),
    # The key is for uniqueness only: the name is what is shown.
    BrandRecord: Kept("brands", frozenset({"name_key"})),
    # A brand as a product model shows it: {id, name}.
    BrandNameRecord: Kept("brands", frozenset({"name_key", "created_at", "updated_at"})),
    ProductRecord: Kept("product_models", frozenset()),
    WarehouseRecord: Kept("warehouses", frozenset()),
    # A ticket with what answers embed of its customer, product model and brand.
    TicketViewRecord: Kept(
        "service_tickets",
        frozenset(),
        joined=(
            ("customer_name", "customers.name"),
            ("customer_phone", "customers.phone"),
            ("customer_email", "customers.email"),
            ("product_name", "product_models.name"),
            ("product_type", "product_models.type"),
            ("brand_name", "brands.name"),
        ),
    ),
    # A unit with its product model, the model's brand, and the warehouse it stands in
    # (outer join: it may stand in none).
    UnitViewRecord: Kept(
        "physical_products",
        frozenset(),
        joined=(
            ("model_name", "product_models.name"),
            ("model_sku", "product_models.sku"),
            ("model_type", "product_models.type"),
            ("brand_id", "brands.id"),
            ("brand_name", "brands.name"),
            ("warehouse_name", "warehouses.name"),
            ("warehouse_code", "warehouses.code"),
            ("warehouse_location", "warehouses.location"),
        ),
        outer_tables=frozenset({"warehouses"}),
    ),
    # A movement with its two warehouses (the table joined twice), its ticket's number
    # and its mover's name: all outer joins (none, or a warehouse or user deleted since).
    MovementHistoryRecord: Kept(
        "stock_movements",
        frozenset(),
        joined=(
            ("from_warehouse_name", "warehouses.name"),
            ("from_warehouse_code", "warehouses.code"),
            ("from_warehouse_location", "warehouses.location"),
            ("to_warehouse_name", "warehouses.name"),
            ("to_warehouse_code", "warehouses.code"),
            ("to_warehouse_location", "warehouses.location"),
            ("ticket_number", "service_tickets.ticket_number"),
            ("mover_full_name", "users.full_name"),
        ),
        outer=True,
    ),
    # A product model's stock in one virtual warehouse: the model's own columns, then
    # what the query counts and reads of the threshold (0, 0, False where none is set).
    StockLevelRecord: Kept(
        "product_models",
        frozenset({"description", "brand_id", "created_at", "updated_at"}),
        computed=(
            ("virtual_warehouse_type", str),
            ("current_stock", int),
            ("threshold", int),
            ("reorder_quantity", int),
            ("alert_enabled", bool),
            ("status", str),
        ),
    ),
    # A batch with its creator's name (SET NULL: the user may be gone, outer join); its
    # count of units is read beside the record by the same query.
    RmaBatchRecord: Kept(
        "rma_batches", frozenset(), joined=(("creator_full_name", "users.full_name"),), outer=True
    ),
    # An entry with the name of who added it (outer join, as above); its unit is read
    # beside it as a UnitViewRecord by the same query.
    RmaEntryRecord: Kept(
        "rma_batch_items", frozenset(), joined=(("adder_full_name", "users.full_name"),), outer=True
    ),
    TicketPartRecord: Kept(
        "service_ticket_parts",
        frozenset(),
        joined=(("part_name", "parts.name"), ("part_sku", "parts.sku")),
    ),
    # The author may be gone (SET NULL): the outer join then finds no user.
    TicketCommentRecord: Kept(
        "service_ticket_comments",
        frozenset(),
        joined=(("author_full_name", "users.full_name"), ("author_role", "users.role")),
        outer=True,
    ),
    # A ticket's task with its assignee; the user may be gone or none assigned (outer
    # join). Its task type is read by the same query as a TaskTypeRecord.
    TicketTaskRecord: Kept(
        "service_ticket_tasks",
        frozenset(),
        joined=(("assignee_full_name", "users.full_name"), ("assignee_role", "users.role")),
        outer=True,
    ),
    TicketAttachmentRecord: Kept("service_ticket_attachments", frozenset()),
    # What a sender needs to build and address the message; the rest is its bookkeeping.
    OutgoingEmail: Kept(
        "email_notifications",
        frozenset(
            {
                "customer_id",
                "service_ticket_id",
                "service_request_id",
                "status",
                "error_message",
                "next_attempt_at",
                "claimed_by",
                "lease_expires_at",
                "sent_at",
                "updated_at",
            }
        ),
    ),
}


def _records_defined() -> set[type]:
    """Every named tuple a repository module defines: the records read without the ORM."""
    found: set[type] = set()
    # walk_packages: a domain's repositories may be a package (db/repositories/catalog/).
    for module_info in pkgutil.walk_packages(db.repositories.__path__, "db.repositories."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, tuple)
                and hasattr(value, "_fields")
                and value.__module__ == module.__name__
            ):
                found.add(value)
    return found


def _table(record: type[tuple[Any, ...]]) -> Table:
    return SQLModel.metadata.tables[RECORDS[record].table]


def _python_type(column: Column[Any]) -> Any:
    """What the column gives back in Python: its type's, through any decorator."""
    sql_type = column.type
    if isinstance(sql_type, TypeDecorator):
        sql_type = sql_type.impl_instance
    python_type = sql_type.python_type
    return python_type | None if column.nullable else python_type


def _matches(hint: Any, column: Column[Any]) -> bool:
    """The field's type is the column's; a JSON column holds a document, any of whose
    shapes (``list[str]``, ``dict[str, int]``) a record may name."""
    if isinstance(column.type, JSON) and not column.nullable:
        return get_origin(hint) in {list, dict}
    return bool(hint == _python_type(column))


def _fields(record: type[tuple[Any, ...]]) -> tuple[str, ...]:
    """The record's fields read from its own table (the joined ones come after)."""
    fields: tuple[str, ...] = record._fields  # type: ignore[attr-defined]  # named tuples'
    joined = dict(RECORDS[record].joined)
    computed = dict(RECORDS[record].computed)
    own = tuple(name for name in fields if name not in joined and name not in computed)
    assert fields == own + tuple(joined) + tuple(computed), (
        "the joined fields follow the table's own, the computed ones come last"
    )
    return own


def _joined_column(qualified: str) -> Column[Any]:
    table, column = qualified.split(".")
    found: Column[Any] = SQLModel.metadata.tables[table].c[column]
    return found


def test_every_record_is_checked_here() -> None:
    assert _records_defined() == set(RECORDS)


@pytest.mark.parametrize("record", list(RECORDS), ids=lambda record: record.__name__)
def test_the_fields_name_the_tables_columns(record: type[tuple[Any, ...]]) -> None:
    columns = set(_table(record).columns.keys())
    fields = set(_fields(record))
    assert fields <= columns, f"{record.__name__} names no column {sorted(fields - columns)}"
    left_out = RECORDS[record].left_out
    assert left_out <= columns, f"left out, yet no column: {sorted(left_out - columns)}"
    assert not fields & left_out
    unplaced = columns - fields - left_out
    assert not unplaced, f"{record.__name__}: read {sorted(unplaced)} or leave it out here"


@pytest.mark.parametrize("record", list(RECORDS), ids=lambda record: record.__name__)
def test_each_field_has_its_columns_python_type(record: type[tuple[Any, ...]]) -> None:
    table = _table(record)
    hints = get_type_hints(record)
    wrong = {
        name: (hints[name], _python_type(table.c[name]))
        for name in _fields(record)
        if not _matches(hints[name], table.c[name])
    }
    assert not wrong, f"{record.__name__}: (field's type, column's type) {wrong}"


@pytest.mark.parametrize(
    "record",
    [record for record, kept in RECORDS.items() if kept.joined],
    ids=lambda record: record.__name__,
)
def test_joined_fields_have_their_columns_python_type(record: type[tuple[Any, ...]]) -> None:
    hints = get_type_hints(record)
    wrong = {}
    for name, qualified in RECORDS[record].joined:
        column = _joined_column(qualified)
        expected = _python_type(column)
        kept = RECORDS[record]
        if kept.outer or qualified.split(".")[0] in kept.outer_tables:
            expected = expected | None
        if hints[name] != expected:
            wrong[name] = (hints[name], expected)
    assert not wrong, f"{record.__name__}: (field's type, column's type) {wrong}"


@pytest.mark.parametrize(
    "record",
    [record for record, kept in RECORDS.items() if kept.computed],
    ids=lambda record: record.__name__,
)
def test_computed_fields_have_their_declared_types(record: type[tuple[Any, ...]]) -> None:
    hints = get_type_hints(record)
    wrong = {
        name: (hints[name], expected)
        for name, expected in RECORDS[record].computed
        if hints[name] != expected
    }
    assert not wrong, f"{record.__name__}: (field's type, declared type) {wrong}"


@pytest.mark.parametrize("record", list(RECORDS), ids=lambda record: record.__name__)
def test_columns_of_selects_the_fields_in_order(record: type[tuple[Any, ...]]) -> None:
    selected = columns_of(_fields(record), _table(record))
    assert [column.key for column in selected] == list(_fields(record))


def test_the_in_memory_stores_answer_with_records_too(hasher: PasswordHasher) -> None:
    # Services tested on the fakes must see what they see from the SQL repositories.
    user = make_user(hasher)
    uow = FakeUnitOfWork([user])
    auth_session = AuthSessionRow(
        user_id=user.id, refresh_token_hash="c" * 64, created_at=NOW, expires_at=NOW
    )
    uow.sessions.add(auth_session)
    account = BrowserAccountRow(
        user_id=user.id, name="Work", data_directory="/d/work", created_at=NOW, updated_at=NOW
    )
    uow.accounts.add(account)

    found = uow.sessions.get_with_user(auth_session.id)
    listed = uow.accounts.list_for_user(user.id, sort_by="name", descending=False)

    assert found is not None
    assert [type(record) for record in found] == [SessionRecord, UserRecord]
    assert found == (record_of(SessionRecord, auth_session), record_of(UserRecord, user))
    assert [type(record) for record in listed] == [AccountRecord]
    assert listed == [record_of(AccountRecord, account)]
