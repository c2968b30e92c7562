"""The SQLModel tables. Ids are UUID4 strings made in Python; timestamps are aware UTC."""

import uuid
from datetime import datetime

from sqlalchemy import Text
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


class RetiredRefreshToken(SQLModel, table=True):
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
    # sha256 hex of the retired secret, as AuthSession.refresh_token_hash.
    token_hash: str = Field(primary_key=True, max_length=64)
    retired_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)


class AuditLog(SQLModel, table=True):
    """One row per committed mutation."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    # No foreign key: deleting a user must not delete or block their history.
    user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    procedure: str = Field(max_length=200)
    correlation_id: str = Field(max_length=CORRELATION_ID_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)


# --- The browser namespaces (account, proxy, tab): every row belongs to one user. ---
NAME_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 500
HOST_MAX_LENGTH = 253  # the longest DNS name
PROXY_USERNAME_MAX_LENGTH = 255
DATA_DIRECTORY_MAX_LENGTH = 255
TEST_ERROR_MAX_LENGTH = 500
TAB_TITLE_MAX_LENGTH = 500
URL_MAX_LENGTH = 2048


class ProxyConfig(SQLModel, table=True):
    """A proxy a user can route browser accounts through. Secrets are stored sealed
    (AES-GCM, see services/sealing.py), never in plain text."""

    __tablename__ = "proxy_configs"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    user_id: str = Field(
        foreign_key="users.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    name: str = Field(max_length=NAME_MAX_LENGTH)
    # HTTP, HTTPS, SOCKS4, SOCKS5 or V2RAY; a plain string column like users.role.
    type: str = Field(max_length=16)
    host: str = Field(max_length=HOST_MAX_LENGTH)
    port: int
    username: str | None = Field(default=None, max_length=PROXY_USERNAME_MAX_LENGTH)
    sealed_password: str | None = Field(default=None, sa_type=Text)
    # The whole v2ray configuration as sealed JSON: it holds uuids and passwords.
    sealed_v2ray_config: str | None = Field(default=None, sa_type=Text)
    is_active: bool = Field(default=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    last_tested_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    test_success: bool | None = Field(default=None)
    test_latency_ms: int | None = Field(default=None)
    test_error: str | None = Field(default=None, max_length=TEST_ERROR_MAX_LENGTH)


class BrowserAccount(SQLModel, table=True):
    """One browser identity of a user, with its own data directory and tabs."""

    __tablename__ = "browser_accounts"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    user_id: str = Field(
        foreign_key="users.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    name: str = Field(max_length=NAME_MAX_LENGTH)
    description: str | None = Field(default=None, max_length=DESCRIPTION_MAX_LENGTH)
    is_protected: bool = Field(default=False)
    # Deleting a proxy detaches the accounts that used it (services do it explicitly;
    # the foreign key says the same for anything that deletes rows directly).
    proxy_config_id: str | None = Field(
        default=None,
        foreign_key="proxy_configs.id",
        ondelete="SET NULL",
        index=True,
        max_length=ID_LENGTH,
    )
    data_directory: str = Field(max_length=DATA_DIRECTORY_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    last_accessed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class BrowserSession(SQLModel, table=True):
    """Made by account.switch; the tabs opened afterwards hang off the newest one."""

    __tablename__ = "browser_sessions"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    account_id: str = Field(
        foreign_key="browser_accounts.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    created_at: datetime = Field(sa_type=UTCDateTime)


class BrowserTab(SQLModel, table=True):
    __tablename__ = "browser_tabs"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    account_id: str = Field(
        foreign_key="browser_accounts.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    session_id: str | None = Field(
        default=None,
        foreign_key="browser_sessions.id",
        ondelete="SET NULL",
        index=True,
        max_length=ID_LENGTH,
    )
    title: str = Field(max_length=TAB_TITLE_MAX_LENGTH)
    url: str = Field(max_length=URL_MAX_LENGTH)
    is_active: bool = Field(default=False)
    is_incognito: bool = Field(default=False)
    scroll_position_x: int = Field(default=0)
    scroll_position_y: int = Field(default=0)
    zoom_level: float = Field(default=1.0)
    favicon: str | None = Field(default=None, max_length=URL_MAX_LENGTH)
    thumbnail: str | None = Field(default=None, max_length=URL_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)
    last_accessed_at: datetime = Field(sa_type=UTCDateTime)
