"""Who is making the call, as established by `services.auth.authenticate`."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from db.repositories.auth import UserRecord


class CallerUser(Protocol):
    """A user's fields as answers about them show them: a row, or a record of one."""

    @property
    def id(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def full_name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def is_active(self) -> bool: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def last_signed_in_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class Caller:
    user_id: str
    email: str
    role: str
    session_id: str
    # The user as authentication read them, at the start of the request: what answers
    # about the caller themself (auth.me) give while the request has changed nothing,
    # instead of reading the same row again. None where the caller was made otherwise.
    user: UserRecord | None = field(default=None, compare=False, repr=False)
