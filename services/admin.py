"""``admin.*``: creating users, giving roles, deactivating accounts.

Who may call these is decided by the role middleware; the rules here protect a caller
from locking themself out (changing their own role, deactivating themself), and keep at
least one active admin, also when two admins demote each other at the same moment.
"""

from db.tables.auth import UserRow
from db.unit_of_work import UnitOfWork
from services.admin_rules import keep_another_admin
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import Conflict, NotFound, PreconditionFailed
from services.inputs import (
    EMAIL_TAKEN,
    check_new_password,
    valid_email,
    valid_full_name,
    valid_role,
)
from services.passwords import PasswordHasher

USER_NOT_FOUND = "User not found"
LAST_ADMIN_DEMOTION = "The last active admin cannot be given another role"
LAST_ADMIN_DEACTIVATION = "The last active admin cannot be deactivated"


def create_user(
    uow: UnitOfWork,
    hasher: PasswordHasher,
    caller: Caller,
    email: str,
    password: str,
    full_name: str,
    role: str,
    clock: Clock = utc_now,
) -> UserRow:
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
) -> UserRow:
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
        user = UserRow(
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
) -> UserRow:
    checked_role = valid_role(role)
    # An admin demoting themself could leave no admin; the count below covers that
    # too, but one's own role is never one's own to change.
    if user_id == caller.user_id:
        raise PreconditionFailed("You cannot change your own role")
    with uow:
        admins, user = _lock_admins_then_user(uow, user_id)
        if user.role != checked_role:
            if checked_role != "admin":
                keep_another_admin(admins, user, LAST_ADMIN_DEMOTION)
            user.role = checked_role
            user.updated_at = clock()
        uow.commit()
        return user


def deactivate_user(
    uow: UnitOfWork, caller: Caller, user_id: str, clock: Clock = utc_now
) -> UserRow:
    if user_id == caller.user_id:
        raise PreconditionFailed("You cannot deactivate your own account")
    with uow:
        admins, user = _lock_admins_then_user(uow, user_id)
        now = clock()
        if user.is_active:
            keep_another_admin(admins, user, LAST_ADMIN_DEACTIVATION)
            user.is_active = False
            user.updated_at = now
        # Same transaction: a deactivated user never keeps a working session.
        uow.sessions.revoke_all_for_user(user.id, now)
        uow.commit()
        return user


def _lock_admins_then_user(uow: UnitOfWork, user_id: str) -> tuple[list[UserRow], UserRow]:
    """Every active admin, then the user, row-locked until the transaction ends.

    Two admins demoting each other at the same moment each saw the other as an admin
    when their requests came in. So whoever may take an admin away counts the admins
    under their row locks (SELECT ... FOR UPDATE on PostgreSQL, whose default READ
    COMMITTED would otherwise let both transactions count two; SQLite's writing
    transactions are serialised already): the second change waits for the first, then
    counts what the first one left. Row locks rather than SERIALIZABLE: no retry loop
    for the callers, and the lock set is small (the admins). Admins first, then the
    user, in one order everywhere, so two such changes never deadlock; locking the
    admins every time, not only when the user looked like one, also covers a user
    promoted a moment ago.
    """
    admins = uow.users.lock_active_admins()
    user = uow.users.lock(user_id)
    if user is None:
        raise NotFound(USER_NOT_FOUND)
    return admins, user
