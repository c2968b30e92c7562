"""The unit of work: one database transaction, with the repositories that work inside it.

Services open it with `with uow:` and must call `uow.commit()` to keep their changes;
leaving the block any other way (returning early, raising) discards them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any, Generic, Protocol, Self, TypeVar, overload

from sqlalchemy import Dialect, Engine
from sqlalchemy.engine import Connection
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import PoolProxiedConnection
from sqlmodel import Session

from db.engine import WRITE_TRANSACTION, back_to_transactions, reads_without_transaction
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
from db.repositories.base import flushed_driver_connection
from db.repositories.catalog.brand import BrandRepository, BrandStore
from db.repositories.catalog.part import PartRepository, PartStore
from db.repositories.catalog.product import ProductModelRepository, ProductModelStore
from db.repositories.catalog.warehouse import WarehouseRepository, WarehouseStore
from db.repositories.customers import CustomerRepository, CustomerStore
from db.repositories.email_delivery import EmailDeliveryRepository
from db.repositories.inventory.movement import StockMovementRepository, StockMovementStore
from db.repositories.inventory.rma import (
    RmaBatchRepository,
    RmaBatchStore,
    RmaItemRepository,
    RmaItemStore,
)
from db.repositories.inventory.stock_level import StockLevelRepository, StockLevelStore
from db.repositories.inventory.threshold import StockThresholdRepository, StockThresholdStore
from db.repositories.inventory.unit import PhysicalProductRepository, PhysicalProductStore
from db.repositories.notifications import NotificationRepository, NotificationStore
from db.repositories.proxy import ProxyConfigRepository, ProxyConfigStore
from db.repositories.tab import BrowserTabRepository, BrowserTabStore
from db.repositories.tickets.attachment import (
    TicketAttachmentRepository,
    TicketAttachmentStore,
)
from db.repositories.tickets.comment import TicketCommentRepository, TicketCommentStore
from db.repositories.tickets.part import TicketPartRepository, TicketPartStore
from db.repositories.tickets.task import TicketTaskRepository, TicketTaskStore
from db.repositories.tickets.task_progress import TaskProgressRepository, TaskProgressStore
from db.repositories.tickets.template_change import (
    TemplateChangeRepository,
    TemplateChangeStore,
)
from db.repositories.tickets.ticket import TicketRepository, TicketStore
from db.repositories.workflow import (
    TaskTypeRepository,
    TaskTypeStore,
    TemplateRepository,
    TemplateStore,
)
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

    @property
    def task_types(self) -> TaskTypeStore: ...

    @property
    def templates(self) -> TemplateStore: ...

    @property
    def customers(self) -> CustomerStore: ...

    @property
    def parts(self) -> PartStore: ...

    @property
    def brands(self) -> BrandStore: ...

    @property
    def product_models(self) -> ProductModelStore: ...

    @property
    def warehouses(self) -> WarehouseStore: ...

    @property
    def notifications(self) -> NotificationStore: ...

    @property
    def tickets(self) -> TicketStore: ...

    @property
    def ticket_parts(self) -> TicketPartStore: ...

    @property
    def ticket_comments(self) -> TicketCommentStore: ...

    @property
    def ticket_attachments(self) -> TicketAttachmentStore: ...

    @property
    def ticket_tasks(self) -> TicketTaskStore: ...

    @property
    def template_changes(self) -> TemplateChangeStore: ...

    @property
    def task_progress(self) -> TaskProgressStore: ...

    @property
    def physical_products(self) -> PhysicalProductStore: ...

    @property
    def stock_movements(self) -> StockMovementStore: ...

    @property
    def stock_thresholds(self) -> StockThresholdStore: ...

    @property
    def stock_levels(self) -> StockLevelStore: ...

    @property
    def rma_batches(self) -> RmaBatchStore: ...

    @property
    def rma_items(self) -> RmaItemStore: ...

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
    the repositories it uses. A repository is handed the unit of work itself (a
    ``db.repositories.base.TransactionLink``): its ORM session and its driver
    connection, each opened on first use.
    """

    def __init__(self, factory: Callable[["SqlUnitOfWork"], RepositoryT]) -> None:
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
    """One transaction. A write opens it on entry; a read-only one on its first query.

    A read-only unit of work whose queries are all compiled ones (``db.compiled_query``)
    never builds an ORM session: it borrows a pooled driver connection and gives it back
    (the pool rolls it back). If a repository then needs the ORM, the session is opened
    on that same connection. A writing unit of work opens the session on entry, and its
    compiled queries run on the session's connection, inside its transaction.
    """

    users = repository(UserRepository)
    sessions = repository(AuthSessionRepository)
    audit = repository(AuditLogRepository)
    proxies = repository(ProxyConfigRepository)
    accounts = repository(BrowserAccountRepository)
    browser_sessions = repository(BrowserSessionRepository)
    tabs = repository(BrowserTabRepository)
    task_types = repository(TaskTypeRepository)
    templates = repository(TemplateRepository)
    customers = repository(CustomerRepository)
    parts = repository(PartRepository)
    brands = repository(BrandRepository)
    product_models = repository(ProductModelRepository)
    warehouses = repository(WarehouseRepository)
    notifications = repository(NotificationRepository)
    tickets = repository(TicketRepository)
    ticket_parts = repository(TicketPartRepository)
    ticket_comments = repository(TicketCommentRepository)
    ticket_attachments = repository(TicketAttachmentRepository)
    ticket_tasks = repository(TicketTaskRepository)
    template_changes = repository(TemplateChangeRepository)
    task_progress = repository(TaskProgressRepository)
    physical_products = repository(PhysicalProductRepository)
    stock_movements = repository(StockMovementRepository)
    stock_thresholds = repository(StockThresholdRepository)
    stock_levels = repository(StockLevelRepository)
    rma_batches = repository(RmaBatchRepository)
    rma_items = repository(RmaItemRepository)
    # The outbox's senders only (services/email_sender.py), never a call: not part of
    # the UnitOfWork protocol the call services see.
    email_delivery = repository(EmailDeliveryRepository)

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        read_only: bool = False,
        audit: AuditEntry | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._engine: Engine = session_factory.kw["bind"]
        self._read_only = read_only
        self._audit_entry = audit
        self._audited = False
        self._session: Session | None = None
        # A read-only unit of work's pooled connection, until the ORM needs a session.
        self._borrowed: PoolProxiedConnection | None = None
        self._session_connection: Connection | None = None
        self._open = False
        self._repositories: dict[str, Any] = {}

    def __enter__(self) -> Self:
        self._open = True
        self._audited = False
        if not self._read_only:
            # Start the transaction now, marked as one that writes: on SQLite that
            # takes the write lock up front (see db.engine). Services therefore do
            # slow work such as password hashing before entering the unit of work.
            self._session = self._session_factory()
            self._session.connection(execution_options={WRITE_TRANSACTION: True})
        self._repositories = {}
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._open = False
        session, connection, borrowed = self._session, self._session_connection, self._borrowed
        self._session = self._session_connection = self._borrowed = None
        # close() rolls back whatever commit() did not end. Unlike rollback() it does
        # not expire the loaded rows, so a query's results stay readable afterwards.
        if session is not None:
            session.close()
        if connection is not None:
            connection.close()  # gives the borrowed connection back
        elif borrowed is not None:
            if borrowed.is_valid:
                back_to_transactions(borrowed.dbapi_connection, self._engine.dialect)
            borrowed.close()  # back to the pool

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

    def repository_of(
        self, name: str, factory: Callable[["SqlUnitOfWork"], RepositoryT]
    ) -> RepositoryT:
        """The open transaction's repository ``name``, made by ``factory`` on first use."""
        found = self._repositories.get(name)
        if found is None:
            self._require_open()
            found = self._repositories[name] = factory(self)
        return found  # the dict holds each name's own repository

    # The TransactionLink the repositories use (db.repositories.base).

    @property
    def dialect(self) -> Dialect:
        return self._engine.dialect

    @property
    def session(self) -> Session:
        """The ORM session of this transaction, opened on first use."""
        return self._active_session()

    def driver_connection(self) -> Any:
        """The driver's own connection this transaction runs on (for compiled queries):
        psycopg's asyncio connection under the call engine on PostgreSQL."""
        if self._session is not None:
            return flushed_driver_connection(self._session)
        self._require_open()
        if self._borrowed is None:
            self._borrowed = self._engine.raw_connection()
            reads_without_transaction(self._borrowed.dbapi_connection, self._engine.dialect)
        return self._borrowed.driver_connection

    def invalidate(self, error: BaseException) -> None:
        """The connection was lost: neither it nor any pooled before it is used again.

        What SQLAlchemy does when a statement of its own finds the connection gone: the
        others were most likely lost in the same restart. The idle ones are closed here
        (a new pool replaces them): merely dropped, they would stay open, and hold a
        session on the server if still alive, until collected as garbage.
        """
        if self._session is not None:
            self._session.connection().invalidate(error)
        elif self._borrowed is not None:
            self._borrowed.invalidate(error)
        self._engine.dispose()

    def _active_session(self) -> Session:
        if self._session is None:
            self._require_open()
            if self._borrowed is not None:
                # The ORM joins what compiled queries already read, on their connection,
                # in a transaction of its own from here on.
                back_to_transactions(self._borrowed.dbapi_connection, self._engine.dialect)
                self._session_connection = Connection(self._engine, self._borrowed)
                self._session = self._session_factory(bind=self._session_connection)
            else:
                self._session = self._session_factory()
        return self._session

    def _require_open(self) -> None:
        if not self._open:
            raise RuntimeError("The unit of work is not open: use it in a `with` block")
