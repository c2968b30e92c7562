"""``inventory.*`` RMA batches: units gathered to go back to a supplier together.

Admins and managers build and submit batches; every signed-in role may read one batch
with its units (getRMABatchDetails), as the contract says.
"""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext, SignedInContext
from routers.base import authed, managers
from routers.inventory.answers import unit_of
from routers.inventory.samples import UNIT_EXAMPLE, UNIT_ID
from routers.samples import CREATED_AT, UPDATED_AT, USER_ID
from rpc import ErrorCode, Example, Router
from schemas.inventory.rma import (
    AddUnitsToRmaInput,
    AddUnitsToRmaResult,
    CreateRmaBatchInput,
    FinalizeRmaBatchInput,
    GetRmaBatchInput,
    ListRmaBatchesInput,
    ProductInfo,
    RmaBatch,
    RmaBatchDetails,
    RmaBatchPage,
    RmaEntry,
    RmaUnit,
    RmaUser,
)
from services.inventory import rma
from services.inventory.rma import BatchEntry, RmaBatchView

BATCH_ID = "b3e5a7c9-1d2f-4a6b-8c0e-2f4a6c8e0b17"
ENTRY_ID = "d1f3b5a7-9c2e-4b4d-a6f8-0c2e4a6b8d39"
MISSING_UNIT_ID = "f0e1d2c3-b4a5-4697-8877-665544332211"

DRAFT_EXAMPLE: dict[str, Any] = {
    "id": BATCH_ID,
    "supplier_name": "Ingram Micro",
    "status": "draft",
    "shipping_date": None,
    "tracking_number": None,
    "notes": "Dead on arrival, November delivery",
    "submitted_at": None,
    "created_at": CREATED_AT,
    "updated_at": CREATED_AT,
    "created_by": {"id": USER_ID, "full_name": "Alice Admin"},
    "product_count": 0,
}
SUBMITTED_EXAMPLE: dict[str, Any] = {
    **DRAFT_EXAMPLE,
    "status": "submitted",
    "shipping_date": "2026-11-21",
    "tracking_number": "1Z999AA10123456784",
    "submitted_at": UPDATED_AT,
    "updated_at": UPDATED_AT,
    "product_count": 1,
}
BATCH_ANSWER = (
    "A batch: {id, supplier_name, status (draft, submitted, shipped, completed), "
    "shipping_date, tracking_number, notes, submitted_at (null while a draft), "
    "created_at, updated_at, created_by: {id, full_name} (null once that user is "
    "deleted), product_count (the units in it)}."
)


def batch_of(view: RmaBatchView) -> RmaBatch:
    batch = view.batch
    creator = (
        None
        if batch.created_by_id is None or batch.creator_full_name is None
        else RmaUser(id=batch.created_by_id, full_name=batch.creator_full_name)
    )
    return RmaBatch.model_validate(
        {**batch._asdict(), "created_by": creator, "product_count": view.product_count}
    )


def entry_of(found: BatchEntry) -> RmaEntry:
    entry, unit = found.entry, found.unit.unit
    adder = (
        None
        if entry.added_by_id is None or entry.adder_full_name is None
        else RmaUser(id=entry.added_by_id, full_name=entry.adder_full_name)
    )
    info = ProductInfo(name=unit.model_name, sku=unit.model_sku, type=unit.model_type)
    product = RmaUnit.model_validate({**dict(unit_of(found.unit)), "product_info": info})
    return RmaEntry(
        id=entry.id,
        product_id=entry.product_id,
        added_at=entry.added_at,
        product=product,
        added_by=adder,
    )


@(
    managers.input(CreateRmaBatchInput)
    .output(RmaBatch)
    .meta(
        summary="Start an RMA batch",
        description=(
            "A new, empty batch in status draft, for units going back to supplier_name "
            "(at least 2 characters, surrounding spaces trimmed). " + BATCH_ANSWER
        ),
        examples=[
            Example(
                "draft",
                {"supplier_name": "Ingram Micro", "notes": "Dead on arrival, November delivery"},
                DRAFT_EXAMPLE,
            )
        ],
    )
    .mutation
)
def create_rma_batch(ctx: SignedInContext, params: CreateRmaBatchInput) -> RmaBatch:
    view = rma.create_batch(
        ctx.unit_of_work(),
        ctx.caller,
        supplier_name=params.supplier_name,
        shipping_date=params.shipping_date,
        tracking_number=params.tracking_number,
        notes=params.notes,
        clock=ctx.services.clock,
    )
    return batch_of(view)


@(
    managers.input(AddUnitsToRmaInput)
    .output(AddUnitsToRmaResult)
    .meta(
        summary="Put units in a draft RMA batch",
        description=(
            "product_ids: 1 to 500 unit ids (a unit named twice counts once). Each unit "
            "added moves to rma_staging (its physical warehouse unchanged) with a "
            "transfer movement naming the batch. A unit that cannot go in is left out "
            "and reported in errors, one line naming it and why: unknown, already in "
            "this batch, in another batch that is not completed, or in service on a "
            "ticket; the others are added. errors is always present, empty when every "
            "unit was added. A batch that is not a draft is PRECONDITION_FAILED and "
            "nothing is added. Two calls adding one unit to two batches at once put it "
            "in one: the other reports it in errors."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED],
        examples=[
            Example(
                "one-unknown",
                {"batch_id": BATCH_ID, "product_ids": [UNIT_ID, MISSING_UNIT_ID]},
                {
                    "success": True,
                    "added": 1,
                    "errors": [f"{MISSING_UNIT_ID}: product not found"],
                },
            )
        ],
    )
    .mutation
)
def add_products_to_rma(ctx: SignedInContext, params: AddUnitsToRmaInput) -> AddUnitsToRmaResult:
    outcome = rma.add_units(
        ctx.unit_of_work(),
        ctx.caller,
        params.batch_id,
        params.product_ids,
        clock=ctx.services.clock,
    )
    return AddUnitsToRmaResult(success=True, added=outcome.added, errors=outcome.errors)


@(
    managers.input(FinalizeRmaBatchInput)
    .output(RmaBatch)
    .meta(
        summary="Submit an RMA batch",
        description=(
            "A draft batch holding at least one unit becomes submitted, with "
            "submitted_at now; shipping_date and tracking_number, when given, replace "
            "those it had. An empty batch, or one that is not a draft, is "
            "PRECONDITION_FAILED saying which. " + BATCH_ANSWER
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED],
        examples=[
            Example(
                "submit",
                {
                    "batch_id": BATCH_ID,
                    "shipping_date": "2026-11-21",
                    "tracking_number": "1Z999AA10123456784",
                },
                SUBMITTED_EXAMPLE,
            )
        ],
    )
    .mutation
)
def finalize_rma_batch(ctx: SignedInContext, params: FinalizeRmaBatchInput) -> RmaBatch:
    view = rma.finalize_batch(
        ctx.unit_of_work(),
        params.batch_id,
        shipping_date=params.shipping_date,
        tracking_number=params.tracking_number,
        clock=ctx.services.clock,
    )
    return batch_of(view)


@(
    managers.input(ListRmaBatchesInput)
    .output(RmaBatchPage)
    .meta(
        summary="List RMA batches",
        description=(
            "Newest first (then by id), optionally of one status. One page of limit "
            "batches (1-100, 50 by default) from offset; total counts every match. " + BATCH_ANSWER
        ),
        examples=[
            Example(
                "submitted",
                {"status": "submitted", "limit": 20},
                {"batches": [SUBMITTED_EXAMPLE], "total": 1},
            )
        ],
    )
    .query
)
def get_rma_batches(ctx: SignedInContext, params: ListRmaBatchesInput) -> RmaBatchPage:
    page = rma.list_batches(
        ctx.unit_of_work(), status=params.status, offset=params.offset, limit=params.limit
    )
    return RmaBatchPage(batches=[batch_of(view) for view in page.batches], total=page.total)


@(
    authed.input(GetRmaBatchInput)
    .output(RmaBatchDetails)
    .meta(
        summary="One RMA batch with its units",
        description=(
            "batch as getRMABatches shows it; products: its entries in the order they "
            "were added, each {id (the entry's), product_id (the unit's), added_at, "
            "product: the unit as inventory.getProduct answers it plus product_info "
            "{name, sku, type} of its model, added_by: {id, full_name} or null}."
        ),
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "submitted",
                {"batch_id": BATCH_ID},
                {
                    "batch": SUBMITTED_EXAMPLE,
                    "products": [
                        {
                            "id": ENTRY_ID,
                            "product_id": UNIT_ID,
                            "added_at": UPDATED_AT,
                            "product": {
                                **UNIT_EXAMPLE,
                                "virtual_warehouse_type": "rma_staging",
                                "product_info": {
                                    "name": "iPhone 15",
                                    "sku": "IP15-128",
                                    "type": "phone",
                                },
                            },
                            "added_by": {"id": USER_ID, "full_name": "Alice Admin"},
                        }
                    ],
                },
            )
        ],
    )
    .query
)
def get_rma_batch_details(ctx: SignedInContext, params: GetRmaBatchInput) -> RmaBatchDetails:
    details = rma.get_batch(ctx.unit_of_work(), params.batch_id, clock=ctx.services.clock)
    return RmaBatchDetails(
        batch=batch_of(details.batch), products=[entry_of(entry) for entry in details.entries]
    )


router: Router[RequestContext] = Router(
    {
        "createRMABatch": create_rma_batch,
        "addProductsToRMA": add_products_to_rma,
        "finalizeRMABatch": finalize_rma_batch,
        "getRMABatches": get_rma_batches,
        "getRMABatchDetails": get_rma_batch_details,
    }
)
