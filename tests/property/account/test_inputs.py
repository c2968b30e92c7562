"""Account inputs through the real app and database: valid ones round-trip, invalid
names are refused (tests/property/inputs.py says how)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.property.conftest import PropertyApp
from tests.property.inputs import ROUND_TRIP, find, lines, ok, refused, rpc, with_control

too_long_or_empty = st.sampled_from(["", " ", "x" * 101]) | st.text(
    min_size=101, max_size=150
).filter(lambda s: len(s.strip()) > 100)
bad_names = too_long_or_empty | with_control


def test_account_inputs_round_trip(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(name=lines(1, 100), description=st.none() | lines(0, 500), protected=st.booleans())
    def holds(name: str, description: str | None, protected: bool) -> None:
        created = ok(
            rpc(property_app, token, "account.create", {"name": name, "description": description})
        )
        updated = ok(
            rpc(
                property_app,
                token,
                "account.update",
                {"accountId": created["id"], "isProtected": protected},
            )
        )
        stored = find(ok(rpc(property_app, token, "account.list", {})), created["id"])
        assert (created["name"], stored["name"], stored["description"]) == (name, name, description)
        assert stored["isProtected"] is protected
        assert stored == updated

    holds()


def test_invalid_account_names_are_refused(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(name=bad_names)
    def holds(name: str) -> None:
        refused(rpc(property_app, token, "account.create", {"name": name}), "name")

    holds()
