"""Browser tabs of an account: at most one active tab per account.

Every write to an account's tabs locks the account row first (see
BrowserAccountRepository.lock), so concurrent "make this tab active" calls take turns
and the account ends with exactly one active tab.
"""

from dataclasses import dataclass

from db.tables.account import BrowserAccountRow
from db.tables.tab import BrowserTabRow
from db.unit_of_work import UnitOfWork
from services.account import ACCOUNT_NOT_FOUND
from services.caller import Caller
from services.changes import UNCHANGED, Changes, Unchanged, apply_changes
from services.clock import Clock, utc_now
from services.errors import NotFound
from services.ownership import owned
from services.tab_rules import NEW_TAB_TITLE, deactivates_the_others, new_tab_url

TAB_NOT_FOUND = "Tab not found"


@dataclass(frozen=True)
class TabChanges(Changes[BrowserTabRow]):
    """tab.update: no field may be cleared."""

    title: str | Unchanged = UNCHANGED
    url: str | Unchanged = UNCHANGED
    is_active: bool | Unchanged = UNCHANGED
    scroll_position_x: int | Unchanged = UNCHANGED
    scroll_position_y: int | Unchanged = UNCHANGED
    zoom_level: float | Unchanged = UNCHANGED


def list_tabs(uow: UnitOfWork, caller: Caller, account_id: str) -> list[BrowserTabRow]:
    with uow:
        owned(uow.accounts.get(account_id), caller, ACCOUNT_NOT_FOUND)
        return uow.tabs.list_for_account(account_id)


def create_tab(
    uow: UnitOfWork,
    caller: Caller,
    account_id: str,
    *,
    url: str | None = None,
    is_incognito: bool = False,
    clock: Clock = utc_now,
) -> BrowserTabRow:
    """Open a tab; like a browser, the new tab becomes the active one."""
    with uow:
        account = _locked_account(uow, caller, account_id)
        latest_session = uow.browser_sessions.latest_for_account(account.id)
        now = clock()
        tab = BrowserTabRow(
            account_id=account.id,
            session_id=latest_session.id if latest_session else None,
            title=NEW_TAB_TITLE,
            url=new_tab_url(url),
            is_active=True,
            is_incognito=is_incognito,
            created_at=now,
            last_accessed_at=now,
        )
        if deactivates_the_others(tab.is_active):
            uow.tabs.deactivate_others(account.id, keep_tab_id=tab.id)
        uow.tabs.add(tab)
        uow.commit()
        return tab


def update_tab(
    uow: UnitOfWork,
    caller: Caller,
    tab_id: str,
    changes: TabChanges,
    *,
    clock: Clock = utc_now,
) -> BrowserTabRow:
    with uow:
        tab = _owned_tab(uow, caller, tab_id)
        _locked_account(uow, caller, tab.account_id)
        # Read again under the lock: a concurrent call may have changed it meanwhile.
        tab = _owned_tab(uow, caller, tab_id, reload=True)
        if deactivates_the_others(changes.is_active):
            uow.tabs.deactivate_others(tab.account_id, keep_tab_id=tab.id)
        apply_changes(tab, changes)
        tab.last_accessed_at = clock()
        uow.commit()
        return tab


def close_tab(uow: UnitOfWork, caller: Caller, tab_id: str) -> None:
    with uow:
        tab = _owned_tab(uow, caller, tab_id)
        _locked_account(uow, caller, tab.account_id)
        uow.tabs.delete(tab)
        uow.commit()


def _owned_tab(
    uow: UnitOfWork, caller: Caller, tab_id: str, *, reload: bool = False
) -> BrowserTabRow:
    """A tab is its account's: the account's owner owns it."""
    tab = uow.tabs.get(tab_id, reload=reload)
    if tab is None:
        raise NotFound(TAB_NOT_FOUND)
    owned(uow.accounts.get(tab.account_id), caller, TAB_NOT_FOUND)
    return tab


def _locked_account(uow: UnitOfWork, caller: Caller, account_id: str) -> BrowserAccountRow:
    return owned(uow.accounts.lock(account_id), caller, ACCOUNT_NOT_FOUND)
