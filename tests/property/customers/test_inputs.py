"""Customer inputs through the real app and database: valid ones round-trip, two
spellings of one phone are one customer, invalid ones are refused naming the field
(tests/property/inputs.py says how)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.property.conftest import PropertyApp
from tests.property.customers.strategies import digit_strings, emails, phones, spellings
from tests.property.inputs import ROUND_TRIP, find, lines, ok, refused, rpc, with_control

addresses = st.lists(lines(1, 60), min_size=1, max_size=4).map("\n".join)


def delete(app: PropertyApp, token: str, customer_id: str) -> None:
    ok(rpc(app, token, "customers.deleteCustomer", {"id": customer_id}))


def test_customer_inputs_round_trip(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(
        name=lines(1, 255),
        phone=phones,
        email=st.none() | emails,
        address=st.none() | addresses,
    )
    def holds(name: str, phone: str, email: str | None, address: str | None) -> None:
        params = {"name": name, "phone": phone, "email": email, "address": address}
        created = ok(rpc(property_app, token, "customers.createCustomer", params))["customer"]
        try:
            listed = find(ok(rpc(property_app, token, "customers.getCustomers", {})), created["id"])
            expected = {**params, "email": None if email is None else email.lower()}
            assert {key: listed[key] for key in params} == expected
            assert listed == created
        finally:
            delete(property_app, token, created["id"])

    holds()


def test_two_spellings_of_one_phone_are_one_customer(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(st.data(), digit_strings())
    def holds(data: st.DataObject, digits: str) -> None:
        first, second = data.draw(spellings(digits)), data.draw(spellings(digits))
        created = ok(
            rpc(property_app, token, "customers.createCustomer", {"name": "A", "phone": first})
        )["customer"]
        try:
            twin = rpc(
                property_app, token, "customers.createCustomer", {"name": "B", "phone": second}
            )
            assert twin["error"]["data"]["code"] == "CONFLICT", twin
            found = ok(rpc(property_app, token, "customers.getCustomers", {"search": digits}))
            assert [customer["id"] for customer in found["customers"]] == [created["id"]]
        finally:
            delete(property_app, token, created["id"])

    holds()


bad_phones = (
    digit_strings(min_size=0, max_size=9)
    | st.from_regex(r"[0-9]{10}[a-zA-Z.#*/x][0-9]{0,5}", fullmatch=True)
    | st.text("0123456789", min_size=33, max_size=40)
)
bad_names = st.sampled_from(["", " ", "x" * 256]) | with_control
bad_fields: st.SearchStrategy[tuple[str, Any]] = st.one_of(
    st.tuples(st.just("phone"), bad_phones),
    st.tuples(st.just("name"), bad_names),
    st.tuples(
        st.just("email"),
        st.sampled_from(["", "no-at", "a@", "x@@example.com", "script@example.com"]),
    ),
    st.tuples(st.just("address"), st.sampled_from(["", "x" * 2001, "a\x00b", "a\tb"])),
)


def test_invalid_customer_inputs_are_refused(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(bad_fields)
    def holds(bad: tuple[str, Any]) -> None:
        field, value = bad
        params = {"name": "Valid", "phone": "555 010 2030", field: value}
        refused(rpc(property_app, token, "customers.createCustomer", params), field)

    holds()


def test_unknown_email_types_are_refused(property_app: PropertyApp, token: str) -> None:
    known = {
        "request_submitted",
        "request_received",
        "request_rejected",
        "ticket_created",
        "service_completed",
        "delivery_confirmed",
    }

    @ROUND_TRIP
    @given(st.text(min_size=1, max_size=30).filter(lambda key: key not in known), st.booleans())
    def holds(key: str, value: bool) -> None:
        params = {"email": "a@example.com", "token": "t", "preferences": {key: value}}
        refused(rpc(property_app, token, "customers.updateEmailPreferences", params), "preferences")

    holds()
