"""RMA batches: units gathered to go back to a supplier together.

A batch starts as a draft; units added to it move to RMA staging (their physical
warehouse unchanged) with a movement row, through services/inventory/moving.py like
every change of place. Finalizing submits it. Rules: services/inventory/rma_rules.py.

Lock order, as everywhere in inventory: the batch, then its units in id order (one
statement locks them all). So two calls adding one unit to two batches take turns on
the unit, and the second finds it held by the first's batch. A call is a handful of
statements whatever its number of units: the entries, movements and units' changes are
written together when it commits.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

# Re-exported: what the services answer with, for the routers to map.
from db.repositories.inventory.rma import RmaBatchView as RmaBatchView
from db.repositories.inventory.rma import RmaEntryRecord as RmaEntryRecord
from db.tables.inventory import PhysicalProductRow, RmaBatchItemRow, RmaBatchRow
from db.unit_of_work import UnitOfWork
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import NotFound, PreconditionFailed
from services.inventory import rma_rules
from services.inventory.moving import Movement, Place, move
from services.inventory.views import UnitView, unit_view

BATCH_NOT_FOUND = "RMA batch not found"


@dataclass(frozen=True)
class AddedToBatch:
    """How many units a call added, and a line for each unit it did not (in the order
    they were asked for)."""

    added: int
    errors: list[str]


@dataclass(frozen=True)
class BatchPage:
    batches: list[RmaBatchView]
    total: int


@dataclass(frozen=True)
class BatchEntry:
    entry: RmaEntryRecord
    unit: UnitView


@dataclass(frozen=True)
class BatchDetails:
    batch: RmaBatchView
    entries: list[BatchEntry]


def create_batch(
    uow: UnitOfWork,
    caller: Caller,
    *,
    supplier_name: str,
    shipping_date: date | None = None,
    tracking_number: str | None = None,
    notes: str | None = None,
    clock: Clock = utc_now,
) -> RmaBatchView:
    """A new, empty draft batch."""
    with uow:
        now = clock()
        batch = RmaBatchRow(
            supplier_name=supplier_name,
            status=rma_rules.DRAFT,
            shipping_date=shipping_date,
            tracking_number=tracking_number,
            notes=notes,
            created_by_id=caller.user_id,
            created_at=now,
            updated_at=now,
        )
        uow.rma_batches.add(batch)
        view = _view(uow, batch.id)
        uow.commit()
        return view


def add_units(
    uow: UnitOfWork,
    caller: Caller,
    batch_id: str,
    unit_ids: Sequence[str],
    *,
    clock: Clock = utc_now,
) -> AddedToBatch:
    """Put the units in a draft batch and move each to RMA staging. A unit that cannot
    go in (unknown, held elsewhere, in service) is reported and the others added; a
    unit named twice counts once."""
    with uow:
        batch = uow.rma_batches.lock(batch_id)
        if batch is None:
            raise NotFound(BATCH_NOT_FOUND)
        refusal = rma_rules.adding_refused(batch.status)
        if refusal is not None:
            raise PreconditionFailed(refusal)
        # Locked before asking which batches hold them: a call adding one of them to
        # another batch meanwhile has committed or waits for this one.
        units = {unit.id: unit for unit in uow.physical_products.lock_many(unit_ids)}
        # Read once the units are locked: a movement of one of them that committed
        # before is earlier, so the history (ordered by time) keeps the order they had.
        now = clock()
        holders = uow.rma_items.open_batches_of(list(units))
        refused: dict[str, str] = {}
        added = 0
        for unit_id in sorted(set(unit_ids)):
            unit = units.get(unit_id)
            reason = rma_rules.why_not_added(unit_id, unit, holders.get(unit_id), batch.id)
            if reason is not None:
                refused[unit_id] = reason
                continue
            assert unit is not None  # why_not_added refuses an unknown unit
            _put_in(uow, batch, unit, actor_id=caller.user_id, at=now)
            added += 1
        if added:
            batch.updated_at = now
        uow.commit()
        in_order = dict.fromkeys(unit_ids)
        return AddedToBatch(added, [refused[unit_id] for unit_id in in_order if unit_id in refused])


def finalize_batch(
    uow: UnitOfWork,
    batch_id: str,
    *,
    shipping_date: date | None = None,
    tracking_number: str | None = None,
    clock: Clock = utc_now,
) -> RmaBatchView:
    """Submit a draft batch that holds units; the shipping date and tracking number
    given replace those it had."""
    with uow:
        # Locked: units being added meanwhile are in or out before it is counted.
        batch = uow.rma_batches.lock(batch_id)
        if batch is None:
            raise NotFound(BATCH_NOT_FOUND)
        refusal = rma_rules.finalizing_refused(batch.status, uow.rma_items.count_in(batch.id))
        if refusal is not None:
            raise PreconditionFailed(refusal)
        now = clock()
        batch.status = rma_rules.SUBMITTED
        batch.submitted_at = now
        batch.updated_at = now
        if shipping_date is not None:
            batch.shipping_date = shipping_date
        if tracking_number is not None:
            batch.tracking_number = tracking_number
        view = _view(uow, batch.id)
        uow.commit()
        return view


def list_batches(
    uow: UnitOfWork, *, status: str | None = None, offset: int = 0, limit: int = 50
) -> BatchPage:
    """One page of batches, newest first: two queries whatever the page."""
    with uow:
        batches = uow.rma_batches.page(status, offset=offset, limit=limit)
        return BatchPage(batches, uow.rma_batches.count(status))


def get_batch(uow: UnitOfWork, batch_id: str, *, clock: Clock = utc_now) -> BatchDetails:
    """A batch with its units in the order they were added: two queries."""
    with uow:
        batch = uow.rma_batches.view(batch_id)
        if batch is None:
            raise NotFound(BATCH_NOT_FOUND)
        today = clock().date()
        entries = [
            BatchEntry(found.entry, unit_view(found.unit, today))
            for found in uow.rma_items.entries_of(batch_id)
        ]
        return BatchDetails(batch, entries)


def _put_in(
    uow: UnitOfWork,
    batch: RmaBatchRow,
    unit: PhysicalProductRow,
    *,
    actor_id: str | None,
    at: datetime,
) -> None:
    """The unit's entry in the batch, and its move to RMA staging (same shelf)."""
    uow.rma_items.add(
        RmaBatchItemRow(batch_id=batch.id, product_id=unit.id, added_by_id=actor_id, added_at=at)
    )
    # A unit already in RMA staging (moved there by hand) stays without a movement: a
    # movement from a place to itself would record nothing.
    if unit.virtual_warehouse_type != rma_rules.RMA_STAGING:
        staging = Place(rma_rules.RMA_STAGING, unit.physical_warehouse_id)
        note = rma_rules.staging_note(batch.id)
        move(uow, unit, staging, Movement(rma_rules.TRANSFER, actor_id, at, notes=note))


def _view(uow: UnitOfWork, batch_id: str) -> RmaBatchView:
    view = uow.rma_batches.view(batch_id)
    assert view is not None  # written in this transaction
    return view
