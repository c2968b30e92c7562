"""``inventory.bulkImport``: many units registered in one call (a spreadsheet's rows),
each row validated on its own, so a bad row is reported rather than failing the call.
Every signed-in role, as the contract's "Roles: All"."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.inventory.samples import SERIAL_NUMBER, UNIT_ID
from routers.inventory.units import CREATE_EXAMPLE_INPUT, new_unit_of
from rpc import ErrorCode, Example, Router
from schemas.inventory.bulk_import import (
    BULK_IMPORT_MAX_ROWS,
    BulkImportInput,
    BulkImportResult,
    ImportedUnit,
    RowError,
)
from schemas.inventory.unit import CreateUnitInput
from services.inventory import bulk_import
from services.inventory.bulk_import import ImportRow


def import_row(number: int, fields: dict[str, Any]) -> ImportRow:
    """A row checked as inventory.createProduct's input; its first problems, as
    "field: message", when it is not one."""
    serial = fields.get("serial_number")
    shown = serial.strip().upper() if isinstance(serial, str) else ""
    try:
        params = CreateUnitInput.model_validate(fields)
    except ValidationError as invalid:
        return ImportRow(number, shown, None, error=_reason(invalid))
    return ImportRow(number, params.serial_number, new_unit_of(params))


def _reason(invalid: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in issue['loc']) or 'row'}: {issue['msg']}"
        for issue in invalid.errors(include_url=False)
    )


@(
    authed.input(BulkImportInput)
    .output(BulkImportResult)
    .meta(
        summary="Register many serial-numbered units at once",
        description=(
            f"products: up to {BULK_IMPORT_MAX_ROWS:,} rows, each an inventory.createProduct "
            "input. Each row is checked on its own: its fields, its serial number against "
            "the stored units and the earlier rows (the first occurrence is imported, "
            "later ones are refused), its product model and warehouse. The valid rows are "
            "registered, each with its receipt movement, in one transaction; success "
            "lists them (row counted from 1, id, serial_number), errors the others (row, "
            'serial as sent, upper case, and error as "field: reason").'
        ),
        errors=[ErrorCode.CONFLICT],
        examples=[
            Example(
                "one-good-one-repeated",
                {"products": [CREATE_EXAMPLE_INPUT, CREATE_EXAMPLE_INPUT]},
                {
                    "total": 2,
                    "success_count": 1,
                    "error_count": 1,
                    "success": [{"row": 1, "id": UNIT_ID, "serial_number": SERIAL_NUMBER}],
                    "errors": [
                        {
                            "row": 2,
                            "serial": SERIAL_NUMBER,
                            "error": bulk_import.SERIAL_REPEATED.format(row=1),
                        }
                    ],
                },
            )
        ],
    )
    .mutation
)
def bulk_import_products(ctx: SignedInContext, params: BulkImportInput) -> BulkImportResult:
    rows = [import_row(number, fields) for number, fields in enumerate(params.products, 1)]
    outcome = bulk_import.import_units(
        ctx.unit_of_work(), rows, actor_id=ctx.caller.user_id, clock=ctx.services.clock
    )
    return BulkImportResult(
        total=len(rows),
        success_count=len(outcome.imported),
        error_count=len(outcome.refused),
        success=[
            ImportedUnit(row=done.row, id=done.id, serial_number=done.serial_number)
            for done in outcome.imported
        ],
        errors=[
            RowError(row=refusal.row, serial=refusal.serial, error=refusal.error)
            for refusal in outcome.refused
        ],
    )


router: Router[RequestContext] = Router({"bulkImport": bulk_import_products})
