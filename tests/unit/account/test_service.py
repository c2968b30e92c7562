"""The account service on the in-memory fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.tables.auth import UserRow
from services import account as account_service
from services import proxy as proxy_service
from services import tab as tab_service
from services.errors import NotFound, PermissionDenied, PreconditionFailed
from services.passwords import PasswordHasher
from tests.factories.auth import DEFAULT_PASSWORD, caller
from tests.factories.proxy import SEALER
from tests.fakes import FakeClock, FakeUnitOfWork


def test_create_account_assigns_the_data_directory(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    account = account_service.create_account(uow, caller(owner), name="Work", clock=clock)

    assert account.data_directory == f"accounts/{owner.id}/{account.id}"
    assert (account.user_id, account.created_at, account.is_protected) == (owner.id, clock(), False)
    assert uow.accounts.rows == {account.id: account}
    assert uow.committed


def test_create_account_with_someone_elses_proxy_is_not_found(
    uow: FakeUnitOfWork, owner: UserRow, stranger: UserRow
) -> None:
    proxy = proxy_service.create_proxy(
        uow, caller(stranger), proxy_service.NewProxy("P", "HTTP", "a.example", 80), SEALER
    )
    uow.commits = 0
    with pytest.raises(NotFound, match="Proxy config not found"):
        account_service.create_account(uow, caller(owner), name="W", proxy_config_id=proxy.id)
    assert (uow.accounts.rows, uow.commits) == ({}, 0)


def test_pages_count_from_one(uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock) -> None:
    for n in range(5):
        account_service.create_account(uow, caller(owner), name=f"A{n}", clock=clock)
        clock.advance(timedelta(seconds=1))

    page = account_service.list_accounts_page(uow, caller(owner), page=2, page_size=2)

    assert [a.name for a in page.rows] == ["A2", "A3"]
    assert (page.total, page.page_count) == (5, 3)


def test_update_account_changes_only_what_is_given(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    account = account_service.create_account(
        uow, caller(owner), name="A", description="d", clock=clock
    )
    clock.advance(timedelta(minutes=1))

    account_service.update_account(
        uow,
        caller(owner),
        account.id,
        account_service.AccountChanges(is_protected=True),
        clock=clock,
    )

    assert (account.name, account.description, account.is_protected) == ("A", "d", True)
    assert account.updated_at == clock()


def test_switch_to_a_protected_account(
    uow: FakeUnitOfWork, owner: UserRow, hasher: PasswordHasher, clock: FakeClock
) -> None:
    account = account_service.create_account(uow, caller(owner), name="Vault")
    account.is_protected = True

    with pytest.raises(PermissionDenied):
        account_service.switch_account(uow, hasher, caller(owner), account.id)
    with pytest.raises(PermissionDenied):
        account_service.switch_account(
            uow, hasher, caller(owner), account.id, password="Nope-Nope-1"
        )
    assert uow.browser_sessions.rows == {}

    switched = account_service.switch_account(
        uow, hasher, caller(owner), account.id, password=DEFAULT_PASSWORD, clock=clock
    )
    assert switched.session.account_id == account.id
    assert account.last_accessed_at == clock()


def test_an_admin_cannot_reach_another_users_account(
    uow: FakeUnitOfWork, owner: UserRow, stranger: UserRow, hasher: PasswordHasher
) -> None:
    account = account_service.create_account(uow, caller(owner), name="Mine")
    with pytest.raises(NotFound):
        account_service.update_account(
            uow, caller(stranger), account.id, account_service.AccountChanges(name="Theirs")
        )
    with pytest.raises(NotFound):
        account_service.switch_account(uow, hasher, caller(stranger), account.id)
    with pytest.raises(NotFound):
        account_service.delete_account(uow, caller(stranger), account.id, confirm_deletion=True)
    assert account.name == "Mine"


def test_delete_account_needs_confirmation_and_takes_tabs_and_sessions(
    uow: FakeUnitOfWork, owner: UserRow, hasher: PasswordHasher
) -> None:
    account = account_service.create_account(uow, caller(owner), name="A")
    account_service.switch_account(uow, hasher, caller(owner), account.id)
    tab_service.create_tab(uow, caller(owner), account.id)

    with pytest.raises(PreconditionFailed):
        account_service.delete_account(uow, caller(owner), account.id, confirm_deletion=False)
    assert account.id in uow.accounts.rows

    account_service.delete_account(uow, caller(owner), account.id, confirm_deletion=True)
    assert (uow.accounts.rows, uow.tabs.rows, uow.browser_sessions.rows) == ({}, {}, {})
