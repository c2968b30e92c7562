"""The one error model: keys, JSON-RPC numbers, HTTP statuses and the error shape."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rpc import CorrelationIdFilter, ErrorCode, Issue, RpcError
from rpc.correlation import reset_correlation_id, set_correlation_id
from rpc.errors import MAX_ECHOED_CHARS, MAX_ISSUES, clipped, rpc_error_from_unknown

# The error table, key -> (JSON-RPC number, HTTP status): tRPC's keys and statuses, each
# key with a number of its own (docs/decisions.md, "Error keys for the JSON-RPC protocol
# errors"), so clients can switch on ``data.code`` and an error round-trips.
ERROR_TABLE: dict[str, tuple[int, int]] = {
    "PARSE_ERROR": (-32700, 400),
    "BAD_REQUEST": (-32600, 400),
    "METHOD_NOT_FOUND": (-32601, 404),
    "INVALID_PARAMS": (-32602, 400),
    "INTERNAL_SERVER_ERROR": (-32603, 500),
    "UNAUTHORIZED": (-32001, 401),
    "FORBIDDEN": (-32003, 403),
    "NOT_FOUND": (-32004, 404),
    "METHOD_NOT_SUPPORTED": (-32005, 405),
    "TIMEOUT": (-32008, 408),
    "CONFLICT": (-32009, 409),
    "PRECONDITION_FAILED": (-32012, 412),
    "PAYLOAD_TOO_LARGE": (-32013, 413),
    "UNSUPPORTED_MEDIA_TYPE": (-32015, 415),
    "UNPROCESSABLE_CONTENT": (-32022, 422),
    "TOO_MANY_REQUESTS": (-32029, 429),
    "CLIENT_CLOSED_REQUEST": (-32099, 499),
}

json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20)
extra_values = st.dictionaries(
    st.text(min_size=1, max_size=10).filter(
        lambda key: key not in {"code", "httpStatus", "path", "correlationId", "issues"}
    ),
    json_scalars,
    max_size=3,
)


def test_error_codes_are_exactly_the_design_table() -> None:
    assert {code.name: (code.number, code.http_status) for code in ErrorCode} == ERROR_TABLE


@given(st.sampled_from(ErrorCode))
def test_every_error_code_round_trips_through_its_number(code: ErrorCode) -> None:
    assert ErrorCode.from_number(code.number) is code


@given(
    code=st.sampled_from(ErrorCode),
    message=st.none() | st.text(min_size=1, max_size=50),
    path=st.none()
    | st.from_regex(r"[a-z][a-zA-Z0-9_]{0,8}(\.[a-z][a-zA-Z0-9_]{0,8}){0,2}", fullmatch=True),
    correlation_id=st.none() | st.text(min_size=1, max_size=36),
    extra=extra_values,
)
def test_every_rpc_error_has_the_design_shape(
    code: ErrorCode,
    message: str | None,
    path: str | None,
    correlation_id: str | None,
    extra: dict[str, Any],
) -> None:
    error = RpcError(code, message, extra=extra)
    payload = error.to_json(path=path, correlation_id=correlation_id)
    assert set(payload) == {"code", "message", "data"}
    assert payload["code"] == code.number
    assert payload["message"] == (message or code.default_message)
    assert payload["data"] == {
        "code": code.name,
        "httpStatus": code.http_status,
        "path": path,
        "correlationId": correlation_id,
        **extra,
    }
    assert ErrorCode.from_number(payload["code"]).name == payload["data"]["code"]


@given(st.integers().filter(lambda number: number not in {n for n, _ in ERROR_TABLE.values()}))
def test_unknown_number_is_a_key_error(number: int) -> None:
    with pytest.raises(KeyError):
        ErrorCode.from_number(number)


def test_default_message_is_used_without_a_message() -> None:
    error = RpcError(ErrorCode.NOT_FOUND)
    assert error.message == "Not found"
    assert str(error) == "Not found"
    assert error.to_json(path=None, correlation_id=None)["message"] == "Not found"


def test_issues_are_listed_in_data() -> None:
    issues = [
        Issue(
            path=("items", 0, "qty"), message="Input should be greater than 0", type="greater_than"
        ),
        Issue(path=(), message="Field required", type="missing"),
    ]
    payload = RpcError(ErrorCode.INVALID_PARAMS, "Invalid params", issues=issues).to_json(
        path="shop.order", correlation_id="cid-1"
    )
    assert payload == {
        "code": -32602,
        "message": "Invalid params",
        "data": {
            "code": "INVALID_PARAMS",
            "httpStatus": 400,
            "path": "shop.order",
            "correlationId": "cid-1",
            "issues": [
                {
                    "path": ["items", 0, "qty"],
                    "message": "Input should be greater than 0",
                    "type": "greater_than",
                },
                {"path": [], "message": "Field required", "type": "missing"},
            ],
        },
    }


def test_no_issues_means_no_issues_key() -> None:
    data = RpcError(ErrorCode.FORBIDDEN).to_json(path=None, correlation_id=None)["data"]
    assert "issues" not in data


def test_extra_fields_are_added_to_data() -> None:
    error = RpcError(ErrorCode.TOO_MANY_REQUESTS, extra={"retryAfter": 30})
    data = error.to_json(path="auth.login", correlation_id=None)["data"]
    assert data["retryAfter"] == 30
    assert data["code"] == "TOO_MANY_REQUESTS"
    assert data["httpStatus"] == 429


def test_extra_given_is_copied_not_shared() -> None:
    extra = {"retryAfter": 30}
    error = RpcError(ErrorCode.TOO_MANY_REQUESTS, extra=extra)
    extra["retryAfter"] = 99
    assert error.to_json(path=None, correlation_id=None)["data"]["retryAfter"] == 30


def test_an_error_lists_the_first_issues_and_counts_them_all() -> None:
    issues = [Issue(path=(f"k{i}",), message="Extra", type="extra_forbidden") for i in range(50)]

    error = RpcError(ErrorCode.INVALID_PARAMS, issues=issues)
    data = error.to_json(path=None, correlation_id=None)["data"]

    assert [issue["path"] for issue in data["issues"]] == [[f"k{i}"] for i in range(MAX_ISSUES)]
    assert data["issueCount"] == 50


def test_a_given_issue_count_is_reported_when_issues_were_left_out() -> None:
    issue = Issue(path=("k",), message="Extra", type="extra_forbidden")

    data = RpcError(ErrorCode.INVALID_PARAMS, issues=[issue], issue_count=116_000).to_json(
        path=None, correlation_id=None
    )["data"]

    assert len(data["issues"]) == 1
    assert data["issueCount"] == 116_000


def test_keys_in_an_issue_path_are_clipped() -> None:
    long_key = "k" * 100_000
    issue = Issue(path=("outer", 3, long_key), message="Extra", type="extra_forbidden")

    path = issue.to_json()["path"]

    assert path[:2] == ["outer", 3]
    assert path[2] == "k" * MAX_ECHOED_CHARS + "\u2026"
    assert clipped("short") == "short"
    assert clipped("x" * MAX_ECHOED_CHARS) == "x" * MAX_ECHOED_CHARS


# --- the one funnel from any exception to the caller's error --------------------------------


def test_an_rpc_error_passes_the_funnel_unchanged(caplog: pytest.LogCaptureFixture) -> None:
    error = RpcError(ErrorCode.NOT_FOUND, "Thing not found", extra={"thing": 1})
    with caplog.at_level(logging.DEBUG):
        assert rpc_error_from_unknown(error, where="things.get") is error
    assert caplog.records == []  # meant for the caller: not a fault to log


@pytest.mark.parametrize(
    "exc",
    [
        RuntimeError("password hunter2 in a message"),
        KeyError("hunter2"),
        ValueError("hunter2", "more hunter2"),
    ],
)
def test_any_other_exception_becomes_internal_without_its_text_and_is_logged(
    exc: Exception, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger("tests.funnel")
    try:
        raise exc  # raised, so that it has a traceback to log
    except Exception as raised:
        with caplog.at_level(logging.ERROR, logger="tests.funnel"):
            error = rpc_error_from_unknown(raised, where="things.get", logger=logger)

    assert error.code is ErrorCode.INTERNAL_SERVER_ERROR
    assert error.message == "Internal server error"
    body = error.to_json(path="things.get", correlation_id="cid")
    assert body["code"] == -32603
    assert "hunter2" not in repr(body)
    assert type(exc).__name__ not in repr(body)
    [record] = caplog.records
    assert record.name == "tests.funnel"
    assert record.levelno == logging.ERROR
    assert record.getMessage() == "unexpected error in things.get"
    assert record.exc_info is not None
    assert record.exc_info[1] is exc
    assert record.exc_info[2] is not None  # the traceback is in the log, not the answer


def test_the_funnel_logs_on_the_core_logger_by_default(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="rpc.errors"):
        rpc_error_from_unknown(RuntimeError("boom"), where="somewhere")
    assert [record.name for record in caplog.records] == ["rpc.errors"]


def test_the_funnel_log_line_carries_the_correlation_id(caplog: pytest.LogCaptureFixture) -> None:
    # As configure_logging installs it: on the handler, so it sees every record.
    correlation_filter = CorrelationIdFilter()
    caplog.handler.addFilter(correlation_filter)
    token = set_correlation_id("cid-funnel")
    try:
        with caplog.at_level(logging.ERROR, logger="rpc.errors"):
            rpc_error_from_unknown(RuntimeError("boom"), where="somewhere")
    finally:
        reset_correlation_id(token)
        caplog.handler.removeFilter(correlation_filter)
    [record] = caplog.records
    assert record.correlation_id == "cid-funnel"  # type: ignore[attr-defined]
