from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.unit_of_work import AuditEntry, SqlUnitOfWork, session_factory


@pytest.fixture
def sessions(migrated_engine: Engine) -> sessionmaker[Session]:
    return session_factory(migrated_engine)


UowFactory = Callable[..., SqlUnitOfWork]


@pytest.fixture
def make_uow(sessions: sessionmaker[Session]) -> UowFactory:
    """A new unit of work on the test database, as the RPC layer makes one per call."""

    def make(*, read_only: bool = False, audit: AuditEntry | None = None) -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, read_only=read_only, audit=audit)

    return make
