"""Proxy inputs through the real app and database: valid ones round-trip (sealed
secrets too), invalid hosts and ports are refused (tests/property/inputs.py says how)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from db.tables.proxy import ProxyConfigRow
from services import proxy as proxy_service
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

hosts = host_names | st.ip_addresses().map(str)
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


def test_invalid_proxy_hosts_and_ports_are_refused(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(host=bad_hosts, port=bad_ports)
    def holds(host: str, port: Any) -> None:
        base = {"name": "P", "type": "HTTP", "host": "a.example", "port": 80}
        refused(rpc(property_app, token, "proxy.create", {**base, "host": host}), "host")
        refused(rpc(property_app, token, "proxy.create", {**base, "port": port}), "port")

    holds()
