"""Spare parts: what they cost, which models they fit, and how many are in stock.

The stock changes in one place only, :func:`change_stock`: it locks the part, refuses a
result below zero, and writes the new stock with its ledger entry in the caller's
transaction, so a part's stock always equals the sum of its ledger. Adjustments call it
now; tickets taking parts out and giving them back call it too.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from db.repositories.catalog.part import PartFilter
from db.repositories.catalog.part import PartRecord as PartRecord

# Re-exported: what the services answer with, for the router to map.
from db.repositories.catalog.product import ProductSummaryRecord as ProductSummaryRecord
from db.tables.catalog import PartRow, PartStockEntryRow
from db.unit_of_work import UnitOfWork
from schemas.limits import STOCK_QUANTITY_MAX
from services.caller import Caller
from services.catalog.part_rules import stock_after
from services.changes import UNCHANGED, Changes, Unchanged, apply_changes
from services.clock import Clock, utc_now
from services.errors import Conflict, NotFound

PART_NOT_FOUND = "Part not found"
SKU_TAKEN = "A part with this SKU already exists"
PART_IN_USE = "Part is used by a ticket: it cannot be deleted"
INITIAL_STOCK_REASON = "Initial stock"


@dataclass(frozen=True)
class PartView:
    """A part with the product models it fits, as answers show it."""

    part: PartRecord | PartRow
    products: list[ProductSummaryRecord]


@dataclass(frozen=True)
class PartPage:
    parts: list[PartView]
    total: int


@dataclass(frozen=True)
class PartChanges(Changes[PartRow]):
    """catalog.part.update: never the stock; product_ids replaces the fitted models."""

    name: str | Unchanged = UNCHANGED
    sku: str | Unchanged = UNCHANGED
    unit_price: Decimal | Unchanged = UNCHANGED
    minimum_stock: int | Unchanged = UNCHANGED
    product_ids: list[str] | Unchanged = UNCHANGED


def list_parts(
    uow: UnitOfWork,
    *,
    search: str | None = None,
    product_id: str | None = None,
    low_stock: bool | None = None,
    offset: int = 0,
    limit: int = 50,
) -> PartPage:
    """One page of parts by name, with their models: three queries whatever the page."""
    with uow:
        where = PartFilter(search=search, product_id=product_id, low_stock=low_stock)
        rows = uow.parts.list_parts(where, offset=offset, limit=limit)
        total = uow.parts.count_parts(where)
        products = uow.parts.products_of([row.id for row in rows])
        return PartPage([PartView(row, products[row.id]) for row in rows], total)


def get_part(uow: UnitOfWork, part_id: str) -> PartView:
    with uow:
        part = uow.parts.find(part_id)
        if part is None:
            raise NotFound(PART_NOT_FOUND)
        return _view(uow, part)


def create_part(
    uow: UnitOfWork,
    caller: Caller,
    *,
    name: str,
    sku: str,
    unit_price: Decimal,
    stock_quantity: int = 0,
    minimum_stock: int = 0,
    product_ids: Sequence[str] = (),
    clock: Clock = utc_now,
) -> PartView:
    """A new part; stock it starts with is written to the ledger as "Initial stock"."""
    with uow:
        if uow.parts.sku_taken(sku):
            raise Conflict(SKU_TAKEN)
        _require_products(uow, product_ids)
        now = clock()
        part = PartRow(
            name=name,
            sku=sku,
            unit_price=unit_price,
            stock_quantity=0,
            minimum_stock=minimum_stock,
            created_at=now,
            updated_at=now,
        )
        uow.parts.add(part)
        uow.parts.set_fits(part.id, product_ids)
        if stock_quantity:
            _write_stock(uow, part, stock_quantity, INITIAL_STOCK_REASON, caller.user_id, None, now)
        view = _view(uow, part)
        uow.commit()
        return view


def update_part(
    uow: UnitOfWork, part_id: str, changes: PartChanges, *, clock: Clock = utc_now
) -> PartView:
    with uow:
        part = uow.parts.get(part_id)
        if part is None:
            raise NotFound(PART_NOT_FOUND)
        if isinstance(changes.sku, str) and uow.parts.sku_taken(
            changes.sku, except_part_id=part.id
        ):
            raise Conflict(SKU_TAKEN)
        if isinstance(changes.product_ids, list):
            _require_products(uow, changes.product_ids)
            uow.parts.set_fits(part.id, changes.product_ids)
        # Only the changed columns are written: a stock change meanwhile is kept.
        apply_changes(part, changes, except_for={"product_ids"})
        part.updated_at = clock()
        view = _view(uow, part)
        uow.commit()
        return view


def delete_part(uow: UnitOfWork, part_id: str) -> None:
    """Delete a part with its fits and ledger; refused while a ticket refers to it."""
    with uow:
        # Locked: a ticket taking the part meanwhile waits, then finds it gone.
        part = uow.parts.lock(part_id)
        if part is None:
            raise NotFound(PART_NOT_FOUND)
        if uow.parts.is_referenced(part.id):
            raise Conflict(PART_IN_USE)
        uow.parts.delete(part)
        uow.commit()


def adjust_stock(
    uow: UnitOfWork,
    caller: Caller,
    part_id: str,
    *,
    delta: int,
    reason: str,
    clock: Clock = utc_now,
) -> PartView:
    """Count parts in or out by hand (a delivery, a stocktake, breakage)."""
    with uow:
        part = change_stock(uow, part_id, delta, reason, actor_id=caller.user_id, clock=clock)
        view = _view(uow, part)
        uow.commit()
        return view


def change_stock(
    uow: UnitOfWork,
    part_id: str,
    delta: int,
    reason: str,
    *,
    actor_id: str | None,
    ticket_id: str | None = None,
    clock: Clock = utc_now,
) -> PartRow:
    """The one way a part's stock changes, inside the caller's open unit of work (which
    commits it with the rest of its change, or not at all).

    The part is row-locked first, so concurrent changes of one part take turns and none
    is lost; a result below zero is PreconditionFailed and changes nothing.
    """
    part = uow.parts.lock(part_id)
    if part is None:
        raise NotFound(PART_NOT_FOUND)
    _write_stock(uow, part, delta, reason, actor_id, ticket_id, clock())
    return part


def _write_stock(
    uow: UnitOfWork,
    part: PartRow,
    delta: int,
    reason: str,
    actor_id: str | None,
    ticket_id: str | None,
    now: datetime,
) -> None:
    new_stock = stock_after(part.name, part.stock_quantity, delta, maximum=STOCK_QUANTITY_MAX)
    part.stock_quantity = new_stock
    part.updated_at = now
    uow.parts.add_entry(
        PartStockEntryRow(
            part_id=part.id,
            delta=delta,
            stock_after=new_stock,
            reason=reason,
            ticket_id=ticket_id,
            actor_id=actor_id,
            created_at=now,
        )
    )


def _require_products(uow: UnitOfWork, product_ids: Sequence[str]) -> None:
    missing = uow.parts.missing_products(product_ids)
    if missing:
        raise NotFound(f"Product model {missing[0]} not found")


def _view(uow: UnitOfWork, part: PartRecord | PartRow) -> PartView:
    return PartView(part, uow.parts.products_of([part.id])[part.id])
