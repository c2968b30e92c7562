"""RMA batches and the units in them."""

from typing import Protocol

from db.repositories.base import SqlRepository, Store
from db.tables.inventory import RmaBatchItemRow, RmaBatchRow


class RmaBatchStore(Store[RmaBatchRow], Protocol):
    pass


class RmaBatchRepository(SqlRepository[RmaBatchRow]):
    row_type = RmaBatchRow


class RmaItemStore(Store[RmaBatchItemRow], Protocol):
    pass


class RmaItemRepository(SqlRepository[RmaBatchItemRow]):
    row_type = RmaBatchItemRow
