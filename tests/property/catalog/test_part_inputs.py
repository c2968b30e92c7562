"""Part inputs through the real app and database (tests/property/inputs.py says how):
valid ones round-trip, money survives the wire exactly, invalid ones are refused naming
the field, and after any sequence of stock adjustments the stock is its ledger's sum.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import col, func, select

from db.tables.catalog import BrandRow, PartStockEntryRow, ProductModelRow
from schemas.money import MONEY_MAX
from tests.property.conftest import PropertyApp
from tests.property.inputs import ROUND_TRIP, lines, ok, refused, rpc, with_control

CENTS_MAX = int(MONEY_MAX * 100)
prices = st.integers(0, CENTS_MAX).map(lambda cents: Decimal(cents).scaleb(-2))
counts = st.integers(0, 1_000_000_000)
deltas = st.integers(-25, 25).filter(bool)


def unique(sku: str) -> str:
    """A drawn SKU made unique across examples (every example creates a part)."""
    return f"{sku[:50]}#{uuid.uuid4().hex[:8]}"


def exact_rpc(prop: PropertyApp, token: str, method: str, params: dict[str, Any]) -> Any:
    """The result as the wire wrote it: numbers parsed as Decimals, from their digits."""
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
    response = prop.post(json.dumps(body).encode(), headers)
    answer = json.loads(response.text, parse_float=Decimal)
    assert "error" not in answer, answer
    return answer["result"]


def make_models(prop: PropertyApp, count: int) -> list[str]:
    suffix = uuid.uuid4().hex[:10]
    brand = BrandRow(name=suffix, name_key=suffix, created_at=_now(prop), updated_at=_now(prop))
    with prop.services.session_factory() as session:
        session.add(brand)
        session.flush()
        models = [
            ProductModelRow(
                name=f"Model {n}",
                sku=f"M-{suffix}-{n}",
                type="phone",
                brand_id=brand.id,
                created_at=_now(prop),
                updated_at=_now(prop),
            )
            for n in range(count)
        ]
        session.add_all(models)
        session.commit()
        return [model.id for model in models]


def _now(prop: PropertyApp) -> Any:
    return prop.services.clock()


def ledger_sum(prop: PropertyApp, part_id: str) -> int:
    with prop.services.session_factory() as session:
        statement = select(func.coalesce(func.sum(PartStockEntryRow.delta), 0)).where(
            col(PartStockEntryRow.part_id) == part_id
        )
        return int(session.exec(statement).one())


def test_part_inputs_round_trip(property_app: PropertyApp, token: str) -> None:
    model_ids = make_models(property_app, 4)

    @ROUND_TRIP
    @given(
        name=lines(1, 255),
        sku=lines(1, 50),
        unit_price=prices,
        stock=counts,
        minimum=counts,
        fits=st.lists(st.sampled_from(model_ids), unique=True, max_size=4),
    )
    def holds(
        name: str, sku: str, unit_price: Decimal, stock: int, minimum: int, fits: list[str]
    ) -> None:
        params = {
            "name": name,
            "sku": unique(sku),
            "unit_price": unit_price,
            "stock_quantity": stock,
            "minimum_stock": minimum,
            "product_ids": fits,
        }
        sent = json.loads(json.dumps({**params, "unit_price": float(unit_price)}))
        created = exact_rpc(property_app, token, "catalog.part.create", sent)
        stored = exact_rpc(property_app, token, "catalog.part.get", {"id": created["id"]})
        assert stored == created
        assert (stored["name"], stored["sku"]) == (name, params["sku"])
        # The JSON number's own digits are the amount sent.
        assert Decimal(str(stored["unit_price"])) == unit_price
        assert (stored["stock_quantity"], stored["minimum_stock"]) == (stock, minimum)
        assert stored["is_low_stock"] is (stock <= minimum)
        assert sorted(product["id"] for product in stored["products"]) == sorted(fits)
        assert ledger_sum(property_app, created["id"]) == stock

    holds()


bad_prices = st.one_of(
    st.integers(1, CENTS_MAX).map(lambda cents: -float(Decimal(cents).scaleb(-2))),
    st.integers(1, 10**9)
    .map(lambda n: float(Decimal(n).scaleb(-3)))
    .filter(lambda v: round(v, 2) != v),
    prices.map(str),
    st.booleans(),
    st.just(float(MONEY_MAX) + 1),
)
bad_names = st.sampled_from(["", " ", "x" * 256]) | with_control


def test_invalid_part_inputs_are_refused(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(field=st.sampled_from(["name", "unit_price", "stock_quantity"]), data=st.data())
    def holds(field: str, data: st.DataObject) -> None:
        params: dict[str, Any] = {"name": "Part", "sku": unique("BAD"), "unit_price": 1}
        bad = {
            "name": bad_names,
            "unit_price": bad_prices,
            "stock_quantity": st.integers(max_value=-1) | st.integers(min_value=1_000_000_001),
        }[field]
        params[field] = data.draw(bad)
        refused(rpc(property_app, token, "catalog.part.create", params), field)

    holds()


def test_the_ledger_sums_to_the_stock_after_any_adjustments(
    property_app: PropertyApp, token: str
) -> None:
    @ROUND_TRIP
    @given(opening=st.integers(0, 30), steps=st.lists(deltas, max_size=12))
    def holds(opening: int, steps: list[int]) -> None:
        part = ok(
            rpc(
                property_app,
                token,
                "catalog.part.create",
                {
                    "name": "Ledger",
                    "sku": unique("LEDGER"),
                    "unit_price": 1,
                    "stock_quantity": opening,
                },
            )
        )
        stock = opening
        for delta in steps:
            params = {"part_id": part["id"], "delta": delta, "reason": "Property count"}
            answer = rpc(property_app, token, "catalog.part.adjustStock", params)
            if stock + delta < 0:
                assert answer["error"]["data"]["code"] == "PRECONDITION_FAILED", answer
            else:
                stock += delta
                assert answer["result"]["stock_quantity"] == stock, answer
            assert ledger_sum(property_app, part["id"]) == stock
        final = ok(rpc(property_app, token, "catalog.part.get", {"id": part["id"]}))
        assert final["stock_quantity"] == stock >= 0

    holds()
