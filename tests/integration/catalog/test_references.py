"""What refers to catalog rows, on the test's database: the check before a delete, and
the constraints that settle what the check cannot see (a race)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from db.errors import DuplicateKey, StillReferenced
from db.failures import database_failure
from db.records import table_of
from db.repositories.references import Reference, referring
from db.tables.catalog import BrandRow, PartFitRow, PartRow, ProductModelRow, WarehouseRow
from db.tables.inventory import StockMovementRow
from services.catalog import brand as brand_service
from services.catalog import product as product_service
from services.catalog import warehouse as warehouse_service
from services.errors import Conflict
from tests.factories.inventory import make_unit, make_warehouse
from tests.factories.tickets import make_ticket
from tests.integration.conftest import UowFactory
from tests.integration.rows import save

NOW = datetime(2026, 3, 4, tzinfo=UTC)


def brand(name: str = "Apple", row_id: str = "b1") -> BrandRow:
    return BrandRow(id=row_id, name=name, name_key=name.casefold(), created_at=NOW, updated_at=NOW)


def product(row_id: str = "p1", sku: str = "IP15", brand_id: str = "b1") -> ProductModelRow:
    return ProductModelRow(
        id=row_id,
        name="iPhone",
        sku=sku,
        type="phone",
        brand_id=brand_id,
        created_at=NOW,
        updated_at=NOW,
    )


def part_fitting(product_id: str) -> tuple[PartRow, PartFitRow]:
    part = PartRow(
        id="part1",
        name="Screen",
        sku="SCR",
        unit_price=Decimal("9.50"),
        created_at=NOW,
        updated_at=NOW,
    )
    return part, PartFitRow(part_id=part.id, product_id=product_id)


def test_what_refers_is_named(sessions: sessionmaker[Session], make_uow: UowFactory) -> None:
    save(sessions, brand(), product(), product("p2", "IP16"), *part_fitting("p1"))

    with make_uow(read_only=True) as uow:
        assert uow.brands.referred_to_by("b1") == ["product models"]
        assert uow.product_models.referred_to_by("p1") == ["parts"]
        assert uow.product_models.referred_to_by("p2") == []
        assert uow.product_models.referred_to_by("missing") == []


def test_every_reference_of_a_tuple_is_asked_in_one_query(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    # Two references at once, as product models will have (parts, templates, ...).
    fits, products = table_of(PartFitRow), table_of(ProductModelRow)
    references = (Reference(fits.c.product_id, "parts"), Reference(products.c.id, "itself"))
    save(sessions, brand(), product(), product("p2", "IP16"), *part_fitting("p1"))

    with make_uow(read_only=True) as uow:
        assert referring(uow, references, "p1") == ["parts", "itself"]
        assert referring(uow, references, "p2") == ["itself"]
        assert referring(uow, references, "none") == []


def test_a_warehouse_is_kept_while_units_stand_in_it_not_for_its_history(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    with sessions() as session:
        warehouse_id = make_warehouse(session).id
        unit_id = make_unit(session, physical_warehouse_id=warehouse_id).id

    with pytest.raises(Conflict, match=r"^Warehouse is still used by serial-numbered products$"):
        warehouse_service.delete_warehouse(make_uow(), warehouse_id)
    with make_uow() as uow:
        unit = uow.physical_products.lock(unit_id)
        assert unit is not None
        unit.physical_warehouse_id = None
        uow.commit()
    warehouse_service.delete_warehouse(make_uow(), warehouse_id)

    with make_uow(read_only=True) as uow:
        assert uow.warehouses.get(warehouse_id) is None
        receipt = uow.session.exec(
            select(StockMovementRow).where(col(StockMovementRow.product_id) == unit_id)
        ).one()
        # The movement stays, without the warehouse it named.
        assert receipt.to_physical_warehouse_id is None


def test_a_product_model_with_units_is_kept(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    with sessions() as session:
        model_id = make_unit(session).product_id

    with pytest.raises(Conflict, match=r"^Product model is still used by serial-numbered"):
        product_service.delete_product(make_uow(), model_id)


def test_the_services_refuse_to_delete_what_is_referred_to(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    save(sessions, brand(), product(), *part_fitting("p1"))

    with pytest.raises(Conflict, match=r"^Product model is still used by parts$"):
        product_service.delete_product(make_uow(), "p1")
    with pytest.raises(Conflict, match=r"^Brand is still used by product models$"):
        brand_service.delete_brand(make_uow(), "b1")
    with make_uow(read_only=True) as uow:
        assert uow.product_models.get("p1") is not None
        assert uow.brands.get("b1") is not None


def _add(make_uow: UowFactory, rows: list[object]) -> None:
    with make_uow() as uow:
        for row in rows:
            uow.session.add(row)
            uow.session.flush()
        uow.commit()


def _delete_product(make_uow: UowFactory, product_id: str) -> None:
    with make_uow() as uow:
        row = uow.product_models.get(product_id)
        assert row is not None
        uow.product_models.delete(row)
        uow.commit()


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([brand("APPLE", "b2")], id="brand name key"),
        pytest.param([product("p2", "IP15")], id="sku"),
        pytest.param(
            [WarehouseRow(id="w2", name="Other", code="MAIN", created_at=NOW, updated_at=NOW)],
            id="warehouse code",
        ),
    ],
)
def test_a_race_for_a_unique_value_ends_in_a_duplicate_key(
    sessions: sessionmaker[Session], make_uow: UowFactory, rows: list[object]
) -> None:
    # What two creators racing past the service's check meet: the unique constraint.
    save(
        sessions,
        brand(),
        product(),
        WarehouseRow(id="w1", name="Main", code="MAIN", created_at=NOW, updated_at=NOW),
    )

    with pytest.raises(DBAPIError) as raised:
        _add(make_uow, rows)

    assert type(database_failure(raised.value)) is DuplicateKey


def test_deleting_a_referred_row_past_the_check_is_refused(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    # A part fitted between the check and the delete: the foreign key refuses it.
    save(sessions, brand(), product(), *part_fitting("p1"))

    with pytest.raises(DBAPIError) as raised:
        _delete_product(make_uow, "p1")

    assert type(database_failure(raised.value)) is StillReferenced


def test_a_product_model_tickets_name_is_kept(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    save(sessions, brand(), product())
    with sessions() as session:
        make_ticket(session, product_id="p1", status="cancelled")

    with make_uow(read_only=True) as uow:
        assert uow.product_models.referred_to_by("p1") == ["tickets"]
    with pytest.raises(Conflict, match=r"^Product model is still used by tickets$"):
        product_service.delete_product(make_uow(), "p1")
    # Past the check (a ticket made meanwhile), the foreign key refuses the delete.
    with pytest.raises(DBAPIError) as raised:
        _delete_product(make_uow, "p1")
    assert type(database_failure(raised.value)) is StillReferenced


def test_the_longest_brand_name_key_is_stored(make_uow: UowFactory) -> None:
    name = "ΐ" * 100  # folds to 300 code points: the widest key there is

    created = brand_service.create_brand(make_uow(), name=name)

    with make_uow(read_only=True) as uow:
        [listed] = uow.brands.list_page(search=None, offset=0, limit=5)
        stored = uow.brands.with_name_key(name.casefold())
    assert (listed.id, listed.name) == (created.id, name)
    assert stored is not None
