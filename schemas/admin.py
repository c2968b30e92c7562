"""``admin.*``: the service-center contract's names (snake_case)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import Email, NewPassword, NoControlCharacters, Role
from schemas.profile import FullName

UserId = Annotated[str, Field(min_length=1, max_length=64), NoControlCharacters]


class SetupInput(SnakeInput):
    password: Annotated[str, Field(min_length=1, max_length=256)]


class SetupResult(SnakeOutput):
    message: str
    action: Literal["created", "password_reset"]


class CreateUserInput(SnakeInput):
    email: Email
    password: NewPassword
    full_name: FullName
    role: Role


class SetUserRoleInput(SnakeInput):
    user_id: UserId
    role: Role


class DeactivateUserInput(SnakeInput):
    user_id: UserId
