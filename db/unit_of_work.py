"""The unit of work: one database transaction, with the repositories that work inside it.

Services open it with `with uow:` and must call `uow.commit()` to keep their changes;
leaving the block any other way (returning early, raising) discards them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any, Generic, Protocol, Self, TypeVar, overload

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.engine import WRITE_TRANSACTION
from db.errors import ReadOnlyUnitOfWorkError
from db.repositories.account import (
    BrowserAccountRepository,
    BrowserAccountStore,
    BrowserSessionRepository,
    BrowserSessionStore,
)
from db.repositories.audit import AuditLogRepository, AuditLogStore
from db.repositories.auth import (
    AuthSessionRepository,
    AuthSessionStore,
    UserRepository,
    UserStore,
)
from db.repositories.proxy import ProxyConfigRepository, ProxyConfigStore
from db.repositories.tab import BrowserTabRepository, BrowserTabStore
from db.tables.audit import AuditLogRow
from schemas.limits import CORRELATION_ID_MAX_LENGTH

RepositoryT = TypeVar("RepositoryT")


class UnitOfWork(Protocol):
    """What services see: the stores of one transaction, and commit.

    Read-only properties, so implementations may narrow the types (SQL repositories in
    SqlUnitOfWork, in-memory ones in the test fakes). A new domain's store is one
    property here, one ``repository(...)`` line in SqlUnitOfWork, and one fake.
    """

    @property
    def users(self) -> UserStore: ...

    @property
    def sessions(self) -> AuthSessionStore: ...

    @property
    def audit(self) -> AuditLogStore: ...

    @property
    def proxies(self) -> ProxyConfigStore: ...

    @property
    def accounts(self) -> BrowserAccountStore: ...

    @property
    def browser_sessions(self) -> BrowserSessionStore: ...

    @property
    def tabs(self) -> BrowserTabStore: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


@dataclass(frozen=True)
class AuditEntry:
    """What the audit row of a mutation records; built by the RPC layer per call."""

    procedure: str
    correlation_id: str
    user_id: str | None
    # The app's clock (services.clock.Clock): the row is stamped when the change is
    # committed, by the same time source as everything else the call records.
    clock: Callable[[], datetime]


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services return the rows they committed, and the RPC
    # layer serialises them after the session is gone; expiring would force a reload
    # on a closed session.
    return sessionmaker(bind=engine, class_=Session, expire_on_commit=False)


class repository(Generic[RepositoryT]):  # noqa: N801  (used like a field declaration)
    """A repository of the unit of work, made on first use within each ``with`` block.

    Declared once per store on SqlUnitOfWork (``users = repository(UserRepository)``):
    nothing else in the unit of work names a repository, and a transaction builds only
    the repositories it uses.
    """

    def __init__(self, factory: Callable[[Session], RepositoryT]) -> None:
        self._factory = factory
        self._name = ""  # set by __set_name__: the attribute it is declared as

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name = name

    @overload
    def __get__(self, uow: None, owner: type[Any]) -> Self: ...

    @overload
    def __get__(self, uow: "SqlUnitOfWork", owner: type[Any]) -> RepositoryT: ...

    def __get__(self, uow: "SqlUnitOfWork | None", owner: type[Any]) -> "RepositoryT | Self":
        if uow is None:
            return self
        return uow.repository_of(self._name, self._factory)


class SqlUnitOfWork:
    users = repository(UserRepository)
    sessions = repository(AuthSessionRepository)
    audit = repository(AuditLogRepository)
    proxies = repository(ProxyConfigRepository)
    accounts = repository(BrowserAccountRepository)
    browser_sessions = repository(BrowserSessionRepository)
    tabs = repository(BrowserTabRepository)

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        read_only: bool = False,
        audit: AuditEntry | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._read_only = read_only
        self._audit_entry = audit
        self._audited = False
        self._session: Session | None = None
        self._repositories: dict[str, Any] = {}

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        self._audited = False
        if not self._read_only:
            # Start the transaction now, marked as one that writes: on SQLite that
            # takes the write lock up front (see db.engine). Services therefore do
            # slow work such as password hashing before entering the unit of work.
            self._session.connection(execution_options={WRITE_TRANSACTION: True})
        self._repositories = {}
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # close() rolls back whatever commit() did not end. Unlike rollback() it does
        # not expire the loaded rows, so a query's results stay readable afterwards.
        self._active_session().close()
        self._session = None

    def commit(self) -> None:
        if self._read_only:
            raise ReadOnlyUnitOfWorkError("This unit of work is read-only: queries never write")
        session = self._active_session()
        if self._audit_entry is not None and not self._audited:
            # Same transaction as the change it records: both land, or neither.
            session.add(
                AuditLogRow(
                    user_id=self._audit_entry.user_id,
                    procedure=self._audit_entry.procedure,
                    # Cut to fit: the audit row must never be why a mutation fails.
                    correlation_id=self._audit_entry.correlation_id[:CORRELATION_ID_MAX_LENGTH],
                    created_at=self._audit_entry.clock(),
                )
            )
            self._audited = True
        session.commit()

    def rollback(self) -> None:
        self._active_session().rollback()

    def repository_of(self, name: str, factory: Callable[[Session], RepositoryT]) -> RepositoryT:
        """The open transaction's repository ``name``, made by ``factory`` on first use."""
        found = self._repositories.get(name)
        if found is None:
            found = self._repositories[name] = factory(self._active_session())
        return found  # the dict holds each name's own repository

    def _active_session(self) -> Session:
        if self._session is None:
            raise RuntimeError("The unit of work is not open: use it in a `with` block")
        return self._session
