"""``profile.*``: the service-center contract's names (snake_case)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AnyHttpUrl, Field, UrlConstraints

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import Email, NoControlCharacters, Role, Timestamp
from schemas.limits import AVATAR_URL_MAX_LENGTH, FULL_NAME_MAX_LENGTH

FullName = Annotated[str, Field(min_length=1, max_length=FULL_NAME_MAX_LENGTH), NoControlCharacters]
AvatarUrl = Annotated[AnyHttpUrl, UrlConstraints(max_length=AVATAR_URL_MAX_LENGTH)]


class Profile(SnakeOutput):
    # One row holds both the account and the profile here, so id == user_id; both are
    # kept because the contract's front end reads both.
    id: str
    user_id: str
    full_name: str
    email: str
    avatar_url: str | None
    role: Role
    is_active: bool
    created_at: Timestamp
    updated_at: Timestamp


class UpdateProfileInput(SnakeInput):
    full_name: FullName
    email: Email
    avatar_url: AvatarUrl | None = None


class UserSummary(SnakeOutput):
    user_id: str
    full_name: str
    role: Role
    is_active: bool
