"""Property tests of the transport: any JSON in, a well-formed JSON-RPC answer out.

The spec server runs in-process (httpx.ASGITransport). For any JSON value sent as the
whole body, or as the ``params`` of a procedure, the answer is well formed: the right
responses with the right ids in request order, each either a result or an error of
the one error shape (``data`` with ``code``, ``httpStatus``, ``path``, ``correlationId``),
and never -32603 (nothing the client sends may crash the server).

Integers are unbounded (JSON has no limit; orjson has one at 64 bits).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rpc import ErrorCode
from tests.e2e.spec_server import SPEC_LIMITS, create_app

CID = "property-cid"
HEADERS = {"Content-Type": "application/json", "X-Correlation-ID": CID}
APP = create_app()

# Procedures whose every answer must be well formed; explode and bad_output fail on
# purpose, and append/slow_echo sleep for as long as they are told.
METHODS = [
    "subtract",
    "sum",
    "update",
    "updates_seen",
    "get_data",
    "notify_hello",
    "notify_sum",
    "foo.get",
    "read",
    "whoami",
    "missing_thing",
    "guarded",
    "echo",
    "rpc.discover",
    "nope",
    "foo",
    "rpc.nope",
]
FIELD_NAMES = ["minuend", "subtrahend", "values", "key", "value", "name", "params", "id"]

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=10,
)
param_keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=8)
param_objects = st.dictionaries(param_keys, json_values, max_size=4)
ids = (
    st.text(max_size=6)
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.none()
)
request_objects = st.fixed_dictionaries(
    {},
    optional={
        "jsonrpc": st.just("2.0") | json_values,
        "method": st.sampled_from(METHODS) | json_values,
        "params": param_objects | json_values,
        "id": ids | json_values,
        "extra": json_values,
    },
)
members = request_objects | json_values
bodies = members | st.lists(members, max_size=SPEC_LIMITS.max_batch_size + 2)


def exchange(payload: Any) -> httpx.Response:
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=APP)
        async with httpx.AsyncClient(transport=transport, base_url="http://spec") as client:
            return await client.post("/rpc", content=json.dumps(payload), headers=HEADERS)

    return asyncio.run(send())


def _valid_id(value: Any) -> bool:
    return value is None or (isinstance(value, str | int | float) and not isinstance(value, bool))


_MISSING = object()


def expected_id(member: Any) -> Any:
    """The id of the response this member must get, or _MISSING for none (JSON-RPC 4.1)."""
    if not isinstance(member, dict):
        return None
    if "id" in member:
        return member["id"] if _valid_id(member["id"]) else None
    params = member.get("params", {})
    is_valid_notification = (
        member.get("jsonrpc") == "2.0"
        and isinstance(member.get("method"), str)
        and set(member) <= {"jsonrpc", "method", "params"}
        and isinstance(params, dict | list)
    )
    # A notification is never answered; an invalid request is, with a null id.
    return _MISSING if is_valid_notification else None


def assert_well_formed(member: Any, request_id: Any) -> None:
    assert isinstance(member, dict)
    assert member["jsonrpc"] == "2.0"
    assert member["id"] == request_id
    assert type(member["id"]) is type(request_id)
    if "result" in member:
        assert set(member) == {"jsonrpc", "result", "id"}
        return
    assert set(member) == {"jsonrpc", "error", "id"}
    error = member["error"]
    assert set(error) == {"code", "message", "data"}
    assert error["code"] != ErrorCode.INTERNAL_SERVER_ERROR.number, error
    code = ErrorCode.from_number(error["code"])
    assert isinstance(error["message"], str)
    assert error["message"]
    data = error["data"]
    assert {"code", "httpStatus", "path", "correlationId"} <= set(data)
    optional = {"issues", "issueCount", "maxBatchSize", "maxBodyBytes"}
    assert set(data) <= {"code", "httpStatus", "path", "correlationId"} | optional
    assert (data["code"], data["httpStatus"]) == (code.name, code.http_status)
    assert data["correlationId"] == CID
    for issue in data.get("issues", []):
        assert set(issue) == {"path", "message", "type"}


def check_answer(payload: Any, response: httpx.Response) -> None:
    if len(json.dumps(payload).encode()) > SPEC_LIMITS.max_body_bytes:
        # Refused before it is read as JSON-RPC, with its own HTTP status.
        assert response.status_code == 413
        refused = response.json()
        assert_well_formed(refused, None)
        assert refused["error"]["code"] == ErrorCode.PAYLOAD_TOO_LARGE.number
        return
    if isinstance(payload, list) and (not payload or len(payload) > SPEC_LIMITS.max_batch_size):
        assert response.status_code == 200
        single = response.json()
        assert_well_formed(single, None)
        assert single["error"]["code"] == ErrorCode.BAD_REQUEST.number
        return
    batch = payload if isinstance(payload, list) else [payload]
    expected = [expected_id(member) for member in batch]
    expected = [request_id for request_id in expected if request_id is not _MISSING]
    if not expected:
        assert response.status_code == 204
        assert response.content == b""
        return
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    answer = response.json()
    if isinstance(payload, list):
        assert isinstance(answer, list)
        assert len(answer) == len(expected)
        for member, request_id in zip(answer, expected, strict=True):
            assert_well_formed(member, request_id)
    else:
        assert_well_formed(answer, expected[0])


PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(bodies)
def test_any_json_body_gets_a_well_formed_answer(payload: Any) -> None:
    check_answer(payload, exchange(payload))


@PROPERTY_SETTINGS
@given(
    method=st.sampled_from(METHODS),
    params=param_objects | json_values,
    request_id=st.just(_MISSING) | ids,
)
def test_any_json_params_get_a_well_formed_answer(
    method: str, params: Any, request_id: Any
) -> None:
    request: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
    if request_id is not _MISSING:
        request["id"] = request_id
    check_answer(request, exchange(request))


@PROPERTY_SETTINGS
@given(value=json_values, request_id=ids)
def test_echo_returns_any_json_value_unchanged(value: Any, request_id: Any) -> None:
    request = {"jsonrpc": "2.0", "method": "echo", "params": {"value": value}, "id": request_id}
    response = exchange(request)
    assert response.status_code == 200
    assert response.json() == {"jsonrpc": "2.0", "result": value, "id": request_id}


@PROPERTY_SETTINGS
@given(
    minuend=st.integers(),
    subtrahend=st.integers(),
)
def test_subtract_by_name_in_either_order(minuend: int, subtrahend: int) -> None:
    batch = [
        {
            "jsonrpc": "2.0",
            "method": "subtract",
            "params": {"minuend": minuend, "subtrahend": subtrahend},
            "id": 1,
        },
        {
            "jsonrpc": "2.0",
            "method": "subtract",
            "params": {"subtrahend": subtrahend, "minuend": minuend},
            "id": 2,
        },
    ]
    assert exchange(batch).json() == [
        {"jsonrpc": "2.0", "result": minuend - subtrahend, "id": 1},
        {"jsonrpc": "2.0", "result": minuend - subtrahend, "id": 2},
    ]
