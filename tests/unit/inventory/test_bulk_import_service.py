"""Bulk import (services/inventory/bulk_import.py) on the fakes: which rows are taken,
which are refused and why, and what the log says."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from services.inventory import bulk_import
from services.inventory.bulk_import import ImportRow, import_units
from services.inventory.unit_rules import NOT_INTO_SERVICE, NewUnit
from tests.fakes import FakeClock, FakeUnitOfWork
from tests.unit.inventory.conftest import MODEL_ID, WAREHOUSE_ID


def row(number: int, serial: str, **fields: Any) -> ImportRow:
    values: dict[str, Any] = {
        "product_id": MODEL_ID,
        "virtual_warehouse_type": "warranty_stock",
        "condition": "new",
        "physical_warehouse_id": WAREHOUSE_ID,
        **fields,
    }
    return ImportRow(number, serial, NewUnit(serial_number=serial, **values))


def test_each_row_is_judged_on_its_own(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    import_units(uow, [row(1, "TAKEN-1")], actor_id=None, clock=clock)
    rows = [
        row(1, "GOOD-1"),
        ImportRow(2, "BAD", None, error="serial_number: too short"),
        row(3, "GOOD-1"),
        row(4, "TAKEN-1"),
        row(5, "NOMODEL", product_id="nope"),
        row(6, "NOMODEL"),  # repeats row 5, refused for its model
        row(7, "NOWHERE", physical_warehouse_id="nope"),
        row(8, "SERVICE", virtual_warehouse_type="in_service"),
        row(9, "GOOD-2", physical_warehouse_id=None),
    ]

    outcome = import_units(uow, rows, actor_id="user-1", clock=clock)

    assert [(done.row, done.serial_number) for done in outcome.imported] == [
        (1, "GOOD-1"),
        (9, "GOOD-2"),
    ]
    assert [(refusal.row, refusal.error) for refusal in outcome.refused] == [
        (2, "serial_number: too short"),
        (3, "serial_number: repeats row 1 of this import"),
        (4, bulk_import.SERIAL_TAKEN),
        (5, bulk_import.MODEL_NOT_FOUND),
        (6, "serial_number: repeats row 5 of this import"),
        (7, bulk_import.WAREHOUSE_NOT_FOUND),
        (8, f"virtual_warehouse_type: {NOT_INTO_SERVICE}"),
    ]
    imported = [uow.physical_products.rows[done.id] for done in outcome.imported]
    assert [unit.serial_number for unit in imported] == ["GOOD-1", "GOOD-2"]
    for unit in imported:
        (receipt,) = uow.stock_movements.of_unit(unit.id)
        assert (receipt.movement_type, receipt.moved_by_id) == ("receipt", "user-1")
        assert receipt.to_physical_warehouse_id == unit.physical_warehouse_id


def test_progress_is_logged_per_chunk_without_serials(
    uow: FakeUnitOfWork, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    count = bulk_import.IMPORT_CHUNK_SIZE + 5
    rows = [row(number, f"SN-{number:06d}") for number in range(1, count + 1)]

    with caplog.at_level(logging.INFO, logger=bulk_import.__name__):
        outcome = import_units(uow, rows, actor_id=None, clock=clock)

    assert len(outcome.imported) == count
    messages = [record.getMessage() for record in caplog.records]
    assert messages[:2] == [
        f"bulk import: {bulk_import.IMPORT_CHUNK_SIZE} of {count} units written",
        f"bulk import: {count} of {count} units written",
    ]
    assert not any("SN-" in message for message in messages)
    assert uow.commits == 1
