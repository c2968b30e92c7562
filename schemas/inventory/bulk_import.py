"""``inventory.bulkImport``: many units at once, each row checked on its own.

The rows are taken as JSON objects and each is validated with
:class:`schemas.inventory.unit.CreateUnitInput` by the service, so one bad field costs
its row (reported in ``errors``), not the whole call. More rows than
``BULK_IMPORT_MAX_ROWS`` is -32602 naming ``products``.
"""

from typing import Annotated, Any, Final

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput

BULK_IMPORT_MAX_ROWS: Final = 10_000


class BulkImportInput(SnakeInput):
    products: Annotated[
        list[dict[str, Any]],
        Field(
            max_length=BULK_IMPORT_MAX_ROWS,
            description="Each row an inventory.createProduct input",
        ),
    ]


class ImportedUnit(SnakeOutput):
    row: int
    id: str
    serial_number: str


class RowError(SnakeOutput):
    row: int
    serial: str
    error: str


class BulkImportResult(SnakeOutput):
    total: int
    success_count: int
    error_count: int
    success: list[ImportedUnit]
    errors: list[RowError]
