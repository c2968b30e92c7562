"""``profile.*``: one's own profile, and the active users others can be assigned to."""

from db.tables.auth import UserRow
from db.unit_of_work import UnitOfWork
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import Conflict, NotFound
from services.inputs import (
    EMAIL_TAKEN,
    valid_avatar_url,
    valid_email,
    valid_full_name,
)

PROFILE_NOT_FOUND = "Profile not found"


def get_current_user(uow: UnitOfWork, caller: Caller) -> UserRow:
    with uow:
        user = uow.users.get(caller.user_id)
        if user is None:
            raise NotFound(PROFILE_NOT_FOUND)
        return user


def update_profile(
    uow: UnitOfWork,
    caller: Caller,
    full_name: str,
    email: str,
    avatar_url: str | None,
    clock: Clock = utc_now,
) -> UserRow:
    normalised_email = valid_email(email)
    name = valid_full_name(full_name)
    checked_avatar_url = valid_avatar_url(avatar_url)
    with uow:
        user = uow.users.get(caller.user_id)
        if user is None:
            raise NotFound(PROFILE_NOT_FOUND)
        holder = uow.users.get_by_email(normalised_email)
        if holder is not None and holder.id != user.id:
            raise Conflict(EMAIL_TAKEN)
        user.full_name = name
        user.email = normalised_email
        user.avatar_url = checked_avatar_url
        user.updated_at = clock()
        uow.commit()
        return user


def list_active_users(uow: UnitOfWork) -> list[UserRow]:
    """Active users by name, for assignment drop-downs."""
    with uow:
        return uow.users.list_active()
