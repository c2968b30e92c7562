"""In-memory stand-ins for the unit of work and its repositories (Cosmic Python style).

They implement the protocols of `db.stores` and `db.unit_of_work`, so services run on
them unchanged. They do not roll back: tests look at `commits` to see whether a
service meant its changes to stay.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Self

from db.tables import AuditLog, AuthSession, User


class FakeUserRepository:
    def __init__(self, users: Iterable[User] = ()) -> None:
        self.rows: dict[str, User] = {user.id: user for user in users}

    def add(self, user: User) -> None:
        self.rows[user.id] = user

    def get(self, user_id: str) -> User | None:
        return self.rows.get(user_id)

    def get_by_email(self, email: str) -> User | None:
        wanted = email.strip().lower()
        return next((user for user in self.rows.values() if user.email == wanted), None)

    def list_active(self) -> list[User]:
        return sorted(
            (user for user in self.rows.values() if user.is_active),
            key=lambda user: user.full_name,
        )

    def list_all(self) -> list[User]:
        return sorted(self.rows.values(), key=lambda user: user.full_name)


class FakeAuthSessionRepository:
    def __init__(self) -> None:
        self.rows: dict[str, AuthSession] = {}

    def add(self, auth_session: AuthSession) -> None:
        self.rows[auth_session.id] = auth_session

    def get(self, session_id: str) -> AuthSession | None:
        return self.rows.get(session_id)

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


class FakeAuditLogRepository:
    def __init__(self) -> None:
        self.rows: list[AuditLog] = []

    def add(self, entry: AuditLog) -> None:
        self.rows.append(entry)


class FakeUnitOfWork:
    def __init__(self, users: Iterable[User] = ()) -> None:
        self.users = FakeUserRepository(users)
        self.sessions = FakeAuthSessionRepository()
        self.audit = FakeAuditLogRepository()
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
