"""The users most unit tests of per-user resources need: an owner and a stranger.

``uow`` holds both. Tests of other domains (admin, profile, auth) define a ``uow`` of
their own in their module, which takes precedence over this one.
"""

import pytest

from db.tables.auth import UserRow
from services.passwords import PasswordHasher
from tests.factories.auth import make_user
from tests.fakes import FakeUnitOfWork


@pytest.fixture
def owner(hasher: PasswordHasher) -> UserRow:
    return make_user(hasher, email="owner@example.com")


@pytest.fixture
def stranger(hasher: PasswordHasher) -> UserRow:
    # An admin: admins get no special reach into other users' resources.
    return make_user(hasher, email="stranger@example.com", role="admin")


@pytest.fixture
def uow(owner: UserRow, stranger: UserRow) -> FakeUnitOfWork:
    return FakeUnitOfWork([owner, stranger])
