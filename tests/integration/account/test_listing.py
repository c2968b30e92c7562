"""The account listing, now compiled queries, against the ORM query it replaced.

On the test's database (SQLite, or PostgreSQL when DATABASE_URL names one), every sort
order, direction, filter and page answers what the ORM version answered for the same
rows: ties broken by id, accounts never accessed last in either direction, another
user's accounts never shown. An offset is refused without a page size.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from db.records import record_of
from db.repositories.account import AccountRecord
from db.repositories.base import ordering
from db.tables.account import BrowserAccountRow
from db.tables.auth import UserRow
from services.passwords import PasswordHasher
from tests.factories.auth import make_user
from tests.integration.conftest import UowFactory
from tests.integration.rows import save

T0 = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
SORT_COLUMNS = ["name", "created_at", "last_accessed_at"]
FILTERS = [None, True, False]


def accounts_of(user: UserRow) -> list[BrowserAccountRow]:
    """Ties in every sort column, never-accessed accounts, both kinds of protection."""
    made = [
        # (name, created minutes after T0, accessed minutes after T0 or None, protected)
        ("Same", 0, 5, False),
        ("Same", 0, None, True),
        ("Same", 3, 5, False),
        ("alpha", 1, None, False),
        ("Alpha", 2, 1, True),
        ("beta", 2, 9, False),
        ("Zulu", 4, None, False),
        ("éclair", 5, 0, True),
        ("Omega", 6, 7, False),
    ]
    return [
        BrowserAccountRow(
            user_id=user.id,
            name=name,
            data_directory=f"/data/{index}",
            is_protected=protected,
            created_at=T0 + timedelta(minutes=created),
            updated_at=T0,
            last_accessed_at=None if accessed is None else T0 + timedelta(minutes=accessed),
        )
        for index, (name, created, accessed, protected) in enumerate(made)
    ]


@pytest.fixture
def owner(sessions: sessionmaker[Session], hasher: PasswordHasher) -> UserRow:
    owner = make_user(hasher, email="owner@example.com")
    stranger = make_user(hasher, email="stranger@example.com")
    save(sessions, owner, stranger, *accounts_of(owner), *accounts_of(stranger))
    return owner


def listed_by_the_orm(
    sessions: sessionmaker[Session],
    user_id: str,
    *,
    sort_by: str,
    descending: bool,
    is_protected: bool | None,
    offset: int = 0,
    limit: int | None = None,
) -> list[AccountRecord]:
    """The listing as the ORM version of the repository read it."""
    statement: Any = select(BrowserAccountRow).where(col(BrowserAccountRow.user_id) == user_id)
    if is_protected is not None:
        statement = statement.where(col(BrowserAccountRow.is_protected).is_(is_protected))
    column = getattr(BrowserAccountRow, sort_by)
    statement = (
        statement.order_by(ordering(col(column), descending=descending), col(BrowserAccountRow.id))
        .offset(offset)
        .limit(limit)
    )
    with sessions() as session:
        return [record_of(AccountRecord, row) for row in session.exec(statement)]


def counted_by_the_orm(
    sessions: sessionmaker[Session], user_id: str, is_protected: bool | None
) -> int:
    statement: Any = (
        select(func.count())
        .select_from(BrowserAccountRow)
        .where(col(BrowserAccountRow.user_id) == user_id)
    )
    if is_protected is not None:
        statement = statement.where(col(BrowserAccountRow.is_protected).is_(is_protected))
    with sessions() as session:
        return int(session.exec(statement).one())


@pytest.mark.parametrize("sort_by", SORT_COLUMNS)
def test_every_order_and_filter_lists_what_the_orm_listed(
    make_uow: UowFactory, sessions: sessionmaker[Session], owner: UserRow, sort_by: str
) -> None:
    for descending, is_protected in itertools.product([False, True], FILTERS):
        with make_uow(read_only=True) as uow:
            listed = uow.accounts.list_for_user(
                owner.id, sort_by=sort_by, descending=descending, is_protected=is_protected
            )
        expected = listed_by_the_orm(
            sessions, owner.id, sort_by=sort_by, descending=descending, is_protected=is_protected
        )
        assert listed == expected, (descending, is_protected)
        assert {record.user_id for record in listed} <= {owner.id}
        assert all(is_protected in (None, record.is_protected) for record in listed)


@pytest.mark.parametrize("sort_by", SORT_COLUMNS)
@pytest.mark.parametrize("page_size", [1, 2, 4])
def test_every_page_is_the_orms_page(
    make_uow: UowFactory,
    sessions: sessionmaker[Session],
    owner: UserRow,
    sort_by: str,
    page_size: int,
) -> None:
    for descending, is_protected in itertools.product([False, True], FILTERS):
        whole = listed_by_the_orm(
            sessions, owner.id, sort_by=sort_by, descending=descending, is_protected=is_protected
        )
        pages = []
        for offset in range(0, len(whole) + page_size, page_size):  # and one past the end
            with make_uow(read_only=True) as uow:
                page = uow.accounts.list_for_user(
                    owner.id,
                    sort_by=sort_by,
                    descending=descending,
                    is_protected=is_protected,
                    offset=offset,
                    limit=page_size,
                )
            assert page == whole[offset : offset + page_size]
            pages += page
        assert pages == whole


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_accounts_never_accessed_come_last_either_way(
    make_uow: UowFactory, owner: UserRow, descending: bool
) -> None:
    with make_uow(read_only=True) as uow:
        listed = uow.accounts.list_for_user(
            owner.id, sort_by="last_accessed_at", descending=descending
        )
    accessed = [record.last_accessed_at for record in listed]
    present = [stamp for stamp in accessed if stamp is not None]
    assert accessed == [*present, None, None, None]
    assert present == sorted(present, reverse=descending)


@pytest.mark.parametrize("is_protected", FILTERS)
def test_the_count_is_the_orms(
    make_uow: UowFactory,
    sessions: sessionmaker[Session],
    owner: UserRow,
    is_protected: bool | None,
) -> None:
    with make_uow(read_only=True) as uow:
        counted = uow.accounts.count_for_user(owner.id, is_protected=is_protected)
    assert counted == counted_by_the_orm(sessions, owner.id, is_protected)
    assert counted > 0


def test_a_user_without_accounts_lists_and_counts_none(make_uow: UowFactory) -> None:
    with make_uow(read_only=True) as uow:
        assert uow.accounts.list_for_user("nobody", sort_by="name", descending=False) == []
        assert uow.accounts.count_for_user("nobody") == 0


def test_an_offset_needs_a_page_size(make_uow: UowFactory, owner: UserRow) -> None:
    with make_uow(read_only=True) as uow, pytest.raises(ValueError, match="needs a limit"):
        uow.accounts.list_for_user(owner.id, sort_by="name", descending=False, offset=2)
