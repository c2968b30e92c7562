"""``proxy.*`` over real HTTP, tested against real tiny proxies on loopback.

This module's server allows testing proxies on loopback addresses (the loopback
proxies live there); the refusal of such addresses is tested on an app of its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from db.tables.proxy import ProxyConfigRow
from services import proxy as proxy_service
from services.sealing import SealedSecretError
from tests.e2e.browser import INVALID_PARAMS, MISSING_ID, NOT_FOUND, UNAUTHORIZED, call
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    create_admin_account,
    error_of,
    issue_paths,
    make_settings,
    result_of,
    rpc_batch,
    rpc_call,
    serve,
)
from tests.loopback_proxies import (
    HTTP_PASSWORD,
    HTTP_USER,
    SOCKS_PASSWORD,
    SOCKS_USER,
    Loopback,
    Ports,
)

PROXY_KEYS = {
    "id",
    "userId",
    "name",
    "type",
    "host",
    "port",
    "isActive",
    "hasCredentials",
    "createdAt",
    "updatedAt",
    "lastTestedAt",
    "testResult",
}
V2RAY_SECRET = "trojan-password-that-must-not-leak"
StartServer = Callable[..., LiveServer]


@pytest.fixture(scope="module")
def server(
    module_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    settings = make_settings(
        module_database_url,
        tmp_path_factory.mktemp("e2e-data"),
        proxy_test_allow_private=True,
        proxy_test_timeout_seconds=1.0,
    )
    with serve(settings) as live:
        yield live


@pytest.fixture
def ports(loopback: Loopback) -> Ports:
    return loopback.ports


def create(client: httpx.Client, user: Account, **fields: Any) -> str:
    params = {"name": "Proxy", "type": "SOCKS5", "host": "127.0.0.1", "port": 1080, **fields}
    proxy_id: str = result_of(call(client, user, "proxy.create", params))["id"]
    return proxy_id


def listed(client: httpx.Client, user: Account, proxy_id: str) -> dict[str, Any]:
    rows = result_of(call(client, user, "proxy.list"))
    found: dict[str, Any] = next(row for row in rows if row["id"] == proxy_id)
    return found


def test_create_and_list_never_return_credentials(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    created = result_of(
        call(
            client,
            user,
            "proxy.create",
            {
                "name": "Work Proxy",
                "type": "SOCKS5",
                "host": "192.168.1.100",
                "port": 1080,
                "username": "user",
                "password": "pass-word-1",
            },
        )
    )
    assert set(created) == {"id", "name", "type"}

    row = listed(client, user, created["id"])
    assert set(row) == PROXY_KEYS
    assert (row["userId"], row["host"], row["port"], row["hasCredentials"]) == (
        user.id,
        "192.168.1.100",
        1080,
        True,
    )
    assert (row["isActive"], row["lastTestedAt"], row["testResult"]) == (True, None, None)
    assert "pass-word-1" not in json.dumps(result_of(call(client, user, "proxy.list")))


def test_secrets_are_sealed_in_the_database(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()
    v2ray = {
        "protocol": "trojan",
        "server": "edge.example.net",
        "port": 443,
        "password": V2RAY_SECRET,
        "sni": "edge.example.net",
    }
    plain_id = create(client, user, password="socks-secret-42")
    v2ray_id = create(client, user, type="V2RAY", port=443, v2rayConfig=v2ray)

    with server.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT * FROM proxy_configs WHERE id IN (:a, :b)"), {"a": plain_id, "b": v2ray_id}
        ).all()
    raw = json.dumps([[str(value) for value in row] for row in rows])
    assert "socks-secret-42" not in raw
    assert V2RAY_SECRET not in raw
    assert "edge.example.net" not in raw  # the whole v2ray configuration is sealed

    sealer = server.services.sealer
    with server.db() as session:
        plain_row = session.get(ProxyConfigRow, plain_id)
        v2ray_row = session.get(ProxyConfigRow, v2ray_id)
        assert plain_row is not None
        assert v2ray_row is not None
        assert proxy_service.opened_password(sealer, plain_row) == "socks-secret-42"
        opened = proxy_service.opened_v2ray_config(sealer, v2ray_row)
        assert opened is not None
        assert json.loads(opened) == v2ray
        # Bound to its row: the same sealed text does not open as another row's.
        plain_row.id, v2ray_row.sealed_password = v2ray_id, plain_row.sealed_password
        with pytest.raises(SealedSecretError):
            proxy_service.opened_password(sealer, plain_row)


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"host": "not a host"}, ["host"]),
        ({"host": "-bad-.example"}, ["host"]),
        ({"host": "1.2.3.999"}, ["host"]),
        ({"port": 0}, ["port"]),
        ({"port": 65536}, ["port"]),
        ({"type": "SOCKS6"}, ["type"]),
        ({"name": ""}, ["name"]),
        ({"type": "V2RAY"}, ["v2rayConfig"]),
        ({"v2rayConfig": {"protocol": "vless", "server": "a.example", "port": 1}}, ["v2rayConfig"]),
        (
            {
                "type": "V2RAY",
                "v2rayConfig": {"protocol": "vless", "server": "a.example", "port": 1},
            },
            ["v2rayConfig"],
        ),
        (
            {
                "type": "V2RAY",
                "v2rayConfig": {
                    "protocol": "vmess",
                    "server": "a.example",
                    "port": 1,
                    "uuid": "nope",
                },
            },
            ["v2rayConfig", "uuid"],
        ),
    ],
)
def test_create_refuses_invalid_input(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    base = {"name": "Proxy", "type": "SOCKS5", "host": "127.0.0.1", "port": 1080}
    answer = call(client, make_user(), "proxy.create", {**base, **params})
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_list_sorts_and_filters(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    create(client, user, name="Bravo", type="HTTP")
    socks = create(client, user, name="Alpha", type="SOCKS4")
    call(client, user, "proxy.update", {"proxyConfigId": socks, "isActive": False})

    names = [
        p["name"]
        for p in result_of(call(client, user, "proxy.list", {"sortBy": "name", "order": "desc"}))
    ]
    assert names == ["Bravo", "Alpha"]
    by_type = result_of(call(client, user, "proxy.list", {"filter": {"type": "HTTP"}}))
    assert [p["name"] for p in by_type] == ["Bravo"]
    inactive = result_of(call(client, user, "proxy.list", {"filter": {"isActive": False}}))
    assert [p["name"] for p in inactive] == ["Alpha"]


def test_update_changes_fields_and_forgets_a_stale_test(
    client: httpx.Client, make_user: MakeUser, ports: Ports
) -> None:
    user = make_user()
    proxy_id = create(client, user, port=ports.socks5_open, username="u", password="p-1")
    result_of(call(client, user, "proxy.test", {"proxyConfigId": proxy_id}))
    assert listed(client, user, proxy_id)["testResult"] is not None

    renamed = result_of(
        call(client, user, "proxy.update", {"proxyConfigId": proxy_id, "name": "Renamed"})
    )
    assert (renamed["name"], renamed["testResult"]["success"]) == ("Renamed", True)
    cleared = result_of(
        call(
            client,
            user,
            "proxy.update",
            {"proxyConfigId": proxy_id, "username": None, "password": None, "port": 1081},
        )
    )
    assert set(cleared) == PROXY_KEYS
    assert (
        cleared["hasCredentials"],
        cleared["port"],
        cleared["testResult"],
        cleared["lastTestedAt"],
    ) == (
        False,
        1081,
        None,
        None,
    )
    answer = call(client, user, "proxy.update", {"proxyConfigId": proxy_id, "host": None})
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [["host"]]


def test_delete_detaches_the_accounts_using_it(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    proxy_id = create(client, user)
    account = result_of(
        call(client, user, "account.create", {"name": "A", "proxyConfigId": proxy_id})
    )

    assert result_of(call(client, user, "proxy.delete", {"proxyConfigId": proxy_id})) == {
        "success": True
    }

    assert result_of(call(client, user, "proxy.list")) == []
    [still] = result_of(call(client, user, "account.list"))
    assert (still["id"], still["proxyConfigId"]) == (account["id"], None)


def test_proxy_test_against_the_loopback_proxies(
    client: httpx.Client, make_user: MakeUser, ports: Ports
) -> None:
    user = make_user()
    cases = {
        "socks5 login": (
            {
                "type": "SOCKS5",
                "port": ports.socks5_login,
                "username": SOCKS_USER,
                "password": SOCKS_PASSWORD,
            },
            None,
        ),
        "socks5 wrong password": (
            {
                "type": "SOCKS5",
                "port": ports.socks5_login,
                "username": SOCKS_USER,
                "password": "wrong-one",
            },
            "The SOCKS5 proxy refused the username or password",
        ),
        "socks5 open": ({"type": "SOCKS5", "port": ports.socks5_open}, None),
        "socks4": ({"type": "SOCKS4", "port": ports.socks4}, None),
        "http": (
            {"type": "HTTP", "port": ports.http, "username": HTTP_USER, "password": HTTP_PASSWORD},
            None,
        ),
        "http no credentials": (
            {"type": "HTTP", "port": ports.http},
            "The proxy requires authentication, or refused the credentials (407)",
        ),
        "refused": (
            {"type": "SOCKS5", "port": ports.refused},
            f"Connection refused by 127.0.0.1:{ports.refused}",
        ),
        "silent": ({"type": "SOCKS5", "port": ports.silent}, "No answer within 1 s"),
        "not a proxy": (
            {"type": "SOCKS5", "port": ports.not_a_proxy},
            "Not a SOCKS5 proxy: unexpected answer to the greeting",
        ),
    }
    for name, (fields, expected_error) in cases.items():
        proxy_id = create(client, user, name=name, **fields)
        result = result_of(call(client, user, "proxy.test", {"proxyConfigId": proxy_id}))
        print(f"proxy.test {name}: {result}")  # the report quotes these
        assert result["success"] is (expected_error is None), (name, result)
        assert result.get("error") == expected_error, name
        assert isinstance(result["latency"], int)
        stored = listed(client, user, proxy_id)
        assert stored["testResult"] == {**result, "error": expected_error}
        assert stored["lastTestedAt"] is not None


def test_non_public_proxies_are_refused_unless_allowed(
    start_server: StartServer, ports: Ports
) -> None:
    live = start_server()  # the default settings: private addresses not allowed
    user = create_admin_account(live)
    with httpx.Client(base_url=live.url) as client:
        proxy_id = create(client, user, port=ports.socks5_open)
        result = result_of(call(client, user, "proxy.test", {"proxyConfigId": proxy_id}))

    assert result["success"] is False
    assert result["error"].startswith(
        "127.0.0.1 resolves to 127.0.0.1, which is not a public address"
    )


@pytest.mark.parametrize(
    "host",
    ["64:ff9b::a00:1", "64:ff9b:1::a00:1", "2002:a00:1::1", "::127.0.0.1", "::ffff:0:a00:1"],
)
def test_ipv6_addresses_that_embed_a_private_ipv4_address_are_refused(
    start_server: StartServer, host: str
) -> None:
    live = start_server()  # the default settings: private addresses not allowed
    user = create_admin_account(live)
    with httpx.Client(base_url=live.url) as client:
        proxy_id = create(client, user, host=host, port=1080)
        result = result_of(call(client, user, "proxy.test", {"proxyConfigId": proxy_id}))

    assert result["success"] is False
    assert "which is not a public address" in result["error"], result


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("proxy.update", {"name": "Mine now"}),
        ("proxy.delete", {}),
        ("proxy.test", {}),
    ],
)
def test_another_users_proxy_is_not_found(
    client: httpx.Client,
    server: LiveServer,
    make_user: MakeUser,
    method: str,
    params: dict[str, Any],
) -> None:
    owner, other = make_user(), make_user()
    proxy_id = create(client, owner, name="Private")

    for stranger in (other, create_admin_account(server)):
        answer = call(client, stranger, method, {"proxyConfigId": proxy_id, **params})
        assert error_of(answer, *NOT_FOUND)["message"] == "Proxy config not found"
    error_of(call(client, owner, method, {"proxyConfigId": MISSING_ID, **params}), *NOT_FOUND)
    assert listed(client, owner, proxy_id)["name"] == "Private"
    assert result_of(call(client, other, "proxy.list")) == []


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("proxy.list", None),
        ("proxy.create", {"name": "P", "type": "HTTP", "host": "a.example", "port": 8080}),
        ("proxy.update", {"proxyConfigId": MISSING_ID}),
        ("proxy.delete", {"proxyConfigId": MISSING_ID}),
        ("proxy.test", {"proxyConfigId": MISSING_ID}),
    ],
)
def test_anonymous_callers_are_unauthorized(
    client: httpx.Client, method: str, params: dict[str, Any] | None
) -> None:
    error_of(rpc_call(client, method, params), *UNAUTHORIZED)


def test_a_batch_creates_an_account_lists_accounts_and_tests_a_proxy(
    client: httpx.Client, make_user: MakeUser, ports: Ports
) -> None:
    user = make_user()
    proxy_id = create(client, user, port=ports.socks5_open)

    response = rpc_batch(
        client,
        [
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "account.create",
                "params": {"name": "Batch", "proxyConfigId": proxy_id},
            },
            {"jsonrpc": "2.0", "id": 2, "method": "account.list", "params": {}},
            {
                "jsonrpc": "2.0",
                "id": 3,
                "method": "proxy.test",
                "params": {"proxyConfigId": proxy_id},
            },
        ],
        user.token,
    )

    assert response.status_code == 200
    created, accounts, tested = response.json()
    assert [created["id"], accounts["id"], tested["id"]] == [1, 2, 3]
    assert [a["id"] for a in accounts["result"]] == [created["result"]["id"]]
    assert accounts["result"][0]["proxyConfigId"] == proxy_id
    assert (tested["result"]["success"], tested["result"].get("error")) == (True, None)
