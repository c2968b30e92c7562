"""SQL implementations of the stores in `db.stores`, one per table, over one SQLModel session."""

from datetime import datetime

from sqlmodel import Session, col, select, update

from db.tables import AuditLog, AuthSession, User


def _storable(key: str) -> bool:
    # PostgreSQL refuses a NUL character in a text parameter with an error, where
    # SQLite just finds nothing. No stored key contains NUL, so answer "not found"
    # without asking: the same on both databases, and never a server error.
    return "\x00" not in key


class UserRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, user: User) -> None:
        self._session.add(user)

    def get(self, user_id: str) -> User | None:
        return self._session.get(User, user_id) if _storable(user_id) else None

    def get_by_email(self, email: str) -> User | None:
        if not _storable(email):
            return None
        # Emails are stored lowercase; lowercasing here makes every lookup case-insensitive.
        statement = select(User).where(User.email == email.strip().lower())
        return self._session.exec(statement).first()

    def list_active(self) -> list[User]:
        statement = select(User).where(col(User.is_active).is_(True)).order_by(col(User.full_name))
        return list(self._session.exec(statement))

    def list_all(self) -> list[User]:
        return list(self._session.exec(select(User).order_by(col(User.full_name))))


class AuthSessionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, auth_session: AuthSession) -> None:
        self._session.add(auth_session)

    def get(self, session_id: str) -> AuthSession | None:
        return self._session.get(AuthSession, session_id) if _storable(session_id) else None

    def revoke_all_for_user(self, user_id: str, now: datetime) -> int:
        """Revoke the user's live sessions; returns how many were revoked."""
        statement = (
            update(AuthSession)
            .where(
                col(AuthSession.user_id) == user_id,
                col(AuthSession.revoked_at).is_(None),
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
            update(AuthSession)
            .where(
                col(AuthSession.id) == session_id,
                col(AuthSession.refresh_token_hash) == expected_hash,
                col(AuthSession.revoked_at).is_(None),
            )
            .values(
                refresh_token_hash=new_hash,
                rotated_at=rotated_at,
                expires_at=expires_at,
            )
        )
        return self._session.exec(statement).rowcount == 1


class AuditLogRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, entry: AuditLog) -> None:
        self._session.add(entry)
