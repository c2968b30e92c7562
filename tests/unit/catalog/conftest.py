"""The catalog is shared data, not a user's: its unit tests need no users."""

import pytest

from tests.fakes import FakeUnitOfWork


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()
