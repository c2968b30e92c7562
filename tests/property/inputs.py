"""Properties of the browser namespaces' input models, through the real app and database:

1. every valid input round-trips: what was sent comes back unchanged from the database
   (through the list procedures, and for sealed secrets by opening them);
2. every invalid input is refused with -32602, naming the field.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.tables.proxy import ProxyConfigRow
from services import proxy as proxy_service
from tests.property.conftest import PropertyApp

ROUND_TRIP = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# One line of text as the schemas accept it: no control characters, no surrogates, and
# no surrounding whitespace (the schemas strip it, so it would not come back unchanged).
line_characters = st.characters(blacklist_categories=("Cs", "Cc"))


def lines(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(line_characters, min_size=min_size, max_size=max_size).filter(
        lambda s: s == s.strip() and len(s) >= min_size
    )


labels = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
host_names = st.builds(
    lambda parts, tld: ".".join([*parts, tld]),
    st.lists(labels, min_size=1, max_size=3),
    st.from_regex(r"[a-z]{2,6}", fullmatch=True),
)
hosts = host_names | st.ip_addresses().map(str)
urls = st.just("about:blank") | st.builds(
    lambda scheme, host, path: f"{scheme}://{host}{path}",
    st.sampled_from(["http", "https"]),
    host_names,
    st.from_regex(r"(/[A-Za-z0-9._~%-]{0,10}){0,3}(\?[a-z]=[0-9]{1,3})?", fullmatch=True),
)
uuids = st.uuids().map(str)
v2ray_configs = st.fixed_dictionaries(
    {"protocol": st.just("vmess"), "server": hosts, "port": st.integers(1, 65535), "uuid": uuids},
    optional={
        "tls": st.booleans(),
        "sni": host_names,
        "alpn": st.lists(lines(1, 32), max_size=3),
        "cipher": lines(1, 64),
        "password": lines(1, 255),
    },
)


def rpc(prop: PropertyApp, token: str, method: str, params: dict[str, Any]) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
    response = prop.post(json.dumps(body).encode(), headers)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def ok(answer: dict[str, Any]) -> Any:
    assert "error" not in answer, answer
    return answer["result"]


def refused(answer: dict[str, Any], field: str) -> None:
    assert "error" in answer, answer
    error = answer["error"]
    assert error["code"] == -32602, error
    assert [field] in [issue["path"][:1] for issue in error["data"]["issues"]], error


@pytest.fixture(scope="module")
def token(property_app: PropertyApp) -> str:
    return property_app.admin_token()


def find(rows: list[dict[str, Any]], row_id: str) -> dict[str, Any]:
    return next(row for row in rows if row["id"] == row_id)


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


def test_proxy_inputs_round_trip(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(
        name=lines(1, 100),
        kind=st.sampled_from(["HTTP", "HTTPS", "SOCKS4", "SOCKS5", "V2RAY"]),
        host=hosts,
        port=st.integers(1, 65535),
        username=st.none() | lines(1, 255),
        password=st.none() | lines(1, 255),
        v2ray=v2ray_configs,
    )
    def holds(
        name: str,
        kind: str,
        host: str,
        port: int,
        username: str | None,
        password: str | None,
        v2ray: dict[str, Any],
    ) -> None:
        params: dict[str, Any] = {"name": name, "type": kind, "host": host, "port": port}
        params |= {"username": username, "password": password}
        if kind == "V2RAY":
            params["v2rayConfig"] = v2ray
        created = ok(rpc(property_app, token, "proxy.create", params))
        stored = find(ok(rpc(property_app, token, "proxy.list", {})), created["id"])
        assert (stored["name"], stored["type"], stored["host"], stored["port"]) == (
            name,
            kind,
            host,
            port,
        )
        assert stored["hasCredentials"] is (username is not None or password is not None)
        services = property_app.services
        with services.session_factory() as session:
            row = session.get(ProxyConfigRow, created["id"])
            assert row is not None
            assert row.username == username
            assert proxy_service.opened_password(services.sealer, row) == password
            opened = proxy_service.opened_v2ray_config(services.sealer, row)
            assert (json.loads(opened) if opened else None) == params.get("v2rayConfig")

    holds()


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


# --- invalid inputs ---------------------------------------------------------------

too_long_or_empty = st.sampled_from(["", " ", "x" * 101]) | st.text(
    min_size=101, max_size=150
).filter(lambda s: len(s.strip()) > 100)
# Inside the text: at either end, whitespace such as a newline is stripped, not refused.
with_control = st.builds(
    lambda a, c, b: a + c + b,
    lines(1, 10),
    st.sampled_from(["\x00", "\n", "\x1f", "\x7f"]),
    lines(1, 10),
)
bad_names = too_long_or_empty | with_control
bad_ports = (
    st.integers(max_value=0)
    | st.integers(min_value=65536)
    | st.sampled_from(["eighty", None, 1.5, True])
)
bad_hosts = (
    st.sampled_from(
        ["", "a b", "-a.example", "a-.example", "1.2.3.256", "a..b", "x" * 254, "fe80::1%eth0"]
    )
    | with_control
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


def test_invalid_account_names_are_refused(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(name=bad_names)
    def holds(name: str) -> None:
        refused(rpc(property_app, token, "account.create", {"name": name}), "name")

    holds()


def test_invalid_proxy_hosts_and_ports_are_refused(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(host=bad_hosts, port=bad_ports)
    def holds(host: str, port: Any) -> None:
        base = {"name": "P", "type": "HTTP", "host": "a.example", "port": 80}
        refused(rpc(property_app, token, "proxy.create", {**base, "host": host}), "host")
        refused(rpc(property_app, token, "proxy.create", {**base, "port": port}), "port")

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
