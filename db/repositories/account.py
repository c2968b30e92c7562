"""Browser accounts of a user, and the browser sessions switching to one opens."""

from typing import Any, Final, Protocol

from sqlalchemy import delete, func
from sqlmodel import col, select, update

from db.repositories.base import SqlRepository, Store, ordering
from db.tables.account import BrowserAccountRow, BrowserSessionRow
from db.tables.tab import BrowserTabRow


class BrowserAccountStore(Store[BrowserAccountRow], Protocol):
    def lock(self, account_id: str) -> BrowserAccountRow | None: ...
    def list_for_user(
        self,
        user_id: str,
        *,
        sort_by: str,
        descending: bool,
        is_protected: bool | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[BrowserAccountRow]: ...
    def count_for_user(self, user_id: str, *, is_protected: bool | None = None) -> int: ...
    def detach_proxy(self, proxy_config_id: str) -> int: ...
    def delete(self, account: BrowserAccountRow) -> None: ...


class BrowserSessionStore(Store[BrowserSessionRow], Protocol):
    def latest_for_account(self, account_id: str) -> BrowserSessionRow | None: ...


class BrowserAccountRepository(SqlRepository[BrowserAccountRow]):
    row_type = BrowserAccountRow
    _SORT_COLUMNS: Final = {
        "name": "name",
        "created_at": "created_at",
        "last_accessed_at": "last_accessed_at",
    }

    def list_for_user(
        self,
        user_id: str,
        *,
        sort_by: str,
        descending: bool,
        is_protected: bool | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[BrowserAccountRow]:
        statement = self._owned(select(BrowserAccountRow), user_id, is_protected)
        column = getattr(BrowserAccountRow, self._SORT_COLUMNS[sort_by])
        statement = (
            statement.order_by(
                ordering(col(column), descending=descending), col(BrowserAccountRow.id)
            )
            .offset(offset)
            .limit(limit)
        )
        return list(self._session.exec(statement))

    def count_for_user(self, user_id: str, *, is_protected: bool | None = None) -> int:
        statement = self._owned(
            select(func.count()).select_from(BrowserAccountRow), user_id, is_protected
        )
        return int(self._session.exec(statement).one())

    @staticmethod
    def _owned(statement: Any, user_id: str, is_protected: bool | None) -> Any:
        statement = statement.where(col(BrowserAccountRow.user_id) == user_id)
        if is_protected is not None:
            statement = statement.where(col(BrowserAccountRow.is_protected).is_(is_protected))
        return statement

    def detach_proxy(self, proxy_config_id: str) -> int:
        """Unset the proxy of every account that uses it; returns how many did."""
        statement = (
            update(BrowserAccountRow)
            .where(col(BrowserAccountRow.proxy_config_id) == proxy_config_id)
            .values(proxy_config_id=None)
        )
        return self._session.exec(statement).rowcount

    def delete(self, account: BrowserAccountRow) -> None:
        """Delete the account with its tabs and sessions (children first, explicitly:
        the result must not depend on the database enforcing ON DELETE CASCADE)."""
        self._session.exec(delete(BrowserTabRow).where(col(BrowserTabRow.account_id) == account.id))
        self._session.exec(
            delete(BrowserSessionRow).where(col(BrowserSessionRow.account_id) == account.id)
        )
        self._session.delete(account)


class BrowserSessionRepository(SqlRepository[BrowserSessionRow]):
    row_type = BrowserSessionRow

    def latest_for_account(self, account_id: str) -> BrowserSessionRow | None:
        statement = (
            select(BrowserSessionRow)
            .where(col(BrowserSessionRow.account_id) == account_id)
            .order_by(col(BrowserSessionRow.created_at).desc(), col(BrowserSessionRow.id).desc())
        )
        return self._session.exec(statement).first()
