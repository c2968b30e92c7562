"""``auth.*``: the browser contract's names (camelCase)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schemas.base import CamelInput, CamelOutput
from schemas.common import Email, Role, Timestamp

# Login checks the password against the stored hash only; strength rules apply when a
# password is set. The upper bound keeps a hostile caller from making us hash megabytes.
LoginPassword = Annotated[str, Field(min_length=1, max_length=128)]


class LoginInput(CamelInput):
    email: Email
    password: LoginPassword


class RefreshInput(CamelInput):
    refresh_token: Annotated[str, Field(min_length=1, max_length=512)]


class AuthUser(CamelOutput):
    id: str
    email: str
    name: str
    role: Role
    is_active: bool
    created_at: Timestamp
    updated_at: Timestamp
    last_signed_in: Timestamp | None


class TokenPair(CamelOutput):
    access_token: str
    refresh_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_at: Timestamp
    refresh_expires_at: Timestamp
    user: AuthUser


class LogoutResult(CamelOutput):
    success: bool
