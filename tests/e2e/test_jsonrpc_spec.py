"""The JSON-RPC 2.0 specification (section 7) and this server's wire rules, over real HTTP.

A uvicorn server runs the spec server (``tests/e2e/spec_server.py``) on a free local
port; every test sends a raw body with httpx and checks the raw answer. Params are by
name only (each procedure's input is a model with named fields), so the specification's
by-position examples answer -32602, and each has a by-name twin that answers what the
specification shows.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn

from rpc import ErrorCode
from tests.e2e.spec_server import SECRET_TEXT, SPEC_LIMITS, SpecState, create_app

CID = "e2e-correlation-id"
JSON_HEADERS = {"Content-Type": "application/json", "X-Correlation-ID": CID}
STANDARD_DATA_KEYS = {"code", "httpStatus", "path", "correlationId"}
OPTIONAL_DATA_KEYS = {"issues", "issueCount", "maxBatchSize", "maxBodyBytes"}


@dataclass(frozen=True)
class LiveServer:
    url: str
    state: SpecState
    openrpc: dict[str, Any]


@pytest.fixture(scope="module")
def live_server() -> Iterator[LiveServer]:
    app = create_app()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    _wait_until_answering(url, server)
    try:
        yield LiveServer(url=url, state=app.state.spec, openrpc=app.state.openrpc)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
    assert not thread.is_alive(), "uvicorn did not shut down"


def _wait_until_answering(url: str, server: uvicorn.Server) -> None:
    probe = '{"jsonrpc": "2.0", "method": "get_data", "id": 0}'
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if server.started:
            try:
                response = httpx.post(f"{url}/rpc", content=probe, headers=JSON_HEADERS)
            except httpx.TransportError:
                pass
            else:
                if response.status_code == 200:
                    return
        time.sleep(0.02)
    raise RuntimeError("the spec server did not start answering within 10 s")


@pytest.fixture
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=10) as http:
        yield http


@pytest.fixture
def state(live_server: LiveServer) -> SpecState:
    return live_server.state


def post(client: httpx.Client, body: str | bytes, **headers: str) -> httpx.Response:
    return client.post("/rpc", content=body, headers={**JSON_HEADERS, **headers})


def answer(client: httpx.Client, body: str | bytes) -> Any:
    """Post a body that must be processed: HTTP 200 with a JSON body."""
    response = post(client, body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def assert_no_answer(response: httpx.Response) -> None:
    assert response.status_code == 204
    assert response.content == b""


def assert_error(
    member: Any,
    code: ErrorCode,
    *,
    id: Any,
    path: str | None,
    message: str | None = None,
    correlation_id: str | None = CID,
) -> dict[str, Any]:
    """``member`` is an error response of exactly the one error shape (``code``, ``message``,
    ``data`` with ``code``, ``httpStatus``, ``path``, ``correlationId``); returns the error."""
    assert isinstance(member, dict)
    assert set(member) == {"jsonrpc", "error", "id"}
    assert member["jsonrpc"] == "2.0"
    assert member["id"] == id
    assert type(member["id"]) is type(id)
    error: dict[str, Any] = member["error"]
    assert set(error) == {"code", "message", "data"}
    assert error["code"] == code.number
    assert isinstance(error["message"], str)
    assert error["message"]
    if message is not None:
        assert error["message"] == message
    data = error["data"]
    assert STANDARD_DATA_KEYS <= set(data) <= STANDARD_DATA_KEYS | OPTIONAL_DATA_KEYS
    assert data["code"] == code.name
    assert data["httpStatus"] == code.http_status
    assert data["path"] == path
    assert data["correlationId"] == correlation_id
    if "issues" in data:
        assert code is ErrorCode.INVALID_PARAMS
        for issue in data["issues"]:
            assert set(issue) == {"path", "message", "type"}
    return error


def by_position_path(member: Any, method: str) -> str | None:
    """By-position params are refused before the method is looked up: path may be null."""
    path = member["error"]["data"]["path"]
    assert path in (None, method)
    return path  # type: ignore[no-any-return]


def success(result: Any, id: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "result": result, "id": id}


# --- section 7, one test per example ----------------------------------------------------


def test_spec_rpc_call_with_positional_parameters_42_23(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}'
    payload = answer(client, body)
    error = assert_error(
        payload, ErrorCode.INVALID_PARAMS, id=1, path=by_position_path(payload, "subtract")
    )
    assert "by name" in error["message"]


def test_spec_rpc_call_with_positional_parameters_23_42(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "subtract", "params": [23, 42], "id": 2}'
    payload = answer(client, body)
    error = assert_error(
        payload, ErrorCode.INVALID_PARAMS, id=2, path=by_position_path(payload, "subtract")
    )
    assert "by name" in error["message"]


def test_spec_rpc_call_with_positional_parameters_42_23_by_name(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": 1}'  # noqa: E501
    assert answer(client, body) == success(19, 1)


def test_spec_rpc_call_with_positional_parameters_23_42_by_name(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 23, "subtrahend": 42}, "id": 2}'  # noqa: E501
    assert answer(client, body) == success(-19, 2)


def test_spec_rpc_call_with_named_parameters_subtrahend_first(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}'  # noqa: E501
    assert answer(client, body) == success(19, 3)


def test_spec_rpc_call_with_named_parameters_minuend_first(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": 4}'  # noqa: E501
    assert answer(client, body) == success(19, 4)


def test_spec_notification_update(client: httpx.Client, state: SpecState) -> None:
    # By position: a notification must never be answered, not even with -32602; it is
    # not run either.
    before = list(state.updates.get("spec", []))
    body = '{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}'
    assert_no_answer(post(client, body))
    assert state.updates.get("spec", []) == before


def test_spec_notification_update_by_name_runs_without_answer(
    client: httpx.Client, state: SpecState
) -> None:
    body = '{"jsonrpc": "2.0", "method": "update", "params": {"values": [1,2,3,4,5], "key": "n1"}}'
    assert_no_answer(post(client, body))
    assert state.updates["n1"] == [[1, 2, 3, 4, 5]]
    seen = answer(
        client, '{"jsonrpc": "2.0", "method": "updates_seen", "params": {"key": "n1"}, "id": 1}'
    )
    assert seen == success([[1, 2, 3, 4, 5]], 1)


def test_spec_notification_foobar(client: httpx.Client) -> None:
    # A notification of a method that does not exist is not answered either.
    assert_no_answer(post(client, '{"jsonrpc": "2.0", "method": "foobar"}'))


def test_spec_rpc_call_of_non_existent_method(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "foobar", "id": "1"}'
    error = assert_error(answer(client, body), ErrorCode.METHOD_NOT_FOUND, id="1", path="foobar")
    assert error["message"].startswith("Method not found")


def test_spec_rpc_call_with_invalid_json(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]'
    assert_error(
        answer(client, body), ErrorCode.PARSE_ERROR, id=None, path=None, message="Parse error"
    )


def test_spec_rpc_call_with_invalid_request_object(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": 1, "params": "bar"}'
    assert_error(answer(client, body), ErrorCode.BAD_REQUEST, id=None, path=None)


def test_spec_rpc_call_batch_invalid_json(client: httpx.Client) -> None:
    body = """[
      {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
      {"jsonrpc": "2.0", "method"
    ]"""
    payload = answer(client, body)
    assert isinstance(payload, dict), "a parse error is one response, not an array"
    assert_error(payload, ErrorCode.PARSE_ERROR, id=None, path=None)


def test_spec_rpc_call_with_an_empty_array(client: httpx.Client) -> None:
    payload = answer(client, "[]")
    assert isinstance(payload, dict), "the empty array gets a single response, not an array"
    assert_error(payload, ErrorCode.BAD_REQUEST, id=None, path=None)


def test_spec_rpc_call_with_an_invalid_batch_but_not_empty(client: httpx.Client) -> None:
    payload = answer(client, "[1]")
    assert isinstance(payload, list)
    assert len(payload) == 1
    assert_error(payload[0], ErrorCode.BAD_REQUEST, id=None, path=None)


def test_spec_rpc_call_with_invalid_batch(client: httpx.Client) -> None:
    payload = answer(client, "[1,2,3]")
    assert isinstance(payload, list)
    assert len(payload) == 3
    for member in payload:
        assert_error(member, ErrorCode.BAD_REQUEST, id=None, path=None)


def test_spec_rpc_call_batch(client: httpx.Client, state: SpecState) -> None:
    # The specification's batch as written (by position): -32602 for the by-position
    # calls, no answer for the notification, and foo.get exists on this server.
    hellos_before = len(state.hellos)
    body = """[
        {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},
        {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},
        {"foo": "boo"},
        {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
        {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
    ]"""
    payload = answer(client, body)
    assert isinstance(payload, list)
    assert len(payload) == 5
    assert_error(
        payload[0], ErrorCode.INVALID_PARAMS, id="1", path=by_position_path(payload[0], "sum")
    )
    assert_error(
        payload[1], ErrorCode.INVALID_PARAMS, id="2", path=by_position_path(payload[1], "subtract")
    )
    assert_error(payload[2], ErrorCode.BAD_REQUEST, id=None, path=None)
    assert payload[3] == success({"name": "myself", "greeting": "Hello, myself!"}, "5")
    assert payload[4] == success(["hello", 5], "9")
    assert len(state.hellos) == hellos_before, "a by-position notification must not run"


def test_spec_rpc_call_batch_by_name(client: httpx.Client, state: SpecState) -> None:
    hellos_before = len(state.hellos)
    body = """[
        {"jsonrpc": "2.0", "method": "sum", "params": {"values": [1,2,4]}, "id": "1"},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": {"value": 7}},
        {"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": "2"},
        {"foo": "boo"},
        {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
        {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
    ]"""  # noqa: E501
    payload = answer(client, body)
    assert isinstance(payload, list)
    assert len(payload) == 5
    by_id = {member["id"]: member for member in payload}
    assert set(by_id) == {"1", "2", None, "5", "9"}, "the notification got no response"
    assert by_id["1"] == success(7, "1")
    assert by_id["2"] == success(19, "2")
    assert_error(by_id[None], ErrorCode.BAD_REQUEST, id=None, path=None)
    assert by_id["5"] == success({"name": "myself", "greeting": "Hello, myself!"}, "5")
    assert by_id["9"] == success(["hello", 5], "9")
    assert [member["id"] for member in payload] == ["1", "2", None, "5", "9"]
    assert state.hellos[hellos_before:] == [7], "the notification ran exactly once"


def test_spec_rpc_call_batch_all_notifications(client: httpx.Client, state: SpecState) -> None:
    sums_before = len(state.notified_sums)
    body = """[
        {"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}
    ]"""
    assert_no_answer(post(client, body))
    assert len(state.notified_sums) == sums_before


def test_spec_rpc_call_batch_all_notifications_by_name(
    client: httpx.Client, state: SpecState
) -> None:
    sums_before = len(state.notified_sums)
    hellos_before = len(state.hellos)
    body = """[
        {"jsonrpc": "2.0", "method": "notify_sum", "params": {"values": [1,2,4]}},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": {"value": 8}}
    ]"""
    assert_no_answer(post(client, body))
    assert state.notified_sums[sums_before:] == [7]
    assert state.hellos[hellos_before:] == [8]


# --- ids ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "request_id",
    ["1", "abc", "", "ünïcødé ✓", 0, 7, -3, 2**63 - 1, 1.5, -0.25, 1e300, None],
    ids=repr,
)
def test_id_is_echoed_unchanged(client: httpx.Client, request_id: Any) -> None:
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "subtract",
            "params": {"minuend": 5, "subtrahend": 3},
            "id": request_id,
        }
    )
    payload = answer(client, body)
    assert payload == success(2, request_id)
    assert type(payload["id"]) is type(request_id)


@pytest.mark.parametrize("request_id", ["1", 7, 2.5, None], ids=repr)
def test_id_is_echoed_unchanged_on_errors(client: httpx.Client, request_id: Any) -> None:
    body = json.dumps({"jsonrpc": "2.0", "method": "missing_thing", "id": request_id})
    assert_error(answer(client, body), ErrorCode.NOT_FOUND, id=request_id, path="missing_thing")


@pytest.mark.parametrize("raw_id", ["true", "false", '{"a": 1}', "[1]"])
def test_id_of_wrong_type_is_invalid_request_with_null_id(
    client: httpx.Client, raw_id: str
) -> None:
    body = f'{{"jsonrpc": "2.0", "method": "get_data", "id": {raw_id}}}'
    assert_error(answer(client, body), ErrorCode.BAD_REQUEST, id=None, path=None)


# orjson reads integers past 64 bits as floats and cannot write them: the transport
# must take an exact path for them (rpc/json_codec.py).


@pytest.mark.parametrize(
    "big_id", [2**64, 123456789012345678901234567890, -(2**63) - 1, -(10**40)], ids=repr
)
def test_id_beyond_64_bits_is_echoed_unchanged(client: httpx.Client, big_id: int) -> None:
    body = f'{{"jsonrpc": "2.0", "method": "get_data", "id": {big_id}}}'
    payload = json.loads(post(client, body).text)
    assert payload == success(["hello", 5], big_id)
    assert type(payload["id"]) is int


def test_json_value_param_beyond_64_bits_is_not_rounded(client: httpx.Client) -> None:
    big = 123456789012345678901234567890
    body = f'{{"jsonrpc": "2.0", "method": "echo", "params": {{"value": [{big}, -{big}, 1.5]}}, "id": 1}}'  # noqa: E501
    assert json.loads(post(client, body).text) == success([big, -big, 1.5], 1)


def test_int_param_beyond_64_bits_is_exact(client: httpx.Client) -> None:
    # 2**64 + 1 - 2**63 is 2**63 + 1; rounded through a float it would be 2**63.
    body = '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 18446744073709551617, "subtrahend": 9223372036854775808}, "id": 1}'  # noqa: E501
    assert json.loads(post(client, body).text) == success(2**63 + 1, 1)


def test_result_beyond_64_bits_does_not_sink_the_batch(client: httpx.Client) -> None:
    body = """[
        {"jsonrpc": "2.0", "method": "sum", "params": {"values": [18446744073709551615, 1]}, "id": 1},
        {"jsonrpc": "2.0", "method": "get_data", "id": 2}
    ]"""  # noqa: E501
    response = post(client, body)
    assert response.status_code == 200
    assert json.loads(response.text) == [success(2**64, 1), success(["hello", 5], 2)]


# --- envelope ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        '{"jsonrpc": "1.0", "method": "get_data", "id": 1}',
        '{"method": "get_data", "id": 1}',
        '{"jsonrpc": 2.0, "method": "get_data", "id": 1}',
        '{"jsonrpc": "2.0", "id": 1}',
        '{"jsonrpc": "2.0", "method": null, "id": 1}',
    ],
    ids=["jsonrpc-1.0", "jsonrpc-missing", "jsonrpc-number", "method-missing", "method-null"],
)
def test_bad_envelope_is_invalid_request(client: httpx.Client, body: str) -> None:
    # The id could be read, so it is echoed.
    assert_error(answer(client, body), ErrorCode.BAD_REQUEST, id=1, path=None)


@pytest.mark.parametrize("raw_params", ['"bar"', "42", "true", "null"])
def test_unstructured_params_are_invalid_request(client: httpx.Client, raw_params: str) -> None:
    body = f'{{"jsonrpc": "2.0", "method": "get_data", "params": {raw_params}, "id": 1}}'
    error = assert_error(answer(client, body), ErrorCode.BAD_REQUEST, id=1, path=None)
    assert "params" in error["message"]


def test_by_position_params_are_invalid_params(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "sum", "params": [1, 2, 4], "id": 1}'
    payload = answer(client, body)
    error = assert_error(
        payload, ErrorCode.INVALID_PARAMS, id=1, path=by_position_path(payload, "sum")
    )
    assert "by name" in error["message"]


def test_empty_by_position_params_are_invalid_params(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "get_data", "params": [], "id": 1}'
    payload = answer(client, body)
    assert_error(
        payload, ErrorCode.INVALID_PARAMS, id=1, path=by_position_path(payload, "get_data")
    )


def test_missing_params_mean_no_params(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "get_data", "params": {}, "id": 1}'
    assert answer(client, body) == success(["hello", 5], 1)


def test_unknown_request_member_is_invalid_request(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "get_data", "id": 1, "extra": true}'
    error = assert_error(answer(client, body), ErrorCode.BAD_REQUEST, id=1, path=None)
    assert "'extra'" in error["message"]


def test_null_id_is_a_call_not_a_notification(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "get_data", "id": null}'
    assert answer(client, body) == success(["hello", 5], None)


@pytest.mark.parametrize("raw", ['"a string"', "42", "null", "true", "{}"])
def test_non_request_json_is_invalid_request(client: httpx.Client, raw: str) -> None:
    assert_error(answer(client, raw), ErrorCode.BAD_REQUEST, id=None, path=None)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   ",
        b"\xff\xfe{}",
        b'{"a": NaN}',
        b"[Infinity]",
        b"[-Infinity]",
        b"[1e400]",
        b"[-1e400]",
        b"[1,]",
        b'{"jsonrpc": "2.0", "method": "get_data", "id": 12345678901234567890123,}',
        b'{"jsonrpc": "2.0", "method": "get_data", "id": 12345678901234567890123',
        b'{"id": 12345678901234567890123, "x": NaN}',
        b"\xff 12345678901234567890123",
    ],
)
def test_unparsable_body_is_parse_error(client: httpx.Client, body: bytes) -> None:
    assert_error(answer(client, body), ErrorCode.PARSE_ERROR, id=None, path=None)


# A lone surrogate escape is valid JSON grammar but no Unicode text: no answer echoing it
# could be written as UTF-8. The body is refused whole, before anything in it runs.
UNPAIRED_SURROGATE_MESSAGE = (
    "Parse error: a string holds an unpaired UTF-16 surrogate escape (such as \\ud800), "
    "which is not a Unicode character"
)


@pytest.mark.parametrize(
    "body",
    [
        rb'{"jsonrpc": "2.0", "id": 1, "method": "\ud800"}',
        rb'{"jsonrpc": "2.0", "id": "\udfff", "method": "get_data"}',
        rb'{"jsonrpc": "2.0", "id": 1, "method": "echo", "params": {"value": "a\uDC00b"}}',
        rb'{"jsonrpc": "2.0", "id": 1, "method": "echo", "params": {"\ud800": 1}}',
        rb'{"jsonrpc": "2.0", "id": 1, "method": "echo", "params": {"value": "\udc00\ud800"}}',
        rb'{"jsonrpc": "2.0", "method": "echo", "params": {"value": "\ud800"}}',
        # The standard library's path (an id past 64 bits) refuses it too.
        rb'{"jsonrpc": "2.0", "id": 123456789012345678901234567890, "method": "\ud800"}',
    ],
)
def test_a_lone_surrogate_anywhere_is_a_parse_error(client: httpx.Client, body: bytes) -> None:
    assert_error(
        answer(client, body),
        ErrorCode.PARSE_ERROR,
        id=None,
        path=None,
        message=UNPAIRED_SURROGATE_MESSAGE,
    )


def test_a_batch_with_a_lone_surrogate_is_refused_before_any_member_runs(
    client: httpx.Client, state: SpecState
) -> None:
    body = (
        rb'[{"jsonrpc": "2.0", "id": 1, "method": "append",'
        rb' "params": {"key": "surrogate-batch", "item": "ran"}},'
        rb' {"jsonrpc": "2.0", "id": 2, "method": "\ud800"}]'
    )

    payload = answer(client, body)

    assert_error(
        payload, ErrorCode.PARSE_ERROR, id=None, path=None, message=UNPAIRED_SURROGATE_MESSAGE
    )
    assert "surrogate-batch" not in state.lists


def test_an_escaped_surrogate_pair_is_one_character(client: httpx.Client) -> None:
    body = rb'{"jsonrpc": "2.0", "id": "\ud83d\ude00", "method": "echo", "params": {"value": "\uD83D\uDE00"}}'  # noqa: E501
    assert answer(client, body) == success("\U0001f600", "\U0001f600")


def test_a_backslash_before_u_d800_is_plain_text(client: httpx.Client) -> None:
    body = rb'{"jsonrpc": "2.0", "id": 1, "method": "echo", "params": {"value": "\\ud800"}}'
    assert answer(client, body) == success("\\ud800", 1)


# --- params validation ---------------------------------------------------------------------


def test_misspelt_param_is_invalid_params_naming_the_field(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahnd": 23}, "id": 1}'  # noqa: E501
    error = assert_error(answer(client, body), ErrorCode.INVALID_PARAMS, id=1, path="subtract")
    issues = error["data"]["issues"]
    assert sorted(issues, key=lambda issue: issue["path"]) == [
        {"path": ["subtrahend"], "message": "Field required", "type": "missing"},
        {
            "path": ["subtrahnd"],
            "message": "Extra inputs are not permitted",
            "type": "extra_forbidden",
        },
    ]
    assert error["message"].startswith("Invalid params: ")
    assert "subtrahend" in error["message"] or "subtrahnd" in error["message"]


def test_unknown_param_is_invalid_params_even_when_the_rest_is_valid(
    client: httpx.Client,
) -> None:
    body = '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23, "verbose": true}, "id": 1}'  # noqa: E501
    error = assert_error(answer(client, body), ErrorCode.INVALID_PARAMS, id=1, path="subtract")
    assert error["data"]["issues"] == [
        {
            "path": ["verbose"],
            "message": "Extra inputs are not permitted",
            "type": "extra_forbidden",
        }
    ]


def _unknown_keys(count: int) -> dict[str, int]:
    return {f"k{index}": index for index in range(count)}


def test_an_error_lists_twenty_issues_and_counts_them_all(client: httpx.Client) -> None:
    # Within the member limit (2 fields + 20): the model's own issues, cut at 20.
    body = json.dumps(
        {"jsonrpc": "2.0", "method": "subtract", "params": _unknown_keys(20), "id": 1}
    )

    error = assert_error(answer(client, body), ErrorCode.INVALID_PARAMS, id=1, path="subtract")

    assert error["data"]["issueCount"] == 22
    issues = error["data"]["issues"]
    assert len(issues) == 20
    assert [issue["path"] for issue in issues[:3]] == [["minuend"], ["subtrahend"], ["k0"]]
    assert error["message"] == "Invalid params: minuend: Field required (and 21 more)"


def test_many_unknown_members_are_refused_before_the_call_runs(client: httpx.Client) -> None:
    # guarded takes no params (limit: 20 unknown members); its middleware would say
    # "Sign in first", but params this far off are refused before the call runs.
    body = json.dumps({"jsonrpc": "2.0", "method": "guarded", "params": _unknown_keys(25), "id": 7})

    error = assert_error(answer(client, body), ErrorCode.INVALID_PARAMS, id=7, path="guarded")

    assert error["data"]["issueCount"] == 25
    assert [issue["path"] for issue in error["data"]["issues"]] == [
        [f"k{index}"] for index in range(20)
    ]
    assert {issue["type"] for issue in error["data"]["issues"]} == {"extra_forbidden"}
    assert error["message"] == "Invalid params: k0: Extra inputs are not permitted (and 24 more)"


def test_a_notification_with_many_unknown_members_gets_no_answer(
    client: httpx.Client, state: SpecState
) -> None:
    params = {"key": "oversized-notification", "item": "x", **_unknown_keys(30)}
    body = json.dumps({"jsonrpc": "2.0", "method": "append", "params": params})

    assert_no_answer(post(client, body))
    assert "oversized-notification" not in state.lists


def test_wrong_type_is_invalid_params_naming_the_field(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": "forty-two", "subtrahend": 23}, "id": 1}'  # noqa: E501
    error = assert_error(answer(client, body), ErrorCode.INVALID_PARAMS, id=1, path="subtract")
    assert error["data"]["issues"] == [
        {
            "path": ["minuend"],
            "message": "Input should be a valid integer, unable to parse string as an integer",
            "type": "int_parsing",
        }
    ]
    assert error["message"] == (
        "Invalid params: minuend: Input should be a valid integer, "
        "unable to parse string as an integer"
    )


def test_wrong_type_deep_in_params_names_the_full_path(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "sum", "params": {"values": [1, 2, "x"]}, "id": 1}'
    error = assert_error(answer(client, body), ErrorCode.INVALID_PARAMS, id=1, path="sum")
    assert [(i["path"], i["type"]) for i in error["data"]["issues"]] == [
        (["values", 2], "int_parsing")
    ]


def test_param_named_ctx_is_an_ordinary_unknown_param(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 1, "subtrahend": 1, "ctx": 1}, "id": 1}'  # noqa: E501
    payload = answer(client, body)
    assert "got multiple values" not in json.dumps(payload)
    error = assert_error(payload, ErrorCode.INVALID_PARAMS, id=1, path="subtract")
    assert error["data"]["issues"] == [
        {"path": ["ctx"], "message": "Extra inputs are not permitted", "type": "extra_forbidden"}
    ]


# --- errors from procedures -------------------------------------------------------------------


def test_unexpected_exception_is_internal_error_without_its_text(client: httpx.Client) -> None:
    response = post(client, '{"jsonrpc": "2.0", "method": "explode", "id": 1}')
    assert response.status_code == 200
    assert SECRET_TEXT not in response.text
    assert "RuntimeError" not in response.text
    assert "Traceback" not in response.text
    assert_error(
        response.json(),
        ErrorCode.INTERNAL_SERVER_ERROR,
        id=1,
        path="explode",
        message="Internal server error",
    )


def test_declared_rpc_error_keeps_its_code_message_and_data(client: httpx.Client) -> None:
    payload = answer(client, '{"jsonrpc": "2.0", "method": "missing_thing", "id": 1}')
    assert payload == {
        "jsonrpc": "2.0",
        "error": {
            "code": -32004,
            "message": "Thing not found",
            "data": {
                "code": "NOT_FOUND",
                "httpStatus": 404,
                "path": "missing_thing",
                "correlationId": CID,
            },
        },
        "id": 1,
    }


def test_output_not_matching_its_type_is_internal_error(client: httpx.Client) -> None:
    response = post(client, '{"jsonrpc": "2.0", "method": "bad_output", "id": 1}')
    assert response.status_code == 200
    assert "not a number" not in response.text
    assert_error(
        response.json(),
        ErrorCode.INTERNAL_SERVER_ERROR,
        id=1,
        path="bad_output",
        message="Internal server error",
    )


def test_middleware_error_has_the_same_shape(client: httpx.Client) -> None:
    body = '{"jsonrpc": "2.0", "method": "guarded", "id": 1}'
    assert_error(
        answer(client, body), ErrorCode.UNAUTHORIZED, id=1, path="guarded", message="Sign in first"
    )
    response = post(client, body, Authorization="Bearer let-me-in")
    assert response.json() == success("welcome", 1)


# --- rpc.discover --------------------------------------------------------------------------------


def test_rpc_discover_returns_the_openrpc_document(
    client: httpx.Client, live_server: LiveServer
) -> None:
    payload = answer(client, '{"jsonrpc": "2.0", "method": "rpc.discover", "id": 1}')
    assert set(payload) == {"jsonrpc", "result", "id"}
    document = payload["result"]
    assert document == json.loads(json.dumps(live_server.openrpc))
    assert document["openrpc"] == "1.3.2"
    names = {method["name"] for method in document["methods"]}
    assert {"subtract", "sum", "foo.get", "whoami", "explode"} <= names
    assert not any(name.startswith("rpc.") for name in names)


def test_rpc_discover_inside_a_batch(client: httpx.Client) -> None:
    body = """[
        {"jsonrpc": "2.0", "method": "rpc.discover", "id": 1},
        {"jsonrpc": "2.0", "method": "get_data", "id": 2}
    ]"""
    payload = answer(client, body)
    assert payload[0]["id"] == 1
    assert payload[0]["result"]["openrpc"] == "1.3.2"
    assert payload[1] == success(["hello", 5], 2)


# --- limits ------------------------------------------------------------------------------------


def _append_batch(key: str, count: int) -> str:
    members = [
        {"jsonrpc": "2.0", "method": "append", "params": {"key": key, "item": str(i)}, "id": i}
        for i in range(count)
    ]
    return json.dumps(members)


def test_batch_over_max_batch_size_is_refused_whole(client: httpx.Client, state: SpecState) -> None:
    limit = SPEC_LIMITS.max_batch_size
    payload = answer(client, _append_batch("too-many", limit + 1))
    assert isinstance(payload, dict), "refused whole: one error, not an array"
    error = assert_error(payload, ErrorCode.BAD_REQUEST, id=None, path=None)
    assert str(limit) in error["message"]
    assert error["data"]["maxBatchSize"] == limit
    assert "too-many" not in state.lists, "no member of a refused batch may run"


def test_batch_of_exactly_max_batch_size_is_served(client: httpx.Client, state: SpecState) -> None:
    limit = SPEC_LIMITS.max_batch_size
    payload = answer(client, _append_batch("at-limit", limit))
    assert [member["id"] for member in payload] == list(range(limit))
    assert state.lists["at-limit"] == [str(i) for i in range(limit)]


def _padded(body: str, size: int) -> bytes:
    raw = body.encode()
    assert len(raw) <= size
    return raw + b" " * (size - len(raw))


APPEND_BIG = '{"jsonrpc": "2.0", "method": "append", "params": {"key": "%s", "item": "x"}, "id": 1}'


def _assert_payload_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413
    error = assert_error(response.json(), ErrorCode.PAYLOAD_TOO_LARGE, id=None, path=None)
    assert error["data"]["maxBodyBytes"] == SPEC_LIMITS.max_body_bytes


def test_body_over_max_body_bytes_is_refused(client: httpx.Client, state: SpecState) -> None:
    body = _padded(APPEND_BIG % "big-declared", SPEC_LIMITS.max_body_bytes + 1)
    response = post(client, body)
    assert response.request.headers["content-length"] == str(len(body))
    _assert_payload_too_large(response)
    assert "big-declared" not in state.lists


def test_body_of_exactly_max_body_bytes_is_served(client: httpx.Client) -> None:
    body = _padded('{"jsonrpc": "2.0", "method": "get_data", "id": 1}', SPEC_LIMITS.max_body_bytes)
    assert answer(client, body) == success(["hello", 5], 1)


def test_declared_content_length_over_the_limit_is_refused_before_reading(
    live_server: LiveServer,
) -> None:
    # Raw socket: the header promises a megabyte that never comes. The server must answer
    # from the header alone instead of waiting for (or buffering) the body.
    host, port = live_server.url.removeprefix("http://").split(":")
    head = (
        "POST /rpc HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\n"
        "Content-Type: application/json\r\n"
        f"X-Correlation-ID: {CID}\r\n"
        "Content-Length: 1000000\r\n"
        "\r\n"
        '{"jsonrpc": "2.0"'
    )
    with socket.create_connection((host, int(port)), timeout=5) as conn:
        conn.sendall(head.encode())
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = conn.recv(65536)
            assert chunk, "connection closed before a response"
            received += chunk
        headers, _, body = received.partition(b"\r\n\r\n")
        assert headers.startswith(b"HTTP/1.1 413 ")
        length = int(
            next(
                line.split(b":", 1)[1]
                for line in headers.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
        )
        while len(body) < length:
            chunk = conn.recv(65536)
            assert chunk, "connection closed mid-body"
            body += chunk
    payload = json.loads(body)
    assert payload["error"]["data"]["code"] == "PAYLOAD_TOO_LARGE"
    assert payload["error"]["data"]["correlationId"] == CID


def _chunks(data: bytes, size: int = 1000) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_chunked_body_over_max_body_bytes_is_refused(
    client: httpx.Client, state: SpecState
) -> None:
    body = _padded(APPEND_BIG % "big-chunked", SPEC_LIMITS.max_body_bytes + 1)
    response = client.post("/rpc", content=_chunks(body), headers=JSON_HEADERS)
    assert "content-length" not in response.request.headers
    assert response.request.headers["transfer-encoding"] == "chunked"
    _assert_payload_too_large(response)
    assert "big-chunked" not in state.lists


def test_chunked_body_within_limit_is_served(client: httpx.Client) -> None:
    body = _padded('{"jsonrpc": "2.0", "method": "get_data", "id": 1}', 3000)
    response = client.post("/rpc", content=_chunks(body, 100), headers=JSON_HEADERS)
    assert "content-length" not in response.request.headers
    assert response.status_code == 200
    assert response.json() == success(["hello", 5], 1)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_non_json_content_type_is_unsupported_media_type(
    client: httpx.Client, content_type: str | None
) -> None:
    headers = {"X-Correlation-ID": CID}
    if content_type is not None:
        headers["Content-Type"] = content_type
    body = '{"jsonrpc": "2.0", "method": "get_data", "id": 1}'
    response = client.post("/rpc", content=body, headers=headers)
    assert response.status_code == 415
    assert_error(response.json(), ErrorCode.UNSUPPORTED_MEDIA_TYPE, id=None, path=None)


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "Application/JSON"])
def test_json_content_type_with_parameters_is_accepted(
    client: httpx.Client, content_type: str
) -> None:
    body = '{"jsonrpc": "2.0", "method": "get_data", "id": 1}'
    response = client.post("/rpc", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 200
    assert response.json() == success(["hello", 5], 1)


# --- HTTP status, order, concurrency, context ---------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        '{"jsonrpc": "2.0", "method": "get_data", "id": 1}',
        "{not json",
        "[]",
        "[1]",
        '{"jsonrpc": "1.0", "method": "get_data", "id": 1}',
        '{"jsonrpc": "2.0", "method": "nope", "id": 1}',
        '{"jsonrpc": "2.0", "method": "sum", "params": [1], "id": 1}',
        '{"jsonrpc": "2.0", "method": "sum", "params": {"values": "x"}, "id": 1}',
        '{"jsonrpc": "2.0", "method": "explode", "id": 1}',
        '{"jsonrpc": "2.0", "method": "bad_output", "id": 1}',
        '{"jsonrpc": "2.0", "method": "missing_thing", "id": 1}',
        '{"jsonrpc": "2.0", "method": "guarded", "id": 1}',
        _append_batch("status-over-limit", SPEC_LIMITS.max_batch_size + 1),
    ],
)
def test_every_processed_body_is_http_200(client: httpx.Client, body: str) -> None:
    response = post(client, body)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert isinstance(response.json(), dict | list)


def test_batch_responses_come_back_in_request_order(client: httpx.Client) -> None:
    # The first query takes longest: answered by completion, the order would reverse.
    delays = [120, 80, 40, 0]
    members = [
        {
            "jsonrpc": "2.0",
            "method": "slow_echo",
            "params": {"value": i, "delay_ms": d},
            "id": f"q{i}",
        }
        for i, d in enumerate(delays)
    ]
    payload = answer(client, json.dumps(members))
    assert payload == [success(i, f"q{i}") for i in range(len(delays))]


def test_mutations_in_a_batch_run_one_after_another_in_array_order(
    client: httpx.Client, state: SpecState
) -> None:
    # Each append sleeps before it reads the list: run at once, the later ones would
    # finish first.
    members = [
        {
            "jsonrpc": "2.0",
            "method": "append",
            "params": {"key": "order", "item": item, "delay_ms": delay},
            "id": item,
        }
        for item, delay in [("a", 120), ("b", 0), ("c", 60), ("d", 0)]
    ]
    payload = answer(client, json.dumps(members))
    assert payload == [
        success(["a"], "a"),
        success(["a", "b"], "b"),
        success(["a", "b", "c"], "c"),
        success(["a", "b", "c", "d"], "d"),
    ]
    assert state.lists["order"] == ["a", "b", "c", "d"]


def test_queries_between_mutations_see_the_mutations_before_them(
    client: httpx.Client,
) -> None:
    members = [
        {"jsonrpc": "2.0", "method": "read", "params": {"key": "mixed"}, "id": 1},
        {
            "jsonrpc": "2.0",
            "method": "append",
            "params": {"key": "mixed", "item": "a", "delay_ms": 50},
            "id": 2,
        },
        {"jsonrpc": "2.0", "method": "read", "params": {"key": "mixed"}, "id": 3},
        {"jsonrpc": "2.0", "method": "append", "params": {"key": "mixed", "item": "b"}, "id": 4},
        {"jsonrpc": "2.0", "method": "read", "params": {"key": "mixed"}, "id": 5},
    ]
    payload = answer(client, json.dumps(members))
    assert payload == [
        success([], 1),
        success(["a"], 2),
        success(["a"], 3),
        success(["a", "b"], 4),
        success(["a", "b"], 5),
    ]


def test_context_is_built_once_per_http_request_and_shared_by_the_batch(
    client: httpx.Client, state: SpecState
) -> None:
    before = state.contexts_built
    members = [
        {"jsonrpc": "2.0", "method": "whoami", "id": 1},
        {"jsonrpc": "2.0", "method": "append", "params": {"key": "ctx", "item": "x"}, "id": 2},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": {"value": 1}},
        {"jsonrpc": "2.0", "method": "whoami", "id": 3},
        {"jsonrpc": "2.0", "method": "whoami", "id": 4},
    ]
    payload = answer(client, json.dumps(members))
    assert state.contexts_built == before + 1
    serials = {member["result"]["serial"] for member in payload if member["id"] != 2}
    assert serials == {before + 1}
    again = answer(client, '{"jsonrpc": "2.0", "method": "whoami", "id": 1}')
    assert again["result"]["serial"] == before + 2
    assert state.contexts_built == before + 2


def test_middlewares_extend_the_context_in_order(client: httpx.Client) -> None:
    payload = answer(client, '{"jsonrpc": "2.0", "method": "whoami", "id": 1}')
    assert payload["result"]["trace"] == ["outer", "inner"]
    assert payload["result"]["correlation_id"] == CID


def test_correlation_id_is_echoed_in_every_error(client: httpx.Client) -> None:
    for body in ["{bad", '{"jsonrpc": "2.0", "method": "nope", "id": 1}', "[]"]:
        response = post(client, body, **{"X-Correlation-ID": "abc-123"})
        assert response.json()["error"]["data"]["correlationId"] == "abc-123"


def test_one_bad_member_never_sinks_the_batch(client: httpx.Client) -> None:
    body = """[
        {"jsonrpc": "2.0", "method": "explode", "id": 1},
        {"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": 2},
        {"jsonrpc": "2.0", "method": "bad_output", "id": 3},
        {"jsonrpc": "1.0", "method": "get_data", "id": 4},
        {"jsonrpc": "2.0", "method": "nope", "id": 5},
        {"jsonrpc": "2.0", "method": "sum", "params": [1, 2], "id": 6},
        {"jsonrpc": "2.0", "method": "sum", "params": {"values": "x"}, "id": 7},
        {"jsonrpc": "2.0", "method": "get_data", "id": true},
        {"jsonrpc": "2.0", "method": "missing_thing", "id": 9},
        {"jsonrpc": "2.0", "method": "get_data", "id": 10}
    ]"""  # noqa: E501
    payload = answer(client, body)
    assert len(payload) == 10
    assert_error(payload[0], ErrorCode.INTERNAL_SERVER_ERROR, id=1, path="explode")
    assert payload[1] == success(19, 2)
    assert_error(payload[2], ErrorCode.INTERNAL_SERVER_ERROR, id=3, path="bad_output")
    assert_error(payload[3], ErrorCode.BAD_REQUEST, id=4, path=None)
    assert_error(payload[4], ErrorCode.METHOD_NOT_FOUND, id=5, path="nope")
    assert_error(
        payload[5], ErrorCode.INVALID_PARAMS, id=6, path=by_position_path(payload[5], "sum")
    )
    assert_error(payload[6], ErrorCode.INVALID_PARAMS, id=7, path="sum")
    assert_error(payload[7], ErrorCode.BAD_REQUEST, id=None, path=None)
    assert_error(payload[8], ErrorCode.NOT_FOUND, id=9, path="missing_thing")
    assert payload[9] == success(["hello", 5], 10)
    assert SECRET_TEXT not in json.dumps(payload)


ERROR_BODIES: list[tuple[str, ErrorCode]] = [
    ("{bad", ErrorCode.PARSE_ERROR),
    ("[]", ErrorCode.BAD_REQUEST),
    ('{"jsonrpc": "2.0", "method": "nope", "id": 1}', ErrorCode.METHOD_NOT_FOUND),
    (
        '{"jsonrpc": "2.0", "method": "sum", "params": {"values": 1}, "id": 1}',
        ErrorCode.INVALID_PARAMS,
    ),
    ('{"jsonrpc": "2.0", "method": "explode", "id": 1}', ErrorCode.INTERNAL_SERVER_ERROR),
    ('{"jsonrpc": "2.0", "method": "missing_thing", "id": 1}', ErrorCode.NOT_FOUND),
    ('{"jsonrpc": "2.0", "method": "guarded", "id": 1}', ErrorCode.UNAUTHORIZED),
    (_append_batch("shape-over-limit", SPEC_LIMITS.max_batch_size + 1), ErrorCode.BAD_REQUEST),
]


@pytest.mark.parametrize(("body", "code"), ERROR_BODIES, ids=[c.name for _, c in ERROR_BODIES])
def test_every_error_has_exactly_the_design_shape(
    client: httpx.Client, body: str, code: ErrorCode
) -> None:
    payload = answer(client, body)
    error = payload["error"]
    assert set(error) == {"code", "message", "data"}
    assert error["code"] == code.number
    data = error["data"]
    assert STANDARD_DATA_KEYS <= set(data) <= STANDARD_DATA_KEYS | OPTIONAL_DATA_KEYS
    assert (data["code"], data["httpStatus"]) == (code.name, code.http_status)
    assert ErrorCode.from_number(error["code"]).name == data["code"]
    assert data["correlationId"] == CID
    assert data["path"] is None or isinstance(data["path"], str)
