"""Reaching a row only through its owner.

Another user's row is answered exactly like a row that does not exist (NotFound, never
PermissionDenied), so ids cannot be probed; admins get no special reach.
"""

from typing import Protocol, TypeVar

from services.caller import Caller
from services.errors import NotFound


class Owned(Protocol):
    @property
    def user_id(self) -> str: ...


OwnedRow = TypeVar("OwnedRow", bound=Owned)


def owned(row: OwnedRow | None, caller: Caller, not_found: str) -> OwnedRow:
    """The row if it exists and belongs to the caller; else NotFound(not_found)."""
    if row is None or row.user_id != caller.user_id:
        raise NotFound(not_found)
    return row
