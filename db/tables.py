"""The SQLModel tables. Ids are UUID4 strings made in Python; timestamps are aware UTC."""

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from db.column_types import UTCDateTime

ID_LENGTH = 36  # str(uuid.uuid4())
# Column widths that services check before writing (PostgreSQL refuses longer values).
FULL_NAME_MAX_LENGTH = 200
AVATAR_URL_MAX_LENGTH = 2048
USER_AGENT_MAX_LENGTH = 512
# As long as the longest client correlation id middleware/correlation.py accepts.
CORRELATION_ID_MAX_LENGTH = 128


def new_id() -> str:
    return str(uuid.uuid4())


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    # Always stored lowercase, so the unique index makes emails unique regardless of case.
    email: str = Field(max_length=254, unique=True, index=True)
    full_name: str = Field(max_length=FULL_NAME_MAX_LENGTH)
    password_hash: str = Field(max_length=255)
    # One of schemas.common.ROLES; a plain string column so adding a role needs no migration.
    role: str = Field(max_length=32)
    is_active: bool = Field(default=True)
    avatar_url: str | None = Field(default=None, max_length=AVATAR_URL_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    last_signed_in_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuthSession(SQLModel, table=True):
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


class AuditLog(SQLModel, table=True):
    """One row per committed mutation."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    # No foreign key: deleting a user must not delete or block their history.
    user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    procedure: str = Field(max_length=200)
    correlation_id: str = Field(max_length=CORRELATION_ID_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)
