"""In-memory users and sessions."""

from datetime import datetime

from db.records import record_of
from db.repositories.auth import SessionRecord, UserRecord
from db.tables.auth import AuthSessionRow, UserRow
from tests.fakes.base import InMemoryRepository


class FakeUserRepository(InMemoryRepository[UserRow]):
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


class FakeAuthSessionRepository(InMemoryRepository[AuthSessionRow]):
    def __init__(self, users: FakeUserRepository) -> None:
        super().__init__()
        # (session id, retired hash) -> when the retired secret would have expired
        self.retired: dict[tuple[str, str], datetime] = {}
        self._users = users

    def get_with_user(self, session_id: str) -> tuple[SessionRecord, UserRecord] | None:
        auth_session = self.rows.get(session_id)
        user = self._users.get(auth_session.user_id) if auth_session else None
        if auth_session is None or user is None:
            return None
        return record_of(SessionRecord, auth_session), record_of(UserRecord, user)

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
