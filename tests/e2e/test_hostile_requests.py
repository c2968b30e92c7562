"""Requests built to hurt the server, over real HTTP against the running app.

Each answers what was seen when the server was attacked: an answer that grows with the
request (one issue per unknown key), a body no answer could be written for (a lone
surrogate escape), a redirect to whatever site the Host header named, and an
Authorization header in another scheme taken as a token.

The app of this module runs without rate limits: ``auth.login`` allows 30 calls a
minute per address, and the attack is about what one call costs, whatever the method.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from rpc.errors import MAX_ECHOED_CHARS, MAX_ISSUES
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    error_of,
    load_user,
    make_settings,
    result_of,
    rpc_call,
    serve,
)

INVALID_PARAMS = -32602
PARSE_ERROR = -32700
UNAUTHORIZED = -32001
JSON = {"Content-Type": "application/json"}
CUT_MARK = "\u2026"


@pytest.fixture(scope="module")
def server(
    module_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("e2e-data")
    settings = make_settings(module_database_url, data_dir, rate_limits_enabled=False)
    with serve(settings) as live:
        yield live


def short_keys(count: int) -> list[str]:
    """``count`` distinct keys as short as they come (base 36), none a field name."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    keys = []
    for index in range(count):
        key = ""
        while True:
            index, digit = divmod(index, 36)
            key = digits[digit] + key
            if index == 0:
                break
        keys.append(key)
    return keys


def post_raw(client: httpx.Client, body: bytes, **headers: str) -> httpx.Response:
    return client.post("/rpc", content=body, headers={**JSON, **headers})


# --- finding 2: unknown-key amplification --------------------------------------------------


def login_with_unknown_keys(count: int, request_id: int = 1) -> dict[str, Any]:
    params: dict[str, Any] = {"email": "someone@example.com", "password": "x"}
    params.update(dict.fromkeys(short_keys(count), 0))
    return {"jsonrpc": "2.0", "id": request_id, "method": "auth.login", "params": params}


def test_116000_unknown_keys_get_twenty_issues_and_their_count(client: httpx.Client) -> None:
    body = json.dumps(login_with_unknown_keys(116_000), separators=(",", ":")).encode()
    assert 900_000 < len(body) < 1_048_576  # the attack's size, under the body limit

    response = post_raw(client, body)

    assert response.status_code == 200
    assert len(response.content) < 10_000  # was 9.9 MB: one issue per key
    error = error_of(response.json(), INVALID_PARAMS, "INVALID_PARAMS")
    assert error["data"]["issueCount"] == 116_000
    issues = error["data"]["issues"]
    assert len(issues) == MAX_ISSUES
    assert [issue["path"] for issue in issues] == [[key] for key in short_keys(MAX_ISSUES)]
    assert {issue["type"] for issue in issues} == {"extra_forbidden"}
    assert error["message"] == "Invalid params: 0: Extra inputs are not permitted (and 115999 more)"


def test_small_calls_are_answered_while_a_huge_one_is_refused(
    client: httpx.Client, server: LiveServer
) -> None:
    body = json.dumps(login_with_unknown_keys(116_000), separators=(",", ":")).encode()
    small_answers: list[Any] = []

    def small_calls() -> None:
        with httpx.Client(base_url=server.url, timeout=30) as other:
            for index in range(20):
                small_answers.append(rpc_call(other, "auth.me", request_id=index)["result"])

    worker = threading.Thread(target=small_calls)
    worker.start()
    for _ in range(3):
        assert post_raw(client, body).status_code == 200
    worker.join(timeout=60)

    assert not worker.is_alive()
    assert small_answers == [None] * 20


def test_a_batch_of_100_calls_with_unknown_keys_gets_bounded_answers(
    client: httpx.Client,
) -> None:
    members = [login_with_unknown_keys(1_150, request_id=index) for index in range(100)]
    body = json.dumps(members, separators=(",", ":")).encode()
    assert len(body) < 1_048_576

    response = post_raw(client, body)

    assert response.status_code == 200
    assert len(response.content) < 100 * 3_000  # was 9.7 MB
    answers = response.json()
    assert [answer["id"] for answer in answers] == list(range(100))
    for answer in answers:
        error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
        assert len(error["data"]["issues"]) == MAX_ISSUES
        assert error["data"]["issueCount"] == 1_150


def test_unknown_keys_inside_a_nested_object_are_capped_too(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    v2ray: dict[str, Any] = {"protocol": "vless", "server": "a.example", "port": 443}
    fields = {"protocol", "server", "port", "uuid", "password", "cipher", "tls", "sni", "alpn"}
    unknown = [key for key in short_keys(100_100) if key not in fields][:100_000]
    v2ray.update(dict.fromkeys(unknown, 0))
    params = {"name": "n", "type": "V2RAY", "host": "a.example", "port": 1, "v2rayConfig": v2ray}

    answer = rpc_call(client, "proxy.create", params, user.token)

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert error["data"]["issueCount"] == 100_000
    assert [issue["path"] for issue in error["data"]["issues"]] == [
        ["v2rayConfig", key] for key in unknown[:MAX_ISSUES]
    ]


def test_a_huge_unknown_key_is_echoed_clipped(client: httpx.Client) -> None:
    huge = "k" * 500_000
    answer = rpc_call(client, "auth.login", {"email": "a@example.com", "password": "x", huge: 1})

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    clipped = "k" * MAX_ECHOED_CHARS + CUT_MARK
    assert [issue["path"] for issue in error["data"]["issues"]] == [[clipped]]
    assert error["message"] == f"Invalid params: {clipped}: Extra inputs are not permitted"


def test_a_huge_unknown_method_is_echoed_clipped(client: httpx.Client) -> None:
    huge = "m" * 500_000

    response = post_raw(client, json.dumps({"jsonrpc": "2.0", "id": 1, "method": huge}).encode())

    assert len(response.content) < 2_000
    error = error_of(response.json(), -32601, "METHOD_NOT_FOUND")
    clipped = "m" * MAX_ECHOED_CHARS + CUT_MARK
    assert error["message"] == f"Method not found: {clipped}"
    assert error["data"]["path"] == clipped


def test_nesting_past_the_parsers_depth_is_a_parse_error(client: httpx.Client) -> None:
    depth = 200_000
    response = post_raw(client, b"[" * depth + b"]" * depth)

    assert response.status_code == 200
    error_of(response.json(), PARSE_ERROR, "PARSE_ERROR")


def test_deeply_nested_params_are_invalid_params(client: httpx.Client) -> None:
    levels = 500  # 1,000 levels of nesting, within the parser's depth
    deep = '{"a":[' * levels + '"x"' + "]}" * levels
    body = '{"jsonrpc":"2.0","id":1,"method":"auth.login","params":{"email":%s,"password":"x"}}'

    response = post_raw(client, (body % deep).encode())

    error = error_of(response.json(), INVALID_PARAMS, "INVALID_PARAMS")
    assert [issue["path"] for issue in error["data"]["issues"]] == [["email"]]


# --- finding 3: a lone surrogate escape ----------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        rb'{"jsonrpc":"2.0","id":1,"method":"\ud800"}',
        rb'{"jsonrpc":"2.0","id":"\ud800","method":"auth.me"}',
        rb'{"jsonrpc":"2.0","id":1,"method":"auth.login","params":{"email":"\udc00","password":"x"}}',
    ],
)
def test_a_lone_surrogate_gets_a_json_rpc_parse_error(client: httpx.Client, body: bytes) -> None:
    response = post_raw(client, body)

    assert response.status_code == 200  # was 500 text/plain
    assert response.headers["content-type"] == "application/json"
    answer = response.json()
    assert answer["id"] is None
    error = error_of(answer, PARSE_ERROR, "PARSE_ERROR")
    assert "unpaired UTF-16 surrogate" in error["message"]


def test_a_batch_holding_a_lone_surrogate_runs_none_of_its_calls(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user(full_name="Before Batch")
    update = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "profile.updateProfile",
        "params": {"full_name": "After Batch", "email": user.email},
    }
    body = b"[" + json.dumps(update).encode() + rb',{"jsonrpc":"2.0","id":2,"method":"\ud800"}]'

    response = post_raw(client, body, Authorization=f"Bearer {user.token}")

    assert response.status_code == 200
    error_of(response.json(), PARSE_ERROR, "PARSE_ERROR")
    stored = load_user(server, user.id)
    assert stored is not None
    assert stored.full_name == "Before Batch"  # the mutation before it never ran


# --- finding 9: no redirect built from the Host header -------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/rpc/"), ("GET", "/healthz/"), ("GET", "/openrpc.json/"), ("POST", "/rpc//")],
)
def test_a_forged_host_is_never_a_redirect_target(
    client: httpx.Client, method: str, path: str
) -> None:
    response = client.request(
        method,
        path,
        content=b'{"jsonrpc":"2.0","id":1,"method":"auth.me"}',
        headers={**JSON, "Host": "attacker.example"},
    )

    assert response.status_code == 404  # was 307 to http://attacker.example/rpc
    assert "location" not in response.headers
    assert b"attacker.example" not in response.content


def test_the_endpoint_answers_with_a_forged_host(client: httpx.Client) -> None:
    response = client.post(
        "/rpc",
        json={"jsonrpc": "2.0", "id": 1, "method": "auth.me"},
        headers={"Host": "attacker.example"},
    )
    assert response.status_code == 200
    assert "location" not in response.headers
    assert response.json()["result"] is None


# --- an Authorization header without the Bearer scheme -------------------------------------

BEARER_REQUIRED = "Authorization scheme must be Bearer: send 'Authorization: Bearer <token>'"


def not_bearer_headers(user: Account) -> list[str]:
    return [
        user.token,  # a good token without its scheme was taken as one
        f"Basic {user.token}",
        f"Token {user.token}",
        f"Bearer{user.token}",
        "Bearer",
        "",
    ]


def test_a_scheme_other_than_bearer_is_a_refused_credential(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    for authorization in not_bearer_headers(user):
        answer = rpc_call(
            client, "profile.getCurrentUser", headers={"Authorization": authorization}
        )
        error = error_of(answer, UNAUTHORIZED, "UNAUTHORIZED")
        assert error["message"] == BEARER_REQUIRED, authorization


def test_auth_me_is_null_for_a_scheme_other_than_bearer(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    for authorization in not_bearer_headers(user):
        answer = rpc_call(client, "auth.me", headers={"Authorization": authorization})
        assert result_of(answer) is None, authorization


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_the_bearer_scheme_is_case_insensitive(
    client: httpx.Client, make_user: MakeUser, scheme: str
) -> None:
    user = make_user()

    answer = rpc_call(client, "auth.me", headers={"Authorization": f"{scheme}   {user.token}"})

    assert result_of(answer)["id"] == user.id
