"""In-memory browser accounts and browser sessions."""

from typing import TYPE_CHECKING

from db.records import record_of
from db.repositories.account import AccountRecord
from db.tables.account import BrowserAccountRow, BrowserSessionRow
from tests.fakes.base import InMemoryRepository, sorted_like_sql

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeBrowserAccountRepository(InMemoryRepository[BrowserAccountRow]):
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        super().__init__()
        self._uow = uow

    def _owned(self, user_id: str, is_protected: bool | None) -> list[BrowserAccountRow]:
        return [
            row
            for row in self.rows.values()
            if row.user_id == user_id and (is_protected is None or row.is_protected == is_protected)
        ]

    def list_for_user(
        self,
        user_id: str,
        *,
        sort_by: str,
        descending: bool,
        is_protected: bool | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[AccountRecord]:
        rows = sorted_like_sql(self._owned(user_id, is_protected), sort_by, descending=descending)
        return [
            record_of(AccountRecord, row)
            for row in rows[offset : None if limit is None else offset + limit]
        ]

    def count_for_user(self, user_id: str, *, is_protected: bool | None = None) -> int:
        return len(self._owned(user_id, is_protected))

    def detach_proxy(self, proxy_config_id: str) -> int:
        users = [row for row in self.rows.values() if row.proxy_config_id == proxy_config_id]
        for row in users:
            row.proxy_config_id = None
        return len(users)

    def delete(self, account: BrowserAccountRow) -> None:
        tabs = self._uow.tabs.rows
        for tab_id in [tab.id for tab in tabs.values() if tab.account_id == account.id]:
            del tabs[tab_id]
        sessions = self._uow.browser_sessions.rows
        for session_id in [s.id for s in sessions.values() if s.account_id == account.id]:
            del sessions[session_id]
        del self.rows[account.id]


class FakeBrowserSessionRepository(InMemoryRepository[BrowserSessionRow]):
    def latest_for_account(self, account_id: str) -> BrowserSessionRow | None:
        mine = [row for row in self.rows.values() if row.account_id == account_id]
        return max(mine, key=lambda row: (row.created_at, row.id), default=None)
