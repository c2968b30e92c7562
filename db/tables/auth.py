"""Identity: users, their signed-in sessions, and the refresh secrets those rotated away.

The users table belongs here: ``auth`` owns who someone is; ``admin.*`` and ``profile.*``
are namespaces over these rows.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel

from db.column_types import ID_LENGTH, UTCDateTime, new_id
from schemas.limits import (
    AVATAR_URL_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    FULL_NAME_MAX_LENGTH,
    USER_AGENT_MAX_LENGTH,
)


class UserRow(SQLModel, table=True):
    __tablename__ = "users"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    # Always stored lowercase, so the unique index makes emails unique regardless of case.
    email: str = Field(max_length=EMAIL_MAX_LENGTH, unique=True, index=True)
    full_name: str = Field(max_length=FULL_NAME_MAX_LENGTH)
    password_hash: str = Field(max_length=255)
    # One of schemas.common.ROLES; a plain string column so adding a role needs no migration.
    role: str = Field(max_length=32)
    is_active: bool = Field(default=True)
    avatar_url: str | None = Field(default=None, max_length=AVATAR_URL_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    last_signed_in_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuthSessionRow(SQLModel, table=True):
    """One signed-in device: every access token names one, and logout revokes it."""

    __tablename__ = "auth_sessions"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    user_id: str = Field(
        foreign_key="users.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    # sha256 hex of the current refresh secret: a database leak does not leak usable tokens.
    refresh_token_hash: str = Field(max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    rotated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    user_agent: str | None = Field(default=None, max_length=USER_AGENT_MAX_LENGTH)


class RetiredRefreshTokenRow(SQLModel, table=True):
    """A refresh secret of a session that was rotated away (the session's rotation chain).

    Presented again while it would still have been valid, it proves that two parties
    hold the session's tokens, so the session ends; a secret that was never valid for
    the session must not end it (anyone can read a session id in an access token).
    Kept until `expires_at`, the moment the secret would have expired anyway.
    """

    __tablename__ = "retired_refresh_tokens"

    session_id: str = Field(
        foreign_key="auth_sessions.id",
        ondelete="CASCADE",
        primary_key=True,
        max_length=ID_LENGTH,
    )
    # sha256 hex of the retired secret, as AuthSessionRow.refresh_token_hash.
    token_hash: str = Field(primary_key=True, max_length=64)
    retired_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
