"""Proxy configurations of a user."""

from typing import Final, Protocol

from sqlmodel import col, select

from db.repositories.base import SqlRepository, Store, ordering
from db.tables.proxy import ProxyConfigRow


class ProxyConfigStore(Store[ProxyConfigRow], Protocol):
    def list_for_user(
        self,
        user_id: str,
        *,
        sort_by: str,
        descending: bool,
        proxy_type: str | None = None,
        is_active: bool | None = None,
    ) -> list[ProxyConfigRow]: ...
    def delete(self, proxy: ProxyConfigRow) -> None: ...


class ProxyConfigRepository(SqlRepository[ProxyConfigRow]):
    row_type = ProxyConfigRow
    _SORT_COLUMNS: Final = {"name": "name", "type": "type", "created_at": "created_at"}

    def list_for_user(
        self,
        user_id: str,
        *,
        sort_by: str,
        descending: bool,
        proxy_type: str | None = None,
        is_active: bool | None = None,
    ) -> list[ProxyConfigRow]:
        statement = select(ProxyConfigRow).where(col(ProxyConfigRow.user_id) == user_id)
        if proxy_type is not None:
            statement = statement.where(col(ProxyConfigRow.type) == proxy_type)
        if is_active is not None:
            statement = statement.where(col(ProxyConfigRow.is_active).is_(is_active))
        column = getattr(ProxyConfigRow, self._SORT_COLUMNS[sort_by])
        statement = statement.order_by(
            ordering(col(column), descending=descending), col(ProxyConfigRow.id)
        )
        return list(self._session.exec(statement))
