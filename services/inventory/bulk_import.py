"""Many units registered at once (``inventory.bulkImport``), each row on its own merit.

A row is imported when its fields are valid, its serial number is free (in the database
and in the earlier rows of the import: the first occurrence wins) and its model and
warehouse exist; every other row comes back with its reason. The database is asked a
few set-based questions for all rows (serials taken, models and warehouses known), never
one per row, and the valid rows are written in one transaction, a chunk per statement,
so an unexpected failure leaves nothing behind. Progress is logged per chunk (counts
only: a serial number is the customer's business).
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from db.column_types import new_id
from db.unit_of_work import UnitOfWork
from services.clock import Clock, utc_now
from services.errors import BadRequest
from services.inventory.moving import receive_many
from services.inventory.unit_rules import NewUnit, unit_fields

logger = logging.getLogger(__name__)

# A unit to write, as its columns' values (the rows are written without the ORM).
_Unit = dict[str, Any]

# Units written per chunk (and logged): each chunk is one statement for the units and
# one for their receipts.
IMPORT_CHUNK_SIZE: Final = 1000

SERIAL_TAKEN = "serial_number: a product with this serial number already exists"
SERIAL_REPEATED = "serial_number: repeats row {row} of this import"
MODEL_NOT_FOUND = "product_id: product model not found"
WAREHOUSE_NOT_FOUND = "physical_warehouse_id: warehouse not found"


@dataclass(frozen=True)
class ImportRow:
    """One row as the caller sent it: ``row`` counts from 1; ``new`` is None when its
    fields are invalid, ``error`` then says which and why."""

    row: int
    serial: str
    new: NewUnit | None
    error: str | None = None


@dataclass(frozen=True)
class Imported:
    row: int
    id: str
    serial_number: str


@dataclass(frozen=True)
class Refused:
    row: int
    serial: str
    error: str


@dataclass(frozen=True)
class ImportOutcome:
    imported: list[Imported]
    refused: list[Refused]


def import_units(
    uow: UnitOfWork, rows: Sequence[ImportRow], *, actor_id: str | None, clock: Clock = utc_now
) -> ImportOutcome:
    now = clock()
    refused: list[Refused] = []
    candidates: list[tuple[int, _Unit]] = []
    for item in rows:
        if item.new is None:
            refused.append(Refused(item.row, item.serial, item.error or "invalid row"))
            continue
        try:
            candidates.append((item.row, {"id": new_id(), **unit_fields(item.new, now=now)}))
        except BadRequest as error:
            refused.append(Refused(item.row, item.serial, f"virtual_warehouse_type: {error}"))
    with uow:
        accepted = _checked(uow, candidates, refused)
        units = [unit for _, unit in accepted]
        for start in range(0, len(units), IMPORT_CHUNK_SIZE):
            receive_many(uow, units[start : start + IMPORT_CHUNK_SIZE], actor_id=actor_id)
            logger.info(
                "bulk import: %d of %d units written",
                min(start + IMPORT_CHUNK_SIZE, len(units)),
                len(units),
            )
        uow.commit()
    if units:
        logger.info("bulk import: %d units imported, %d rows refused", len(units), len(refused))
    imported = [Imported(row, unit["id"], unit["serial_number"]) for row, unit in accepted]
    return ImportOutcome(imported, sorted(refused, key=lambda refusal: refusal.row))


def _checked(
    uow: UnitOfWork, candidates: list[tuple[int, _Unit]], refused: list[Refused]
) -> list[tuple[int, _Unit]]:
    """The candidates the database and the earlier rows leave free; the others are
    added to ``refused``."""
    units = uow.physical_products
    taken = units.serials_taken([unit["serial_number"] for _, unit in candidates])
    models = units.known_models({unit["product_id"] for _, unit in candidates})
    warehouses = units.known_warehouses(
        {unit["physical_warehouse_id"] for _, unit in candidates if unit["physical_warehouse_id"]}
    )
    first_row_of: dict[str, int] = {}
    accepted: list[tuple[int, _Unit]] = []
    for row, unit in candidates:
        serial = unit["serial_number"]
        warehouse_id = unit["physical_warehouse_id"]
        error: str | None = None
        if serial in taken:
            error = SERIAL_TAKEN
        elif serial in first_row_of:
            error = SERIAL_REPEATED.format(row=first_row_of[serial])
        else:
            first_row_of[serial] = row
            if unit["product_id"] not in models:
                error = MODEL_NOT_FOUND
            elif warehouse_id is not None and warehouse_id not in warehouses:
                error = WAREHOUSE_NOT_FOUND
        if error is None:
            accepted.append((row, unit))
        else:
            refused.append(Refused(row, serial, error))
    return accepted
