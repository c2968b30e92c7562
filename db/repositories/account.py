"""Browser accounts of a user, and the browser sessions switching to one opens."""

from datetime import datetime
from functools import cache
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy import bindparam, delete, func
from sqlmodel import col, select, update

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, ordering
from db.tables.account import BrowserAccountRow, BrowserSessionRow
from db.tables.tab import BrowserTabRow


class AccountRecord(NamedTuple):
    """A browser account as listed (every column), read without the ORM."""

    id: str
    user_id: str
    name: str
    description: str | None
    is_protected: bool
    proxy_config_id: str | None
    data_directory: str
    created_at: datetime
    updated_at: datetime
    last_accessed_at: datetime | None


_accounts = table_of(BrowserAccountRow)


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
    ) -> list[AccountRecord]: ...
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
    ) -> list[AccountRecord]:
        column = self._SORT_COLUMNS[sort_by]
        params: dict[str, Any] = {"user_id": user_id}
        if is_protected is not None:
            params["is_protected"] = is_protected
        if limit is not None:
            params["offset"] = offset
            params["limit"] = limit
        elif offset:
            raise ValueError("an offset needs a limit: pages have a size")
        query = _listing(
            column, descending, filtered=is_protected is not None, paged=limit is not None
        )
        return [AccountRecord._make(row) for row in query.all(self._link, **params)]

    def count_for_user(self, user_id: str, *, is_protected: bool | None = None) -> int:
        params: dict[str, Any] = {"user_id": user_id}
        if is_protected is not None:
            params["is_protected"] = is_protected
        row = _counting(filtered=is_protected is not None).first(self._link, **params)
        return int(row[0]) if row is not None else 0

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


@cache
def _listing(sort_column: str, descending: bool, *, filtered: bool, paged: bool) -> CompiledQuery:
    """A user's accounts, one compiled query per sort order, filter and paging."""
    statement = _owned(select(*columns_of(AccountRecord._fields, _accounts)), filtered=filtered)
    statement = statement.order_by(
        ordering(_accounts.c[sort_column], descending=descending), _accounts.c.id
    )
    if paged:
        statement = statement.offset(bindparam("offset")).limit(bindparam("limit"))
    return CompiledQuery(statement)


@cache
def _counting(*, filtered: bool) -> CompiledQuery:
    return CompiledQuery(_owned(select(func.count()).select_from(_accounts), filtered=filtered))


def _owned(statement: Any, *, filtered: bool) -> Any:
    statement = statement.where(_accounts.c.user_id == bindparam("user_id"))
    if filtered:
        statement = statement.where(_accounts.c.is_protected == bindparam("is_protected"))
    return statement


class BrowserSessionRepository(SqlRepository[BrowserSessionRow]):
    row_type = BrowserSessionRow

    def latest_for_account(self, account_id: str) -> BrowserSessionRow | None:
        statement = (
            select(BrowserSessionRow)
            .where(col(BrowserSessionRow.account_id) == account_id)
            .order_by(col(BrowserSessionRow.created_at).desc(), col(BrowserSessionRow.id).desc())
        )
        return self._session.exec(statement).first()
