"""Test data for the auth domain: users with known passwords."""

from datetime import UTC, datetime

from db.tables.auth import UserRow
from services.caller import Caller
from services.passwords import PasswordHasher

DEFAULT_PASSWORD = "Correct-Horse-9"
DEFAULT_TIME = datetime(2025, 1, 1, 12, tzinfo=UTC)


def make_user(
    hasher: PasswordHasher,
    *,
    email: str = "tech@example.com",
    password: str = DEFAULT_PASSWORD,
    full_name: str = "Tess Technician",
    role: str = "technician",
    is_active: bool = True,
    now: datetime = DEFAULT_TIME,
) -> UserRow:
    return UserRow(
        email=email.lower(),
        full_name=full_name,
        password_hash=hasher.hash(password),
        role=role,
        is_active=is_active,
        created_at=now,
        updated_at=now,
    )


def caller(user: UserRow) -> Caller:
    """The signed-in caller a request by ``user`` would carry to a service."""
    return Caller(user.id, user.email, user.role, f"session-of-{user.id}")
