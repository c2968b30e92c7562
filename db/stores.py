"""The repository interfaces the services depend on.

`db.repositories` implements them with SQL; `tests/fakes.py` implements them in memory,
so services can be unit-tested without a database.
"""

from datetime import datetime
from typing import Protocol

from db.tables import AuditLog, AuthSession, User


class UserStore(Protocol):
    def add(self, user: User) -> None: ...
    def get(self, user_id: str) -> User | None: ...
    def get_by_email(self, email: str) -> User | None: ...
    def list_active(self) -> list[User]: ...
    def list_all(self) -> list[User]: ...


class AuthSessionStore(Protocol):
    def add(self, auth_session: AuthSession) -> None: ...
    def get(self, session_id: str) -> AuthSession | None: ...
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


class AuditLogStore(Protocol):
    def add(self, entry: AuditLog) -> None: ...
