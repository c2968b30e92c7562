"""The HTTP surface: health, OpenRPC, correlation ids, CORS, batches, rate limits."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from services import auth as auth_service
from services.caller import Caller
from tests.e2e.conftest import (
    ALLOWED_ORIGIN,
    USER_PASSWORD,
    Account,
    LiveServer,
    MakeUser,
    count_users,
    create_admin_account,
    error_of,
    result_of,
    rpc_batch,
    rpc_call,
    unique_email,
)
from tests.rate_windows import within_one_window

GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")
StartServer = Callable[..., LiveServer]


def test_healthz_answers_ok(client: httpx.Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    # Each dependency, named: the test server counts rate limits in memory unless
    # REDIS_URL points it at a Redis.
    store = "ok" if os.environ.get("REDIS_URL") else "memory"
    assert response.json() == {"status": "ok", "database": "ok", "rateLimitStore": store}


def test_openrpc_json_is_the_document_of_rpc_discover(client: httpx.Client) -> None:
    served = client.get("/openrpc.json")

    assert served.status_code == 200
    assert served.headers["content-type"] == "application/json"
    discovered = result_of(rpc_call(client, "rpc.discover"))
    assert served.json() == discovered
    names = {method["name"] for method in discovered["methods"]}
    assert {"auth.login", "admin.createUser", "profile.getAllUsers"} <= names


# --- correlation ids ----------------------------------------------------------------


def test_a_sent_correlation_id_is_echoed_in_the_header_and_every_error(
    client: httpx.Client,
) -> None:
    sent = f"trace-{uuid.uuid4().hex}"
    members = [
        {"jsonrpc": "2.0", "id": 1, "method": "profile.getCurrentUser"},
        {"jsonrpc": "2.0", "id": 2, "method": "no.such.method"},
        {"jsonrpc": "2.0", "id": 3, "method": "auth.login", "params": {"email": "x"}},
        {"jsonrpc": "2.0", "id": 4, "method": "auth.me"},
    ]

    response = rpc_batch(client, members, headers={"X-Correlation-ID": sent})

    assert response.status_code == 200
    assert response.headers["x-correlation-id"] == sent
    answers = response.json()
    errors = [answer["error"] for answer in answers if "error" in answer]
    assert [error["code"] for error in errors] == [-32001, -32601, -32602]
    assert {error["data"]["correlationId"] for error in errors} == {sent}


def test_a_correlation_id_is_generated_when_none_is_sent(client: httpx.Client) -> None:
    response = client.post(
        "/rpc", json={"jsonrpc": "2.0", "id": 1, "method": "profile.getCurrentUser"}
    )

    generated = response.headers["x-correlation-id"]
    assert GENERATED_ID.match(generated)
    assert response.json()["error"]["data"]["correlationId"] == generated
    again = client.get("/healthz").headers["x-correlation-id"]
    assert GENERATED_ID.match(again)
    assert again != generated


@pytest.mark.parametrize(
    "hostile",
    ["x" * 500, "has spaces in it", "tab\tinside", "semi;colon", "ünïcode", "a" * 129],
)
def test_a_hostile_correlation_id_is_replaced(client: httpx.Client, hostile: str) -> None:
    response = client.post(
        "/rpc",
        json={"jsonrpc": "2.0", "id": 1, "method": "profile.getCurrentUser"},
        headers={"X-Correlation-ID": hostile.encode("utf-8")},  # type: ignore[dict-item]
    )

    replaced = response.headers["x-correlation-id"]
    assert replaced != hostile
    assert GENERATED_ID.match(replaced)
    assert response.json()["error"]["data"]["correlationId"] == replaced


# --- CORS ---------------------------------------------------------------------------


def preflight(client: httpx.Client, origin: str) -> httpx.Response:
    return client.options(
        "/rpc",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, x-correlation-id",
        },
    )


def test_cors_preflight_from_a_configured_origin_is_allowed(client: httpx.Client) -> None:
    response = preflight(client, ALLOWED_ORIGIN)

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed_headers = response.headers["access-control-allow-headers"].lower()
    for header in ("authorization", "content-type", "x-correlation-id"):
        assert header in allowed_headers


def test_cors_preflight_from_another_origin_is_refused(client: httpx.Client) -> None:
    response = preflight(client, "https://evil.example")

    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


def test_cors_exposes_the_correlation_id_to_a_configured_origin(client: httpx.Client) -> None:
    response = client.post(
        "/rpc",
        json={"jsonrpc": "2.0", "id": 1, "method": "auth.me"},
        headers={"Origin": ALLOWED_ORIGIN},
    )

    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "x-correlation-id" in response.headers["access-control-expose-headers"].lower()
    other = client.post(
        "/rpc",
        json={"jsonrpc": "2.0", "id": 1, "method": "auth.me"},
        headers={"Origin": "https://evil.example"},
    )
    assert "access-control-allow-origin" not in other.headers


# --- batches ------------------------------------------------------------------------


def test_a_batch_mixing_namespaces_and_errors_answers_each_member_in_order(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    technician = make_user("technician")
    users_before = count_users(server)
    new_email = unique_email("batch")
    members: list[Any] = [
        {"jsonrpc": "2.0", "id": "me", "method": "auth.me"},
        {
            "jsonrpc": "2.0",
            "id": 2,
            "method": "admin.createUser",
            "params": {
                "email": new_email,
                "password": USER_PASSWORD,
                "full_name": "Not Allowed",
                "role": "technician",
            },
        },
        {"jsonrpc": "2.0", "method": "profile.getAllUsers"},  # a notification: no answer
        {"jsonrpc": "2.0", "id": 3.5, "method": "profile.getCurrentUser"},
        {"jsonrpc": "2.0", "id": None, "method": "tickets.list"},
        {"foo": "bar"},
        {
            "jsonrpc": "2.0",
            "id": 5,
            "method": "profile.updateProfile",
            "params": {"full_name": "", "email": technician.email},
        },
        {
            "jsonrpc": "2.0",
            "id": 6,
            "method": "profile.updateProfile",
            "params": {"full_name": "Batch Renamed", "email": technician.email},
        },
    ]

    response = rpc_batch(client, members, technician.token)

    assert response.status_code == 200
    answers = response.json()
    assert [answer["id"] for answer in answers] == ["me", 2, 3.5, None, None, 5, 6]
    assert answers[0]["result"]["id"] == technician.id
    assert answers[1]["error"]["data"]["code"] == "FORBIDDEN"
    assert answers[2]["result"]["id"] == technician.id
    assert answers[3]["error"]["code"] == -32601
    assert answers[4]["error"]["code"] == -32600
    assert answers[5]["error"]["data"]["issues"][0]["path"] == ["full_name"]
    assert answers[6]["result"]["full_name"] == "Batch Renamed"
    assert count_users(server) == users_before


def test_the_bearer_token_is_resolved_once_per_http_request(
    client: httpx.Client, make_user: MakeUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = make_user()
    lookups: list[str] = []
    real_authenticate = auth_service.authenticate

    def counting_authenticate(*args: Any, **kwargs: Any) -> Caller:
        caller = real_authenticate(*args, **kwargs)
        lookups.append(caller.user_id)
        return caller

    monkeypatch.setattr(auth_service, "authenticate", counting_authenticate)
    members = [
        {"jsonrpc": "2.0", "id": 1, "method": "auth.me"},
        {"jsonrpc": "2.0", "id": 2, "method": "profile.getCurrentUser"},
        {"jsonrpc": "2.0", "id": 3, "method": "profile.getAllUsers"},
        {
            "jsonrpc": "2.0",
            "id": 4,
            "method": "profile.updateProfile",
            "params": {"full_name": "Once Only", "email": user.email},
        },
        {"jsonrpc": "2.0", "id": 5, "method": "profile.getCurrentUser"},
    ]

    answers = rpc_batch(client, members, user.token).json()

    assert [("result" in answer) for answer in answers] == [True] * 5
    assert answers[4]["result"]["full_name"] == "Once Only"
    assert lookups == [user.id]
    result_of(rpc_call(client, "auth.me", token=user.token))
    assert lookups == [user.id, user.id]


def test_an_anonymous_batch_never_looks_up_a_session(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    lookups: list[object] = []
    monkeypatch.setattr(auth_service, "authenticate", lambda *args, **_: lookups.append(args))

    members = [{"jsonrpc": "2.0", "id": i, "method": "auth.me"} for i in range(3)]
    answers = rpc_batch(client, members).json()

    assert [answer["result"] for answer in answers] == [None, None, None]
    assert lookups == []


# --- rate limits (apps of their own: the limits are per app instance) ---------------


def test_admin_setup_is_limited_to_ten_calls_an_hour(start_server: StartServer) -> None:
    live = start_server()
    within_one_window("hour")
    with httpx.Client(base_url=live.url) as client:
        for _ in range(10):
            error_of(
                rpc_call(client, "admin.setup", {"password": "guessing"}),
                -32001,
                "UNAUTHORIZED",
            )

        error = error_of(
            rpc_call(client, "admin.setup", {"password": "guessing"}),
            -32029,
            "TOO_MANY_REQUESTS",
        )

        data = error["data"]
        assert data["httpStatus"] == 429
        assert data["path"] == "admin.setup"
        assert isinstance(data["retryAfter"], int)
        assert 0 < data["retryAfter"] <= 3600
        assert (data["limit"], data["window"]) == (10, "hour")
        # A signed-in caller is counted on its own, not with the address's anonymous calls.
        admin = create_admin_account(live)
        error_of(
            rpc_call(client, "admin.setup", {"password": "guessing"}, admin.token),
            -32001,
            "UNAUTHORIZED",
        )


def test_login_is_limited_per_address_even_with_the_right_password(
    start_server: StartServer,
) -> None:
    live = start_server()
    account: Account = create_admin_account(live)
    within_one_window("minute")
    with httpx.Client(base_url=live.url) as client:
        for _ in range(30):
            error_of(
                rpc_call(
                    client, "auth.login", {"email": account.email, "password": "Wrong-Horse-9"}
                ),
                -32001,
                "UNAUTHORIZED",
            )

        error = error_of(
            rpc_call(client, "auth.login", {"email": account.email, "password": USER_PASSWORD}),
            -32029,
            "TOO_MANY_REQUESTS",
        )

        assert isinstance(error["data"]["retryAfter"], int)
        assert 0 < error["data"]["retryAfter"] <= 60
        assert (error["data"]["limit"], error["data"]["window"]) == (30, "minute")
