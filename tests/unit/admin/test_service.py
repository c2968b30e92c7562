"""The admin service on the in-memory fakes."""

from datetime import timedelta

import pytest

from db.tables.auth import AuthSessionRow, UserRow
from services import admin as admin_service
from services.caller import Caller
from services.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from services.passwords import PasswordHasher
from tests.factories.auth import make_user
from tests.fakes import FakeClock, FakeUnitOfWork

NEW_PASSWORD = "Brand-New-Pass9"


@pytest.fixture
def admin(hasher: PasswordHasher) -> UserRow:
    return make_user(hasher, email="admin@example.com", full_name="Ada Admin", role="admin")


@pytest.fixture
def tech(hasher: PasswordHasher) -> UserRow:
    return make_user(hasher, email="tess@example.com", full_name="Tess Tech")


@pytest.fixture
def uow(admin: UserRow, tech: UserRow) -> FakeUnitOfWork:
    return FakeUnitOfWork([admin, tech])


@pytest.fixture
def as_admin(admin: UserRow) -> Caller:
    return Caller(admin.id, admin.email, admin.role, "admin-session")


def live_session(uow: FakeUnitOfWork, user: UserRow, clock: FakeClock) -> AuthSessionRow:
    row = AuthSessionRow(
        user_id=user.id,
        refresh_token_hash="0" * 64,
        created_at=clock(),
        expires_at=clock() + timedelta(days=1),
    )
    uow.sessions.add(row)
    return row


# --- create_user -------------------------------------------------------------------


def test_create_user(
    uow: FakeUnitOfWork, hasher: PasswordHasher, as_admin: Caller, clock: FakeClock
) -> None:
    user = admin_service.create_user(
        uow, hasher, as_admin, " New@Example.com", NEW_PASSWORD, "Nina New", "reception", clock
    )
    assert (user.email, user.full_name, user.role, user.is_active) == (
        "new@example.com",
        "Nina New",
        "reception",
        True,
    )
    assert hasher.verify(NEW_PASSWORD, user.password_hash)
    assert user.created_at == user.updated_at == clock()
    assert uow.users.get(user.id) is user
    assert uow.committed


def test_create_user_refuses_a_taken_email_in_any_case(
    uow: FakeUnitOfWork, hasher: PasswordHasher, as_admin: Caller
) -> None:
    with pytest.raises(Conflict, match="already exists"):
        admin_service.create_user(
            uow, hasher, as_admin, "TESS@example.com", NEW_PASSWORD, "T", "admin"
        )
    assert not uow.committed


@pytest.mark.parametrize(
    ("email", "password", "role", "field"),
    [
        ("bad", NEW_PASSWORD, "admin", "email"),
        ("n@example.com", "password1A", "admin", "password"),
        ("n@example.com", NEW_PASSWORD, "owner", "role"),
    ],
)
def test_create_user_validates_its_input(
    uow: FakeUnitOfWork,
    hasher: PasswordHasher,
    as_admin: Caller,
    email: str,
    password: str,
    role: str,
    field: str,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        admin_service.create_user(uow, hasher, as_admin, email, password, "Name", role)
    assert caught.value.field == field


# --- set_user_role -----------------------------------------------------------------


def test_set_user_role(
    uow: FakeUnitOfWork, tech: UserRow, as_admin: Caller, clock: FakeClock
) -> None:
    clock.advance(timedelta(hours=1))
    updated = admin_service.set_user_role(uow, as_admin, tech.id, "manager", clock)
    assert updated.role == "manager"
    assert updated.updated_at == clock()
    assert uow.committed


def test_cannot_change_your_own_role(uow: FakeUnitOfWork, admin: UserRow, as_admin: Caller) -> None:
    with pytest.raises(PreconditionFailed, match="your own role"):
        admin_service.set_user_role(uow, as_admin, admin.id, "technician")
    assert admin.role == "admin"


def test_set_role_of_an_unknown_user(uow: FakeUnitOfWork, as_admin: Caller) -> None:
    with pytest.raises(NotFound):
        admin_service.set_user_role(uow, as_admin, "missing", "manager")


def test_set_role_to_an_unknown_role(uow: FakeUnitOfWork, tech: UserRow, as_admin: Caller) -> None:
    with pytest.raises(InvalidInput):
        admin_service.set_user_role(uow, as_admin, tech.id, "owner")


def test_the_last_active_admin_keeps_the_role(
    uow: FakeUnitOfWork, admin: UserRow, tech: UserRow
) -> None:
    # The caller was an admin when the request came in, and lost the role since
    # (another admin demoted them at the same moment): the target is the last admin.
    tech.role = "manager"
    was_admin = Caller(tech.id, tech.email, "admin", "tech-session")

    with pytest.raises(PreconditionFailed, match="last active admin"):
        admin_service.set_user_role(uow, was_admin, admin.id, "manager")

    assert admin.role == "admin"
    assert not uow.committed


def test_an_admin_can_demote_another_admin_while_one_stays(
    uow: FakeUnitOfWork, hasher: PasswordHasher, as_admin: Caller
) -> None:
    second = make_user(hasher, email="second@example.com", role="admin")
    uow.users.add(second)

    assert admin_service.set_user_role(uow, as_admin, second.id, "technician").role == "technician"


def test_an_inactive_admin_does_not_count_as_the_one_who_stays(
    uow: FakeUnitOfWork, hasher: PasswordHasher, admin: UserRow, tech: UserRow
) -> None:
    uow.users.add(make_user(hasher, email="gone@example.com", role="admin", is_active=False))
    tech.role = "manager"
    was_admin = Caller(tech.id, tech.email, "admin", "tech-session")

    with pytest.raises(PreconditionFailed, match="last active admin"):
        admin_service.set_user_role(uow, was_admin, admin.id, "reception")


@pytest.mark.parametrize(
    ("user_role", "is_active", "others", "refused"),
    [
        ("admin", True, [], True),
        ("admin", True, ["other"], False),
        ("admin", False, [], False),  # not an active admin: nothing is taken away
        ("manager", True, [], False),
    ],
)
def test_keep_another_admin(
    hasher: PasswordHasher, user_role: str, is_active: bool, others: list[str], refused: bool
) -> None:
    user = make_user(hasher, role=user_role, is_active=is_active)
    admins = [make_user(hasher, email=f"{name}@example.com", role="admin") for name in others]
    if user_role == "admin" and is_active:
        admins.append(user)

    if refused:
        with pytest.raises(PreconditionFailed, match="no way"):
            admin_service.keep_another_admin(admins, user, "no way")
    else:
        admin_service.keep_another_admin(admins, user, "no way")


# --- deactivate_user ---------------------------------------------------------------


def test_deactivate_user_revokes_their_sessions(
    uow: FakeUnitOfWork, admin: UserRow, tech: UserRow, as_admin: Caller, clock: FakeClock
) -> None:
    techs = [live_session(uow, tech, clock), live_session(uow, tech, clock)]
    admins = live_session(uow, admin, clock)

    updated = admin_service.deactivate_user(uow, as_admin, tech.id, clock)

    assert updated.is_active is False
    assert all(row.revoked_at == clock() for row in techs)
    assert admins.revoked_at is None
    assert uow.committed


def test_cannot_deactivate_yourself(uow: FakeUnitOfWork, admin: UserRow, as_admin: Caller) -> None:
    with pytest.raises(PreconditionFailed, match="your own account"):
        admin_service.deactivate_user(uow, as_admin, admin.id)
    assert admin.is_active


def test_the_last_active_admin_stays_active(
    uow: FakeUnitOfWork, admin: UserRow, tech: UserRow, clock: FakeClock
) -> None:
    admins = live_session(uow, admin, clock)
    was_admin = Caller(tech.id, tech.email, "admin", "tech-session")

    with pytest.raises(PreconditionFailed, match="last active admin"):
        admin_service.deactivate_user(uow, was_admin, admin.id, clock)

    assert admin.is_active
    assert admins.revoked_at is None
    assert not uow.committed


def test_deactivate_an_unknown_user(uow: FakeUnitOfWork, as_admin: Caller) -> None:
    with pytest.raises(NotFound):
        admin_service.deactivate_user(uow, as_admin, "missing")
