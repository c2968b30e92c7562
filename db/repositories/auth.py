"""Users and their sessions: the stores the services use, and their SQL repositories."""

from datetime import datetime
from typing import Final, NamedTuple, Protocol

from sqlalchemy import bindparam, delete
from sqlmodel import col, select, update

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.tables.auth import AuthSessionRow, RetiredRefreshTokenRow, UserRow

ADMIN_ROLE: Final = "admin"


class UserRecord(NamedTuple):
    """A user as read for a request's caller: every column but the password hash."""

    id: str
    email: str
    full_name: str
    role: str
    is_active: bool
    avatar_url: str | None
    created_at: datetime
    updated_at: datetime
    last_signed_in_at: datetime | None


class SessionRecord(NamedTuple):
    """What deciding whether a session still works needs of it."""

    id: str
    user_id: str
    expires_at: datetime
    revoked_at: datetime | None


_users = table_of(UserRow)
_sessions = table_of(AuthSessionRow)
# Every authenticated request runs it: compiled once (db.compiled_query).
_SESSION_WITH_USER = CompiledQuery(
    select(*columns_of(SessionRecord._fields, _sessions), *columns_of(UserRecord._fields, _users))
    .join_from(_sessions, _users, _sessions.c.user_id == _users.c.id)
    .where(_sessions.c.id == bindparam("session_id"))
)
_SESSION_FIELDS = len(SessionRecord._fields)


class UserStore(Store[UserRow], Protocol):
    def get_by_email(self, email: str) -> UserRow | None: ...
    def list_active(self) -> list[UserRow]: ...
    def lock_active_admins(self) -> list[UserRow]: ...
    def lock(self, user_id: str) -> UserRow | None: ...


class AuthSessionStore(Store[AuthSessionRow], Protocol):
    def get_with_user(self, session_id: str) -> tuple[SessionRecord, UserRecord] | None: ...
    def revoke_all_for_user(self, user_id: str, now: datetime) -> int: ...
    def rotate_refresh_hash(
        self,
        session_id: str,
        *,
        expected_hash: str,
        new_hash: str,
        rotated_at: datetime,
        expires_at: datetime,
    ) -> bool: ...
    def retire_refresh_hash(
        self, session_id: str, token_hash: str, *, retired_at: datetime, expires_at: datetime
    ) -> None: ...
    def was_retired(self, session_id: str, token_hash: str, now: datetime) -> bool: ...


class UserRepository(SqlRepository[UserRow]):
    row_type = UserRow

    def get_by_email(self, email: str) -> UserRow | None:
        if not storable(email):
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


class AuthSessionRepository(SqlRepository[AuthSessionRow]):
    row_type = AuthSessionRow

    def get_with_user(self, session_id: str) -> tuple[SessionRecord, UserRecord] | None:
        """The session and its user in one query: every authenticated request needs both."""
        if not storable(session_id):
            return None
        row = _SESSION_WITH_USER.first(self._link, session_id=session_id)
        if row is None:
            return None
        return SessionRecord._make(row[:_SESSION_FIELDS]), UserRecord._make(row[_SESSION_FIELDS:])

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
