"""inventory.createProduct inputs through the real app and database: every valid input
comes back as sent (the serial upper case, the warranty end its start plus its months),
from the answer, from getProduct and from listProducts (tests/property/inputs.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from schemas.money import MONEY_MAX
from tests.property.conftest import PropertyApp
from tests.property.inputs import ROUND_TRIP, host_names, lines, ok, rpc, uuids

VIRTUAL = ["warranty_stock", "rma_staging", "dead_stock", "parts"]
CONDITIONS = ["new", "refurbished", "used", "faulty", "for_parts"]

dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 12, 31))
prices = st.decimals(min_value=0, max_value=MONEY_MAX, places=2)
photo_urls = st.lists(
    st.builds(
        lambda scheme, host, path: f"{scheme}://{host}/{path}",
        st.sampled_from(["http", "https"]),
        host_names,
        st.from_regex(r"[A-Za-z0-9._~/-]{0,40}", fullmatch=True),
    ),
    max_size=20,
)
# Serials of every allowed character, either case; a unique tail keeps examples apart.
serial_heads = st.from_regex(r"[A-Za-z0-9_-]{0,50}", fullmatch=True)


@pytest.fixture(scope="module")
def catalog(property_app: PropertyApp, token: str) -> dict[str, str]:
    tag = uuid.uuid4().hex[:8]
    brand = ok(rpc(property_app, token, "catalog.brand.create", {"name": f"Brand {tag}"}))
    model = ok(
        rpc(
            property_app,
            token,
            "catalog.product.create",
            {"name": "iPhone 15", "sku": f"IP-{tag}", "type": "phone", "brand_id": brand["id"]},
        )
    )
    warehouse = ok(
        rpc(property_app, token, "catalog.warehouse.create", {"name": "Main", "code": f"W{tag}"})
    )
    return {"product_id": model["id"], "warehouse_id": warehouse["id"]}


optional = {
    "warranty_start_date": dates.map(date.isoformat),
    "warranty_months": st.integers(min_value=0, max_value=600),
    "purchase_date": dates.map(date.isoformat),
    "supplier_id": uuids,
    "supplier_name": lines(1, 255),
    "purchase_price": prices.map(float),
    "notes": lines(0, 300),
    "photo_urls": photo_urls,
}


def test_valid_units_round_trip(
    property_app: PropertyApp, token: str, catalog: dict[str, str]
) -> None:
    @ROUND_TRIP
    @given(
        head=serial_heads,
        virtual=st.sampled_from(VIRTUAL),
        condition=st.sampled_from(CONDITIONS),
        in_warehouse=st.booleans(),
        fields=st.fixed_dictionaries({}, optional=optional),
    )
    def holds(
        head: str, virtual: str, condition: str, in_warehouse: bool, fields: dict[str, Any]
    ) -> None:
        serial = f"{head}{uuid.uuid4().hex[:12]}"
        params: dict[str, Any] = {
            "serial_number": serial,
            "product_id": catalog["product_id"],
            "virtual_warehouse_type": virtual,
            "condition": condition,
            **fields,
        }
        if in_warehouse:
            params["physical_warehouse_id"] = catalog["warehouse_id"]

        created = ok(rpc(property_app, token, "inventory.createProduct", params))
        got = ok(rpc(property_app, token, "inventory.getProduct", {"id": created["id"]}))
        listed = ok(rpc(property_app, token, "inventory.listProducts", {"search": serial.lower()}))

        assert created["serial_number"] == serial.upper()
        for name, value in params.items():
            if name != "serial_number":
                assert created[name] == value, name
        for name in set(optional) - set(params) - {"warranty_start_date"}:
            assert created[name] == ([] if name == "photo_urls" else None), name
        start, end = expected_warranty(property_app, params)
        assert (created["warranty_start_date"], created["warranty_end_date"]) == (start, end)
        assert got == created
        assert listed == {"products": [created], "total": 1}

    holds()


def expected_warranty(app: PropertyApp, params: dict[str, Any]) -> tuple[str | None, str | None]:
    """The start as sent, or (with months) the purchase day, else the app's today; the
    end that many calendar months later."""
    start = params.get("warranty_start_date")
    months = params.get("warranty_months")
    if months is None:
        return start, None
    start = start or params.get("purchase_date") or app.services.clock().date().isoformat()
    end: date = date.fromisoformat(start) + relativedelta(months=months)
    return start, end.isoformat()
