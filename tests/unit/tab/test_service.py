"""The tab service on the in-memory fakes."""

from __future__ import annotations

import pytest

from db.tables.auth import UserRow
from services import account as account_service
from services import tab as tab_service
from services.errors import NotFound
from services.passwords import PasswordHasher
from tests.factories.auth import caller
from tests.fakes import FakeUnitOfWork


def test_tabs_activate_exclusively_under_the_account_lock(
    uow: FakeUnitOfWork, owner: UserRow, hasher: PasswordHasher
) -> None:
    account = account_service.create_account(uow, caller(owner), name="A")
    session = account_service.switch_account(uow, hasher, caller(owner), account.id).session
    first = tab_service.create_tab(uow, caller(owner), account.id)
    second = tab_service.create_tab(uow, caller(owner), account.id, url="https://example.com/")

    assert (first.is_active, second.is_active, second.session_id) == (False, True, session.id)
    tab_service.update_tab(
        uow, caller(owner), first.id, tab_service.TabChanges(is_active=True, zoom_level=2.0)
    )

    assert (first.is_active, second.is_active, first.zoom_level) == (True, False, 2.0)
    assert uow.accounts.locked.count(account.id) == 3  # both creations and the update


def test_someone_elses_tab_is_not_found(
    uow: FakeUnitOfWork, owner: UserRow, stranger: UserRow
) -> None:
    account = account_service.create_account(uow, caller(owner), name="A")
    tab = tab_service.create_tab(uow, caller(owner), account.id)

    for attempt in (
        lambda: tab_service.update_tab(
            uow, caller(stranger), tab.id, tab_service.TabChanges(title="x")
        ),
        lambda: tab_service.close_tab(uow, caller(stranger), tab.id),
        lambda: tab_service.list_tabs(uow, caller(stranger), account.id),
        lambda: tab_service.create_tab(uow, caller(stranger), account.id),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert tab.title == "New Tab"
