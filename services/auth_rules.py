"""Rules of sign-in sessions, on plain values: no unit of work, no database."""

from datetime import datetime
from typing import Protocol


class SessionLifetime(Protocol):
    """What decides whether a session works (a row, or a record of one)."""

    @property
    def revoked_at(self) -> datetime | None: ...

    @property
    def expires_at(self) -> datetime: ...


def is_live(auth_session: SessionLifetime, now: datetime) -> bool:
    """A session works until it is revoked or expires (its expiry instant excluded)."""
    return auth_session.revoked_at is None and now < auth_session.expires_at
