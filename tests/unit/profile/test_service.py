"""The profile service on the in-memory fakes."""

from datetime import timedelta

import pytest

from db.tables.auth import UserRow
from services import profile
from services.caller import Caller
from services.errors import Conflict, InvalidInput, NotFound
from services.passwords import PasswordHasher
from tests.factories.auth import make_user
from tests.fakes import FakeClock, FakeUnitOfWork


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


def test_get_current_user(uow: FakeUnitOfWork, admin: UserRow, as_admin: Caller) -> None:
    assert profile.get_current_user(uow, as_admin) is admin
    assert not uow.committed


def test_get_current_user_whose_row_vanished(uow: FakeUnitOfWork) -> None:
    ghost = Caller("gone", "gone@example.com", "admin", "s")
    with pytest.raises(NotFound):
        profile.get_current_user(uow, ghost)


def test_update_profile(
    uow: FakeUnitOfWork, admin: UserRow, as_admin: Caller, clock: FakeClock
) -> None:
    clock.advance(timedelta(days=1))
    updated = profile.update_profile(
        uow, as_admin, " Ada B. Admin ", "ADA@Example.com", "https://x.test/a.png", clock
    )
    assert (updated.full_name, updated.email, updated.avatar_url) == (
        "Ada B. Admin",
        "ada@example.com",
        "https://x.test/a.png",
    )
    assert updated.updated_at == clock()
    assert uow.committed


def test_update_profile_keeping_your_own_email(uow: FakeUnitOfWork, as_admin: Caller) -> None:
    updated = profile.update_profile(uow, as_admin, "Ada", "Admin@Example.com", None)
    assert updated.email == "admin@example.com"


def test_update_profile_to_someone_elses_email(uow: FakeUnitOfWork, as_admin: Caller) -> None:
    with pytest.raises(Conflict):
        profile.update_profile(uow, as_admin, "Ada", "tess@example.com", None)
    assert not uow.committed


def test_update_profile_with_an_empty_name(uow: FakeUnitOfWork, as_admin: Caller) -> None:
    with pytest.raises(InvalidInput) as caught:
        profile.update_profile(uow, as_admin, "   ", "admin@example.com", None)
    assert caught.value.field == "full_name"


@pytest.mark.parametrize(
    ("full_name", "avatar_url", "field"),
    [
        ("N" * 201, None, "full_name"),
        ("Nul\x00Name", None, "full_name"),
        ("Ada", "https://x.test/" + "a" * 2048, "avatar_url"),
        ("Ada", "https://x.test/\x00", "avatar_url"),
    ],
)
def test_update_profile_refuses_what_the_database_cannot_store(
    uow: FakeUnitOfWork, as_admin: Caller, full_name: str, avatar_url: str | None, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        profile.update_profile(uow, as_admin, full_name, "admin@example.com", avatar_url)
    assert caught.value.field == field
    assert not uow.committed


def test_list_active_users_by_name(
    uow: FakeUnitOfWork, hasher: PasswordHasher, admin: UserRow, tech: UserRow
) -> None:
    gone = make_user(hasher, email="gone@example.com", full_name="Aaron Gone", is_active=False)
    uow.users.add(gone)
    assert profile.list_active_users(uow) == [admin, tech]
    assert not uow.committed
