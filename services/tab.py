"""Browser tabs of an account: at most one active tab per account.

Every write to an account's tabs locks the account row first (see
BrowserAccountRepository.lock), so concurrent "make this tab active" calls take turns
and the account ends with exactly one active tab.
"""

from db.tables.account import BrowserAccountRow
from db.tables.tab import BrowserTabRow
from db.unit_of_work import UnitOfWork
from services.account import ACCOUNT_NOT_FOUND, owned_account
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import NotFound
from services.unchanged import UNCHANGED, Unchanged

TAB_NOT_FOUND = "Tab not found"
NEW_TAB_URL = "about:blank"
NEW_TAB_TITLE = "New Tab"


def list_tabs(uow: UnitOfWork, caller: Caller, account_id: str) -> list[BrowserTabRow]:
    with uow:
        owned_account(uow, caller, account_id)
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
            url=url or NEW_TAB_URL,
            is_active=True,
            is_incognito=is_incognito,
            created_at=now,
            last_accessed_at=now,
        )
        uow.tabs.deactivate_others(account.id, keep_tab_id=tab.id)
        uow.tabs.add(tab)
        uow.commit()
        return tab


def update_tab(
    uow: UnitOfWork,
    caller: Caller,
    tab_id: str,
    *,
    title: str | Unchanged = UNCHANGED,
    url: str | Unchanged = UNCHANGED,
    is_active: bool | Unchanged = UNCHANGED,
    scroll_position_x: int | Unchanged = UNCHANGED,
    scroll_position_y: int | Unchanged = UNCHANGED,
    zoom_level: float | Unchanged = UNCHANGED,
    clock: Clock = utc_now,
) -> BrowserTabRow:
    with uow:
        tab = _owned_tab(uow, caller, tab_id)
        _locked_account(uow, caller, tab.account_id)
        # Read again under the lock: a concurrent call may have changed it meanwhile.
        tab = _owned_tab(uow, caller, tab_id, reload=True)
        if title is not UNCHANGED:
            tab.title = title
        if url is not UNCHANGED:
            tab.url = url
        if scroll_position_x is not UNCHANGED:
            tab.scroll_position_x = scroll_position_x
        if scroll_position_y is not UNCHANGED:
            tab.scroll_position_y = scroll_position_y
        if zoom_level is not UNCHANGED:
            tab.zoom_level = zoom_level
        if is_active is not UNCHANGED:
            if is_active:
                uow.tabs.deactivate_others(tab.account_id, keep_tab_id=tab.id)
            tab.is_active = is_active
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
    tab = uow.tabs.get(tab_id, reload=reload)
    if tab is None:
        raise NotFound(TAB_NOT_FOUND)
    account = uow.accounts.get(tab.account_id)
    if account is None or account.user_id != caller.user_id:
        raise NotFound(TAB_NOT_FOUND)
    return tab


def _locked_account(uow: UnitOfWork, caller: Caller, account_id: str) -> BrowserAccountRow:
    account = uow.accounts.lock(account_id)
    if account is None or account.user_id != caller.user_id:
        raise NotFound(ACCOUNT_NOT_FOUND)
    return account
