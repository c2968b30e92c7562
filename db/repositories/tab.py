"""Browser tabs of an account."""

from typing import Protocol

from sqlmodel import col, select, update

from db.repositories.base import SqlRepository, Store
from db.tables.tab import BrowserTabRow


class BrowserTabStore(Store[BrowserTabRow], Protocol):
    def get(self, tab_id: str, *, reload: bool = False) -> BrowserTabRow | None: ...
    def list_for_account(self, account_id: str) -> list[BrowserTabRow]: ...
    def deactivate_others(self, account_id: str, keep_tab_id: str) -> int: ...
    def delete(self, tab: BrowserTabRow) -> None: ...


class BrowserTabRepository(SqlRepository[BrowserTabRow]):
    row_type = BrowserTabRow

    def list_for_account(self, account_id: str) -> list[BrowserTabRow]:
        statement = (
            select(BrowserTabRow)
            .where(col(BrowserTabRow.account_id) == account_id)
            .order_by(col(BrowserTabRow.created_at), col(BrowserTabRow.id))
        )
        return list(self._session.exec(statement))

    def deactivate_others(self, account_id: str, keep_tab_id: str) -> int:
        """Make every tab of the account but ``keep_tab_id`` inactive."""
        statement = (
            update(BrowserTabRow)
            .where(
                col(BrowserTabRow.account_id) == account_id,
                col(BrowserTabRow.id) != keep_tab_id,
                col(BrowserTabRow.is_active).is_(True),
            )
            .values(is_active=False)
        )
        return self._session.exec(statement).rowcount
