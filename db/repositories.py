"""SQL implementations of the stores in `db.stores`, one per table, over one SQLModel session."""

from datetime import datetime
from typing import Any, Final

from sqlalchemy import delete, func
from sqlmodel import Session, col, select, update

from db.tables.account import BrowserAccountRow, BrowserSessionRow
from db.tables.audit import AuditLogRow
from db.tables.auth import AuthSessionRow, RetiredRefreshTokenRow, UserRow
from db.tables.proxy import ProxyConfigRow
from db.tables.tab import BrowserTabRow

ADMIN_ROLE: Final = "admin"


def _storable(key: str) -> bool:
    # PostgreSQL refuses a NUL character in a text parameter with an error, where
    # SQLite just finds nothing. No stored key contains NUL, so answer "not found"
    # without asking: the same on both databases, and never a server error.
    return "\x00" not in key


class UserRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, user: UserRow) -> None:
        self._session.add(user)

    def get(self, user_id: str) -> UserRow | None:
        return self._session.get(UserRow, user_id) if _storable(user_id) else None

    def get_by_email(self, email: str) -> UserRow | None:
        if not _storable(email):
            return None
        # Emails are stored lowercase; lowercasing here makes every lookup case-insensitive.
        statement = select(UserRow).where(UserRow.email == email.strip().lower())
        return self._session.exec(statement).first()

    def list_active(self) -> list[UserRow]:
        statement = (
            select(UserRow).where(col(UserRow.is_active).is_(True)).order_by(col(UserRow.full_name))
        )
        return list(self._session.exec(statement))

    def lock_active_admins(self) -> list[UserRow]:
        """The active admins, re-read and row-locked (in id order) until the transaction ends.

        Whoever may take an admin away locks them all first, so two such changes take
        turns on PostgreSQL and the second one counts what the first one left. In id
        order, so two lockers never wait for each other crosswise. On PostgreSQL a row
        that stopped matching while we waited for its lock is left out (READ COMMITTED
        re-checks the condition on the new row version). SQLite ignores FOR UPDATE: a
        writing transaction there holds the database's only write lock already.
        """
        statement = (
            select(UserRow)
            .where(col(UserRow.role) == ADMIN_ROLE, col(UserRow.is_active).is_(True))
            .order_by(col(UserRow.id))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return list(self._session.exec(statement))

    def lock(self, user_id: str) -> UserRow | None:
        """The user, re-read and row-locked until the transaction ends."""
        if not _storable(user_id):
            return None
        return self._session.get(UserRow, user_id, with_for_update=True, populate_existing=True)


class AuthSessionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, auth_session: AuthSessionRow) -> None:
        self._session.add(auth_session)

    def get(self, session_id: str) -> AuthSessionRow | None:
        return self._session.get(AuthSessionRow, session_id) if _storable(session_id) else None

    def get_with_user(self, session_id: str) -> tuple[AuthSessionRow, UserRow] | None:
        """The session and its user in one query: every authenticated request needs both."""
        if not _storable(session_id):
            return None
        statement = (
            select(AuthSessionRow, UserRow)
            .join(UserRow, col(UserRow.id) == col(AuthSessionRow.user_id))
            .where(col(AuthSessionRow.id) == session_id)
        )
        row = self._session.exec(statement).first()
        return (row[0], row[1]) if row is not None else None

    def revoke_all_for_user(self, user_id: str, now: datetime) -> int:
        """Revoke the user's live sessions; returns how many were revoked."""
        statement = (
            update(AuthSessionRow)
            .where(
                col(AuthSessionRow.user_id) == user_id,
                col(AuthSessionRow.revoked_at).is_(None),
            )
            .values(revoked_at=now)
        )
        return self._session.exec(statement).rowcount

    def rotate_refresh_hash(
        self,
        session_id: str,
        *,
        expected_hash: str,
        new_hash: str,
        rotated_at: datetime,
        expires_at: datetime,
    ) -> bool:
        """Replace the refresh hash only if it is still `expected_hash` (compare-and-swap).

        Two refreshes racing with the same token both read the same hash; the
        conditional UPDATE lets exactly one of them win, and the loser is told so
        (False) instead of silently overwriting the winner's new token.
        """
        statement = (
            update(AuthSessionRow)
            .where(
                col(AuthSessionRow.id) == session_id,
                col(AuthSessionRow.refresh_token_hash) == expected_hash,
                col(AuthSessionRow.revoked_at).is_(None),
            )
            .values(
                refresh_token_hash=new_hash,
                rotated_at=rotated_at,
                expires_at=expires_at,
            )
        )
        return self._session.exec(statement).rowcount == 1

    def retire_refresh_hash(
        self, session_id: str, token_hash: str, *, retired_at: datetime, expires_at: datetime
    ) -> None:
        """Remember a hash rotated away until `expires_at`; forget the session's stale ones.

        Pruning per session, at each rotation, keeps a session's chain as long as the
        rotations of one refresh lifetime, without a cleanup job.
        """
        self._session.exec(
            delete(RetiredRefreshTokenRow).where(
                col(RetiredRefreshTokenRow.session_id) == session_id,
                col(RetiredRefreshTokenRow.expires_at) <= retired_at,
            )
        )
        self._session.add(
            RetiredRefreshTokenRow(
                session_id=session_id,
                token_hash=token_hash,
                retired_at=retired_at,
                expires_at=expires_at,
            )
        )

    def was_retired(self, session_id: str, token_hash: str, now: datetime) -> bool:
        """Whether `token_hash` is one of the session's earlier hashes, not yet expired."""
        statement = select(RetiredRefreshTokenRow.token_hash).where(
            col(RetiredRefreshTokenRow.session_id) == session_id,
            col(RetiredRefreshTokenRow.token_hash) == token_hash,
            col(RetiredRefreshTokenRow.expires_at) > now,
        )
        return self._session.exec(statement).first() is not None


class AuditLogRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, entry: AuditLogRow) -> None:
        self._session.add(entry)


def _ordering(column: Any, *, descending: bool) -> Any:
    # Rows without a value (never accessed) come last either way, on both databases
    # (SQLite and PostgreSQL disagree on where NULL sorts by default).
    ordered = column.desc() if descending else column.asc()
    return ordered.nulls_last()


class ProxyConfigRepository:
    _SORT_COLUMNS: Final = {"name": "name", "type": "type", "created_at": "created_at"}

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, proxy: ProxyConfigRow) -> None:
        self._session.add(proxy)

    def get(self, proxy_id: str) -> ProxyConfigRow | None:
        return self._session.get(ProxyConfigRow, proxy_id) if _storable(proxy_id) else None

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
            _ordering(col(column), descending=descending), col(ProxyConfigRow.id)
        )
        return list(self._session.exec(statement))

    def delete(self, proxy: ProxyConfigRow) -> None:
        self._session.delete(proxy)


class BrowserAccountRepository:
    _SORT_COLUMNS: Final = {
        "name": "name",
        "created_at": "created_at",
        "last_accessed_at": "last_accessed_at",
    }

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, account: BrowserAccountRow) -> None:
        self._session.add(account)

    def get(self, account_id: str) -> BrowserAccountRow | None:
        return self._session.get(BrowserAccountRow, account_id) if _storable(account_id) else None

    def lock(self, account_id: str) -> BrowserAccountRow | None:
        """The account, re-read and row-locked until the transaction ends.

        Writers of one account's tabs lock the account first, so they take turns on
        PostgreSQL (SELECT ... FOR UPDATE). SQLite has no row locks and needs none:
        a writing transaction there holds the database's only write lock already.
        """
        if not _storable(account_id):
            return None
        return self._session.get(
            BrowserAccountRow, account_id, with_for_update=True, populate_existing=True
        )

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
                _ordering(col(column), descending=descending), col(BrowserAccountRow.id)
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


class BrowserSessionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, browser_session: BrowserSessionRow) -> None:
        self._session.add(browser_session)

    def latest_for_account(self, account_id: str) -> BrowserSessionRow | None:
        statement = (
            select(BrowserSessionRow)
            .where(col(BrowserSessionRow.account_id) == account_id)
            .order_by(col(BrowserSessionRow.created_at).desc(), col(BrowserSessionRow.id).desc())
        )
        return self._session.exec(statement).first()


class BrowserTabRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, tab: BrowserTabRow) -> None:
        self._session.add(tab)

    def get(self, tab_id: str, *, reload: bool = False) -> BrowserTabRow | None:
        """The tab; with ``reload``, read again from the database (after taking a lock)."""
        if not _storable(tab_id):
            return None
        return self._session.get(BrowserTabRow, tab_id, populate_existing=reload)

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

    def delete(self, tab: BrowserTabRow) -> None:
        self._session.delete(tab)
