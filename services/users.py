"""Managing accounts: creating users, roles, deactivation, and one's own profile.

Who may call these is decided by the role middleware; the only rules here protect a
caller from locking themself out (changing their own role, deactivating themself).
"""

from db.tables import User
from db.unit_of_work import UnitOfWork
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import Conflict, NotFound, PreconditionFailed
from services.inputs import (
    EMAIL_TAKEN,
    check_new_password,
    valid_avatar_url,
    valid_email,
    valid_full_name,
    valid_role,
)
from services.passwords import PasswordHasher

USER_NOT_FOUND = "User not found"
PROFILE_NOT_FOUND = "Profile not found"


def create_user(
    uow: UnitOfWork,
    hasher: PasswordHasher,
    caller: Caller,
    email: str,
    password: str,
    full_name: str,
    role: str,
    clock: Clock = utc_now,
) -> User:
    """An admin creates a user (the caller is recorded by the unit of work's audit row)."""
    return register_user(uow, hasher, email, password, full_name, role, clock)


def register_user(
    uow: UnitOfWork,
    hasher: PasswordHasher,
    email: str,
    password: str,
    full_name: str,
    role: str,
    clock: Clock = utc_now,
) -> User:
    """A new user, whoever asks (an admin, the CLI, first-time setup): every rule checked."""
    normalised_email = valid_email(email)
    name = valid_full_name(full_name)
    checked_role = valid_role(role)
    check_new_password(password)
    password_hash = hasher.hash(password)  # before the transaction: it is slow
    with uow:
        if uow.users.get_by_email(normalised_email) is not None:
            raise Conflict(EMAIL_TAKEN)
        now = clock()
        user = User(
            email=normalised_email,
            full_name=name,
            password_hash=password_hash,
            role=checked_role,
            created_at=now,
            updated_at=now,
        )
        uow.users.add(user)
        uow.commit()
        return user


def set_user_role(
    uow: UnitOfWork, caller: Caller, user_id: str, role: str, clock: Clock = utc_now
) -> User:
    checked_role = valid_role(role)
    # Refusing any change to your own role keeps the last admin from demoting
    # themself, without counting admins.
    if user_id == caller.user_id:
        raise PreconditionFailed("You cannot change your own role")
    with uow:
        user = _existing_user(uow, user_id)
        if user.role != checked_role:
            user.role = checked_role
            user.updated_at = clock()
        uow.commit()
        return user


def deactivate_user(uow: UnitOfWork, caller: Caller, user_id: str, clock: Clock = utc_now) -> User:
    if user_id == caller.user_id:
        raise PreconditionFailed("You cannot deactivate your own account")
    with uow:
        user = _existing_user(uow, user_id)
        now = clock()
        if user.is_active:
            user.is_active = False
            user.updated_at = now
        # Same transaction: a deactivated user never keeps a working session.
        uow.sessions.revoke_all_for_user(user.id, now)
        uow.commit()
        return user


def get_current_user(uow: UnitOfWork, caller: Caller) -> User:
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
) -> User:
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


def list_active_users(uow: UnitOfWork) -> list[User]:
    """Active users by name, for assignment drop-downs."""
    with uow:
        return uow.users.list_active()


def _existing_user(uow: UnitOfWork, user_id: str) -> User:
    user = uow.users.get(user_id)
    if user is None:
        raise NotFound(USER_NOT_FOUND)
    return user
