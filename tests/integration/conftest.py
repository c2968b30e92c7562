from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.compiled_query import CompiledQuery
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


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch, migrated_engine: Engine) -> Iterator[list[str]]:
    """Every statement run from here on: compiled queries and the engine's own (the
    tests of how many queries a read takes)."""
    seen: list[str] = []
    run = CompiledQuery._run

    def counted(self: CompiledQuery, link: Any, params: Any) -> Any:
        seen.append("compiled")
        return run(self, link, params)

    def on_execute(*args: Any) -> None:
        seen.append("engine")

    monkeypatch.setattr(CompiledQuery, "_run", counted)
    event.listen(migrated_engine, "before_cursor_execute", on_execute)
    yield seen
    event.remove(migrated_engine, "before_cursor_execute", on_execute)
