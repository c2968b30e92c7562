"""Proxy configurations: every row belongs to one user."""

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from db.column_types import ID_LENGTH, UTCDateTime, new_id
from schemas.limits import (
    HOST_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PROXY_USERNAME_MAX_LENGTH,
    TEST_ERROR_MAX_LENGTH,
)


class ProxyConfigRow(SQLModel, table=True):
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
