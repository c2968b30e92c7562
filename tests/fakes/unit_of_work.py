"""The in-memory unit of work: every store of a transaction, and a commit counter.

It does not roll back: tests look at ``commits`` to see whether a service meant its
changes to stay.
"""

from collections.abc import Iterable
from types import TracebackType
from typing import Self

from db.tables.auth import UserRow
from tests.fakes.account import FakeBrowserAccountRepository, FakeBrowserSessionRepository
from tests.fakes.audit import FakeAuditLogRepository
from tests.fakes.auth import FakeAuthSessionRepository, FakeUserRepository
from tests.fakes.catalog.brand import FakeBrandRepository
from tests.fakes.catalog.part import FakePartRepository
from tests.fakes.catalog.product import FakeProductModelRepository
from tests.fakes.catalog.warehouse import FakeWarehouseRepository
from tests.fakes.customers import FakeCustomerRepository
from tests.fakes.inventory.movement import FakeStockMovementRepository
from tests.fakes.inventory.rma import FakeRmaBatchRepository, FakeRmaItemRepository
from tests.fakes.inventory.stock_level import FakeStockLevelRepository
from tests.fakes.inventory.threshold import FakeStockThresholdRepository
from tests.fakes.inventory.unit import FakePhysicalProductRepository
from tests.fakes.notifications import FakeNotificationRepository
from tests.fakes.proxy import FakeProxyConfigRepository
from tests.fakes.tab import FakeBrowserTabRepository
from tests.fakes.tickets.attachment import FakeTicketAttachmentRepository
from tests.fakes.tickets.comment import FakeTicketCommentRepository
from tests.fakes.tickets.part import FakeTicketPartRepository
from tests.fakes.tickets.task import FakeTicketTaskRepository
from tests.fakes.tickets.task_progress import FakeTaskProgressRepository
from tests.fakes.tickets.template_change import FakeTemplateChangeRepository
from tests.fakes.tickets.ticket import FakeTicketRepository
from tests.fakes.workflow import FakeTaskTypeRepository, FakeTemplateRepository


class FakeUnitOfWork:
    def __init__(self, users: Iterable[UserRow] = ()) -> None:
        self.users = FakeUserRepository(users)
        self.sessions = FakeAuthSessionRepository(self.users)
        self.audit = FakeAuditLogRepository()
        self.proxies = FakeProxyConfigRepository()
        self.accounts = FakeBrowserAccountRepository(self)
        self.browser_sessions = FakeBrowserSessionRepository()
        self.tabs = FakeBrowserTabRepository()
        self.task_types = FakeTaskTypeRepository()
        self.templates = FakeTemplateRepository(self)
        self.customers = FakeCustomerRepository()
        self.parts = FakePartRepository()
        self.brands = FakeBrandRepository(self)
        self.product_models = FakeProductModelRepository(self)
        self.warehouses = FakeWarehouseRepository()
        self.notifications = FakeNotificationRepository()
        self.tickets = FakeTicketRepository(self)
        self.ticket_parts = FakeTicketPartRepository(self)
        self.ticket_comments = FakeTicketCommentRepository(self)
        self.ticket_attachments = FakeTicketAttachmentRepository()
        self.ticket_tasks = FakeTicketTaskRepository(self)
        self.template_changes = FakeTemplateChangeRepository()
        self.task_progress = FakeTaskProgressRepository(self)
        self.physical_products = FakePhysicalProductRepository(self)
        self.stock_movements = FakeStockMovementRepository(self)
        self.stock_thresholds = FakeStockThresholdRepository()
        self.stock_levels = FakeStockLevelRepository(self)
        self.rma_batches = FakeRmaBatchRepository(self)
        self.rma_items = FakeRmaItemRepository(self)
        self.commits = 0

    @property
    def committed(self) -> bool:
        return self.commits > 0

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        return None

    def commit(self) -> None:
        self.commits += 1

    def rollback(self) -> None:
        return None
