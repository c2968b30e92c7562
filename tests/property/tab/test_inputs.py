"""Tab inputs through the real app and database: valid ones round-trip, invalid
changes and unknown ids are refused (tests/property/inputs.py says how)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.property.conftest import PropertyApp
from tests.property.inputs import (
    ROUND_TRIP,
    find,
    host_names,
    lines,
    ok,
    refused,
    rpc,
    uuids,
    with_control,
)

urls = st.just("about:blank") | st.builds(
    lambda scheme, host, path: f"{scheme}://{host}{path}",
    st.sampled_from(["http", "https"]),
    host_names,
    st.from_regex(r"(/[A-Za-z0-9._~%-]{0,10}){0,3}(\?[a-z]=[0-9]{1,3})?", fullmatch=True),
)
bad_urls = (
    st.sampled_from(
        [
            "javascript:alert(1)",
            "ftp://a.example",
            "https://",
            "about:",
            "http://a b",
            "//a.example",
        ]
    )
    | with_control
)
bad_zooms = st.floats(max_value=0.2499, allow_infinity=False) | st.floats(
    min_value=5.0001, allow_infinity=False
)


def test_tab_inputs_round_trip(property_app: PropertyApp, token: str) -> None:
    account_id = ok(rpc(property_app, token, "account.create", {"name": "Tabs"}))["id"]

    @ROUND_TRIP
    @given(
        url=urls,
        title=lines(0, 500),
        x=st.integers(0, 2**31 - 1),
        y=st.integers(0, 2**31 - 1),
        zoom=st.floats(0.25, 5),
        incognito=st.booleans(),
    )
    def holds(url: str, title: str, x: int, y: int, zoom: float, incognito: bool) -> None:
        tab = ok(
            rpc(
                property_app,
                token,
                "tab.create",
                {"accountId": account_id, "url": url, "isIncognito": incognito},
            )
        )
        change = {"title": title, "scrollPositionX": x, "scrollPositionY": y, "zoomLevel": zoom}
        ok(rpc(property_app, token, "tab.update", {"tabId": tab["id"], **change}))
        stored = find(
            ok(rpc(property_app, token, "tab.list", {"accountId": account_id})), tab["id"]
        )
        assert {k: stored[k] for k in change} == change
        assert (stored["url"], stored["isIncognito"]) == (url, incognito)

    holds()


def test_invalid_tab_changes_are_refused(property_app: PropertyApp, token: str) -> None:
    account_id = ok(rpc(property_app, token, "account.create", {"name": "Bad tabs"}))["id"]
    tab_id = ok(rpc(property_app, token, "tab.create", {"accountId": account_id}))["id"]

    @ROUND_TRIP
    @given(
        url=bad_urls,
        zoom=bad_zooms,
        scroll=st.integers(max_value=-1) | st.integers(min_value=2**31),
    )
    def holds(url: str, zoom: float, scroll: int) -> None:
        refused(rpc(property_app, token, "tab.update", {"tabId": tab_id, "url": url}), "url")
        refused(
            rpc(property_app, token, "tab.update", {"tabId": tab_id, "zoomLevel": zoom}),
            "zoomLevel",
        )
        refused(
            rpc(property_app, token, "tab.update", {"tabId": tab_id, "scrollPositionX": scroll}),
            "scrollPositionX",
        )
        refused(
            rpc(property_app, token, "tab.create", {"accountId": account_id, "url": url}), "url"
        )

    holds()


def test_unknown_ids_are_not_found_whatever_their_shape(
    property_app: PropertyApp, token: str
) -> None:
    @ROUND_TRIP
    @given(some_id=uuids | lines(1, 64))
    def holds(some_id: str) -> None:
        answer = rpc(property_app, token, "tab.list", {"accountId": some_id})
        assert answer["error"]["data"]["code"] == "NOT_FOUND", answer

    holds()
