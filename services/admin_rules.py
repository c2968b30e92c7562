"""Rules of user administration, on plain values: no unit of work, no database."""

from db.tables.auth import UserRow
from services.errors import PreconditionFailed


def keep_another_admin(admins: list[UserRow], user: UserRow, refusal: str) -> None:
    """Refuse a change that takes `user` away as an active admin if no other stays.

    `admins` are the active admins, counted under their row locks by the caller."""
    if user.role != "admin" or not user.is_active:
        return
    if not any(admin.id != user.id for admin in admins):
        raise PreconditionFailed(refusal)
