"""Catalog inputs through the real app and database: valid ones round-trip (normalised
as documented: warehouse codes upper case, names and SKUs as sent), invalid ones are
refused naming the field (tests/property/inputs.py says how)."""

from __future__ import annotations

import re
import uuid
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from tests.property.conftest import PropertyApp
from tests.property.inputs import ROUND_TRIP, lines, ok, refused, rpc, with_control

MISSING_ID = "00000000-0000-4000-8000-000000000000"
CODE = re.compile(r"[A-Za-z0-9-]+")


def unique(text: str, width: int) -> tuple[str, str]:
    """``text`` made unique by a token at its end, within ``width``; and the token."""
    token = uuid.uuid4().hex[:10]
    head = text[: width - len(token) - 1].rstrip()
    return (f"{head} {token}" if head else token), token


def too_long_or_empty(width: int) -> st.SearchStrategy[str]:
    return st.sampled_from(["", " ", "x" * (width + 1)]) | st.text(
        min_size=width + 1, max_size=width + 40
    ).filter(lambda s: len(s.strip()) > width)


def new_brand(app: PropertyApp, token: str) -> dict[str, Any]:
    name, _ = unique("Brand", 100)
    brand: dict[str, Any] = ok(rpc(app, token, "catalog.brand.create", {"name": name}))
    return brand


def test_brand_names_round_trip(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(first=lines(0, 100), second=lines(0, 100))
    def holds(first: str, second: str) -> None:
        name, word = unique(first, 100)
        created = ok(rpc(property_app, token, "catalog.brand.create", {"name": name}))
        listed = ok(rpc(property_app, token, "catalog.brand.list", {"search": word}))
        renamed, _ = unique(second, 100)
        params = {"id": created["id"], "name": renamed}
        updated = ok(rpc(property_app, token, "catalog.brand.update", params))

        assert created["name"] == name
        assert listed == {"brands": [created], "total": 1}
        assert updated["name"] == renamed

    holds()


def test_a_brand_name_in_another_case_is_taken(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(text=lines(1, 80))
    def holds(text: str) -> None:
        name, _ = unique(text, 100)
        variant = name.upper()
        assume(variant.casefold() == name.casefold() and variant != name)
        assume(len(variant) <= 100 and variant == variant.strip())
        ok(rpc(property_app, token, "catalog.brand.create", {"name": name}))

        answer = rpc(property_app, token, "catalog.brand.create", {"name": variant})

        assert answer["error"]["data"]["code"] == "CONFLICT", answer

    holds()


def test_product_models_round_trip(property_app: PropertyApp, token: str) -> None:
    brand = new_brand(property_app, token)

    @ROUND_TRIP
    @given(
        name=lines(1, 255),
        sku=lines(0, 64),
        kind=lines(1, 64),
        description=st.none() | lines(0, 2000),
    )
    def holds(name: str, sku: str, kind: str, description: str | None) -> None:
        unique_sku, _ = unique(sku, 64)
        params = {
            "name": name,
            "sku": unique_sku,
            "type": kind,
            "brand_id": brand["id"],
            "description": description,
        }
        created = ok(rpc(property_app, token, "catalog.product.create", params))
        got = ok(rpc(property_app, token, "catalog.product.get", {"id": created["id"]}))
        searched = ok(
            rpc(
                property_app,
                token,
                "catalog.product.list",
                {"search": unique_sku[-10:], "type": kind, "brand_id": brand["id"]},
            )
        )

        sent = {key: params[key] for key in ("name", "sku", "type", "description")}
        assert {key: created[key] for key in sent} == sent
        assert created["brand"] == {"id": brand["id"], "name": brand["name"]}
        assert got == created
        assert searched == {"products": [created], "total": 1}

    holds()


def test_warehouses_round_trip_with_codes_upper_case(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(
        name=lines(1, 100),
        code=st.from_regex(r"[A-Za-z0-9-]{0,10}", fullmatch=True),
        location=st.none() | lines(0, 255),
    )
    def holds(name: str, code: str, location: str | None) -> None:
        token_code = code + uuid.uuid4().hex[:10]
        params = {"name": name, "code": token_code, "location": location}
        created = ok(rpc(property_app, token, "catalog.warehouse.create", params))
        listed = ok(rpc(property_app, token, "catalog.warehouse.list", {"search": token_code}))

        assert (created["name"], created["code"], created["location"]) == (
            name,
            token_code.upper(),
            location,
        )
        assert listed == {"warehouses": [created], "total": 1}

    holds()


def test_invalid_names_are_refused(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(name=too_long_or_empty(100) | with_control)
    def holds(name: str) -> None:
        refused(rpc(property_app, token, "catalog.brand.create", {"name": name}), "name")
        params = {"name": name, "code": "OK-1"}
        refused(rpc(property_app, token, "catalog.warehouse.create", params), "name")

    holds()


def test_invalid_product_fields_are_refused(property_app: PropertyApp, token: str) -> None:
    valid = {"name": "N", "sku": "S", "type": "phone", "brand_id": MISSING_ID}

    @ROUND_TRIP
    @given(
        field_and_value=st.tuples(st.just("name"), too_long_or_empty(255) | with_control)
        | st.tuples(st.sampled_from(["sku", "type"]), too_long_or_empty(64) | with_control)
    )
    def holds(field_and_value: tuple[str, str]) -> None:
        field, value = field_and_value
        params = {**valid, field: value}
        refused(rpc(property_app, token, "catalog.product.create", params), field)

    holds()


def test_invalid_warehouse_codes_are_refused(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(code=st.text(max_size=30))
    def holds(code: str) -> None:
        stripped = code.strip()
        assume(not (2 <= len(stripped) <= 20 and CODE.fullmatch(stripped)))
        params = {"name": "N", "code": code}
        refused(rpc(property_app, token, "catalog.warehouse.create", params), "code")

    holds()


def test_invalid_paging_is_refused(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(
        method=st.sampled_from(
            ["catalog.brand.list", "catalog.product.list", "catalog.warehouse.list"]
        ),
        limit=st.integers(max_value=0) | st.integers(min_value=101),
    )
    def holds(method: str, limit: int) -> None:
        refused(rpc(property_app, token, method, {"limit": limit}), "limit")

    holds()
