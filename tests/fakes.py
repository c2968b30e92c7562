"""In-memory stand-ins for the unit of work and its repositories (Cosmic Python style).

They implement the protocols of `db.stores` and `db.unit_of_work`, so services run on
them unchanged. They do not roll back: tests look at `commits` to see whether a
service meant its changes to stay.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Self, TypeVar

from db.tables.account import BrowserAccountRow, BrowserSessionRow
from db.tables.audit import AuditLogRow
from db.tables.auth import AuthSessionRow, UserRow
from db.tables.proxy import ProxyConfigRow
from db.tables.tab import BrowserTabRow

Row = TypeVar("Row", ProxyConfigRow, BrowserAccountRow)


def _sorted(rows: Iterable[Row], sort_by: str, *, descending: bool) -> list[Row]:
    """Rows ordered as the SQL repositories order them: by the column, missing values
    last in either direction, then by id."""
    by_id = sorted(rows, key=lambda row: row.id)
    present = [row for row in by_id if getattr(row, sort_by) is not None]
    missing = [row for row in by_id if getattr(row, sort_by) is None]
    # sorted() stays stable with reverse=True: equal values keep ascending ids, as
    # ORDER BY column DESC, id does.
    ordered = sorted(present, key=lambda row: getattr(row, sort_by), reverse=descending)
    return ordered + missing


class FakeUserRepository:
    def __init__(self, users: Iterable[UserRow] = ()) -> None:
        self.rows: dict[str, UserRow] = {user.id: user for user in users}

    def add(self, user: UserRow) -> None:
        self.rows[user.id] = user

    def get(self, user_id: str) -> UserRow | None:
        return self.rows.get(user_id)

    def get_by_email(self, email: str) -> UserRow | None:
        wanted = email.strip().lower()
        return next((user for user in self.rows.values() if user.email == wanted), None)

    def list_active(self) -> list[UserRow]:
        return sorted(
            (user for user in self.rows.values() if user.is_active),
            key=lambda user: user.full_name,
        )

    def lock_active_admins(self) -> list[UserRow]:
        return sorted(
            (user for user in self.rows.values() if user.role == "admin" and user.is_active),
            key=lambda user: user.id,
        )

    def lock(self, user_id: str) -> UserRow | None:
        return self.get(user_id)


class FakeAuthSessionRepository:
    def __init__(self, users: FakeUserRepository) -> None:
        self.rows: dict[str, AuthSessionRow] = {}
        # (session id, retired hash) -> when the retired secret would have expired
        self.retired: dict[tuple[str, str], datetime] = {}
        self._users = users

    def add(self, auth_session: AuthSessionRow) -> None:
        self.rows[auth_session.id] = auth_session

    def get(self, session_id: str) -> AuthSessionRow | None:
        return self.rows.get(session_id)

    def get_with_user(self, session_id: str) -> tuple[AuthSessionRow, UserRow] | None:
        auth_session = self.rows.get(session_id)
        user = self._users.get(auth_session.user_id) if auth_session else None
        return (auth_session, user) if auth_session and user else None

    def revoke_all_for_user(self, user_id: str, now: datetime) -> int:
        live = [
            row for row in self.rows.values() if row.user_id == user_id and row.revoked_at is None
        ]
        for row in live:
            row.revoked_at = now
        return len(live)

    def rotate_refresh_hash(
        self,
        session_id: str,
        *,
        expected_hash: str,
        new_hash: str,
        rotated_at: datetime,
        expires_at: datetime,
    ) -> bool:
        row = self.rows.get(session_id)
        if row is None or row.revoked_at is not None:
            return False
        if row.refresh_token_hash != expected_hash:
            return False
        row.refresh_token_hash = new_hash
        row.rotated_at = rotated_at
        row.expires_at = expires_at
        return True

    def retire_refresh_hash(
        self, session_id: str, token_hash: str, *, retired_at: datetime, expires_at: datetime
    ) -> None:
        self.retired = {
            key: until
            for key, until in self.retired.items()
            if key[0] != session_id or until > retired_at
        }
        self.retired[(session_id, token_hash)] = expires_at

    def was_retired(self, session_id: str, token_hash: str, now: datetime) -> bool:
        until = self.retired.get((session_id, token_hash))
        return until is not None and until > now


class FakeAuditLogRepository:
    def __init__(self) -> None:
        self.rows: list[AuditLogRow] = []

    def add(self, entry: AuditLogRow) -> None:
        self.rows.append(entry)


class FakeProxyConfigRepository:
    def __init__(self) -> None:
        self.rows: dict[str, ProxyConfigRow] = {}

    def add(self, proxy: ProxyConfigRow) -> None:
        self.rows[proxy.id] = proxy

    def get(self, proxy_id: str) -> ProxyConfigRow | None:
        return self.rows.get(proxy_id)

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
        return _sorted(rows, sort_by, descending=descending)

    def delete(self, proxy: ProxyConfigRow) -> None:
        del self.rows[proxy.id]


class FakeBrowserAccountRepository:
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self.rows: dict[str, BrowserAccountRow] = {}
        self._uow = uow
        self.locked: list[str] = []

    def add(self, account: BrowserAccountRow) -> None:
        self.rows[account.id] = account

    def get(self, account_id: str) -> BrowserAccountRow | None:
        return self.rows.get(account_id)

    def lock(self, account_id: str) -> BrowserAccountRow | None:
        self.locked.append(account_id)
        return self.rows.get(account_id)

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
    ) -> list[BrowserAccountRow]:
        rows = _sorted(self._owned(user_id, is_protected), sort_by, descending=descending)
        return rows[offset : None if limit is None else offset + limit]

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


class FakeBrowserSessionRepository:
    def __init__(self) -> None:
        self.rows: dict[str, BrowserSessionRow] = {}

    def add(self, browser_session: BrowserSessionRow) -> None:
        self.rows[browser_session.id] = browser_session

    def latest_for_account(self, account_id: str) -> BrowserSessionRow | None:
        mine = [row for row in self.rows.values() if row.account_id == account_id]
        return max(mine, key=lambda row: (row.created_at, row.id), default=None)


class FakeBrowserTabRepository:
    def __init__(self) -> None:
        self.rows: dict[str, BrowserTabRow] = {}

    def add(self, tab: BrowserTabRow) -> None:
        self.rows[tab.id] = tab

    def get(self, tab_id: str, *, reload: bool = False) -> BrowserTabRow | None:
        return self.rows.get(tab_id)

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

    def delete(self, tab: BrowserTabRow) -> None:
        del self.rows[tab.id]


class FakeUnitOfWork:
    def __init__(self, users: Iterable[UserRow] = ()) -> None:
        self.users = FakeUserRepository(users)
        self.sessions = FakeAuthSessionRepository(self.users)
        self.audit = FakeAuditLogRepository()
        self.proxies = FakeProxyConfigRepository()
        self.accounts = FakeBrowserAccountRepository(self)
        self.browser_sessions = FakeBrowserSessionRepository()
        self.tabs = FakeBrowserTabRepository()
        self.commits = 0

    @property
    def committed(self) -> bool:
        return self.commits > 0

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        return None

    def commit(self) -> None:
        self.commits += 1

    def rollback(self) -> None:
        return None


@dataclass
class FakeClock:
    """A clock that only moves when told to."""

    now: datetime = field(default_factory=lambda: datetime(2025, 1, 1, 12, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta
