"""Rules of sign-in sessions, on plain values: no unit of work, no database."""

from datetime import datetime

from db.tables.auth import AuthSessionRow


def is_live(auth_session: AuthSessionRow, now: datetime) -> bool:
    """A session works until it is revoked or expires (its expiry instant excluded)."""
    return auth_session.revoked_at is None and now < auth_session.expires_at
