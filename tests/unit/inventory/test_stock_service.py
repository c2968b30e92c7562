"""The stock level service on the in-memory fakes."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from db.tables.catalog import BrandRow, ProductModelRow
from db.tables.inventory import PhysicalProductRow
from services.errors import NotFound
from services.inventory import stock as stock_service
from services.inventory.stock import StockLevelFilter, ThresholdSetting
from tests.fakes import FakeClock, FakeUnitOfWork

AT = datetime(2026, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


def add_model(uow: FakeUnitOfWork, name: str, sku: str) -> ProductModelRow:
    brand = BrandRow(name=f"Brand of {sku}", name_key=sku.lower(), created_at=AT, updated_at=AT)
    uow.brands.add(brand)
    model = ProductModelRow(
        name=name, sku=sku, type="phone", brand_id=brand.id, created_at=AT, updated_at=AT
    )
    uow.product_models.add(model)
    return model


def add_units(uow: FakeUnitOfWork, model: ProductModelRow, place: str, count: int) -> None:
    for index in range(count):
        uow.physical_products.add(
            PhysicalProductRow(
                serial_number=f"{model.sku}-{place}-{index}".upper(),
                product_id=model.id,
                virtual_warehouse_type=place,
                condition="new",
                created_at=AT,
                updated_at=AT,
            )
        )


def set_threshold(
    uow: FakeUnitOfWork, model: ProductModelRow, place: str, minimum: int, **more: object
) -> None:
    setting = ThresholdSetting(model.id, place, minimum, **more)
    stock_service.set_threshold(uow, setting, actor_id="u1", clock=FakeClock(AT))


def test_a_threshold_is_kept_with_its_setter_time_and_default_reorder(uow: FakeUnitOfWork) -> None:
    model = add_model(uow, "iPhone", "IP")

    set_threshold(uow, model, "parts", 3)

    row = uow.stock_thresholds.find(model.id, "parts")
    assert row is not None
    assert (row.minimum_quantity, row.reorder_quantity, row.alert_enabled) == (3, 6, True)
    assert (row.updated_by_id, row.updated_at) == ("u1", AT)
    assert uow.commits == 1


def test_a_threshold_set_again_takes_the_new_values(uow: FakeUnitOfWork) -> None:
    model = add_model(uow, "iPhone", "IP")
    set_threshold(uow, model, "parts", 3)

    set_threshold(uow, model, "parts", 1, reorder_quantity=0, alert_enabled=False)

    row = uow.stock_thresholds.find(model.id, "parts")
    assert row is not None
    assert (row.minimum_quantity, row.reorder_quantity, row.alert_enabled) == (1, 0, False)
    assert len(uow.stock_thresholds.rows) == 1


def test_a_threshold_of_an_unknown_model_is_not_found(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotFound, match="Product model not found"):
        stock_service.set_threshold(uow, ThresholdSetting("nope", "parts", 1), actor_id="u1")

    assert (uow.stock_thresholds.rows, uow.commits) == ({}, 0)


def test_a_page_and_the_total_of_every_match(uow: FakeUnitOfWork) -> None:
    for index in range(5):
        add_units(uow, add_model(uow, f"Model {index}", f"M{index}"), "warranty_stock", 1)

    page = stock_service.stock_levels(uow, StockLevelFilter(), offset=1, limit=2)

    assert [level.name for level in page.rows] == ["Model 1", "Model 2"]
    assert page.total == 5


def test_alerts_are_the_alerting_warning_and_critical_levels_counted(uow: FakeUnitOfWork) -> None:
    critical = add_model(uow, "B critical", "B")
    warning = add_model(uow, "A warning", "A")
    silent = add_model(uow, "C silent", "C")
    fine = add_model(uow, "D fine", "D")
    add_units(uow, warning, "parts", 3)
    add_units(uow, silent, "parts", 1)
    add_units(uow, fine, "parts", 9)
    set_threshold(uow, critical, "parts", 1)
    set_threshold(uow, warning, "parts", 2)
    set_threshold(uow, silent, "parts", 5, alert_enabled=False)
    set_threshold(uow, fine, "parts", 2)

    low = stock_service.low_stock_alerts(uow)

    assert [(level.name, level.status) for level in low.alerts] == [
        ("B critical", "critical"),
        ("A warning", "warning"),
    ]
    assert (low.critical_count, low.warning_count) == (1, 1)


def test_the_report_is_csv_of_the_filtered_levels_named_by_today(uow: FakeUnitOfWork) -> None:
    model = add_model(uow, '=cmd, "quoted"\nline', "S1")
    add_units(uow, model, "parts", 2)
    add_units(uow, model, "dead_stock", 1)
    clock = FakeClock(datetime(2026, 7, 8, 23, 59, tzinfo=UTC))

    report = stock_service.stock_report(uow, StockLevelFilter(warehouse_type="parts"), clock=clock)

    rows = list(csv.reader(io.StringIO(report.csv, newline="")))
    assert rows[0][:3] == ["product_id", "product_name", "sku"]
    assert rows[1:] == [
        [model.id, '\'=cmd, "quoted"\nline', "S1", "phone", "parts", "2", "0", "0", "ok", "false"]
    ]
    assert report.filename == f"stock-report-{date(2026, 7, 8).isoformat()}.csv"
    assert uow.commits == 1  # the export's audit entry
