"""What an RMA batch allows: which units it may take, and when it may be finalized.

A batch is built as a draft: units go in only then. Finalizing submits it to the
supplier, so it must hold at least one unit. A unit goes into a batch only when nothing
else holds it: not another batch that is not completed (the unit is on its way back to
a supplier already), and not a ticket (it is in service).
"""

from typing import Final

from db.tables.inventory import IN_SERVICE, PhysicalProductRow

DRAFT: Final = "draft"
SUBMITTED: Final = "submitted"
RMA_STAGING: Final = "rma_staging"
TRANSFER: Final = "transfer"


def adding_refused(status: str) -> str | None:
    """Why a batch in ``status`` takes no units, or None when it does."""
    if status != DRAFT:
        return f"RMA batch is {status}: only a draft batch takes products"
    return None


def finalizing_refused(status: str, product_count: int) -> str | None:
    """Why a batch cannot be submitted, or None when it can."""
    if status != DRAFT:
        return f"RMA batch is already {status}: only a draft batch can be finalized"
    if product_count == 0:
        return "RMA batch is empty: add products before finalizing it"
    return None


def why_not_added(
    unit_id: str, unit: PhysicalProductRow | None, holding_batch_id: str | None, batch_id: str
) -> str | None:
    """Why the unit (None when ``unit_id`` names none) cannot go into ``batch_id``, as
    one line naming it; None when it can. ``holding_batch_id``: the batch not yet
    completed that holds it."""
    if unit is None:
        return f"{unit_id}: product not found"
    name = f"{unit.serial_number} ({unit.id})"
    if holding_batch_id == batch_id:
        return f"{name}: already in this batch"
    if holding_batch_id is not None:
        return f"{name}: already in RMA batch {holding_batch_id}, which is not completed"
    if unit.virtual_warehouse_type == IN_SERVICE:
        return f"{name}: in service on a ticket"
    return None


def staging_note(batch_id: str) -> str:
    """What the movement into RMA staging says of why."""
    return f"Added to RMA batch {batch_id}"
