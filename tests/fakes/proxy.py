"""In-memory proxy configurations."""

from db.tables.proxy import ProxyConfigRow
from tests.fakes.base import InMemoryRepository, sorted_like_sql


class FakeProxyConfigRepository(InMemoryRepository[ProxyConfigRow]):
    def list_for_user(
        self,
        user_id: str,
        *,
        sort_by: str,
        descending: bool,
        proxy_type: str | None = None,
        is_active: bool | None = None,
    ) -> list[ProxyConfigRow]:
        rows = [
            row
            for row in self.rows.values()
            if row.user_id == user_id
            and (proxy_type is None or row.type == proxy_type)
            and (is_active is None or row.is_active == is_active)
        ]
        return sorted_like_sql(rows, sort_by, descending=descending)
