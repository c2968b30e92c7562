"""In-memory browser tabs."""

from db.tables.tab import BrowserTabRow
from tests.fakes.base import InMemoryRepository


class FakeBrowserTabRepository(InMemoryRepository[BrowserTabRow]):
    def list_for_account(self, account_id: str) -> list[BrowserTabRow]:
        mine = [row for row in self.rows.values() if row.account_id == account_id]
        return sorted(mine, key=lambda row: (row.created_at, row.id))

    def deactivate_others(self, account_id: str, keep_tab_id: str) -> int:
        others = [
            row
            for row in self.rows.values()
            if row.account_id == account_id and row.id != keep_tab_id and row.is_active
        ]
        for row in others:
            row.is_active = False
        return len(others)
