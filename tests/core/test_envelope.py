"""The per-member envelope check the transport does before dispatch."""

from __future__ import annotations

from typing import Any

import pytest

from rpc import ErrorCode
from rpc.envelope import CheckedRequest, EnvelopeError, check_request
from rpc.errors import MAX_ECHOED_CHARS, MAX_ISSUES


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        (
            {"jsonrpc": "2.0", "method": "a", "params": {"x": 1}, "id": 1},
            CheckedRequest("a", {"x": 1}, 1, is_notification=False),
        ),
        (
            {"jsonrpc": "2.0", "method": "a", "id": "s"},
            CheckedRequest("a", {}, "s", is_notification=False),
        ),
        (
            {"jsonrpc": "2.0", "method": "a", "id": None},
            CheckedRequest("a", {}, None, is_notification=False),
        ),
        (
            {"jsonrpc": "2.0", "method": "a", "id": 1.5},
            CheckedRequest("a", {}, 1.5, is_notification=False),
        ),
        ({"jsonrpc": "2.0", "method": "a"}, CheckedRequest("a", {}, None, is_notification=True)),
        (
            {"jsonrpc": "2.0", "method": "a", "params": {}},
            CheckedRequest("a", {}, None, is_notification=True),
        ),
    ],
)
def test_valid_requests(member: dict[str, Any], expected: CheckedRequest) -> None:
    assert check_request(member) == expected


@pytest.mark.parametrize(
    ("member", "echoed_id", "reason"),
    [
        (1, None, "a request must be a JSON object"),
        ([], None, "a request must be a JSON object"),
        ("x", None, "a request must be a JSON object"),
        (None, None, "a request must be a JSON object"),
        ({"jsonrpc": "2.0", "method": "a", "id": True}, None, "'id' must be a string"),
        ({"jsonrpc": "2.0", "method": "a", "id": {}}, None, "'id' must be a string"),
        ({"jsonrpc": "2.0", "method": "a", "id": [1]}, None, "'id' must be a string"),
        ({"jsonrpc": "1.0", "method": "a", "id": 3}, 3, "'jsonrpc' must be exactly"),
        ({"method": "a", "id": 3}, 3, "'jsonrpc' must be exactly"),
        ({"jsonrpc": "2.0", "id": 3}, 3, "'method' must be a string"),
        ({"jsonrpc": "2.0", "method": 1, "id": 3}, 3, "'method' must be a string"),
        ({"jsonrpc": "2.0", "method": "a", "id": 3, "x": 1}, 3, "unknown request member(s): 'x'"),
        (
            {"jsonrpc": "2.0", "method": "a", "params": "bar", "id": 3},
            3,
            "'params' must be a JSON object or array",
        ),
        (
            {"jsonrpc": "2.0", "method": "a", "params": None, "id": 3},
            3,
            "'params' must be a JSON object or array",
        ),
        ({"jsonrpc": "2.0", "method": 1, "params": "bar"}, None, "'method' must be a string"),
    ],
)
def test_invalid_requests(member: Any, echoed_id: Any, reason: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        check_request(member)
    assert caught.value.error.code is ErrorCode.BAD_REQUEST
    assert caught.value.id == echoed_id
    assert reason in caught.value.error.message


def test_unknown_members_are_all_named_sorted() -> None:
    with pytest.raises(EnvelopeError) as caught:
        check_request({"jsonrpc": "2.0", "method": "a", "id": 1, "zeta": 1, "alpha": 2})
    assert (
        caught.value.error.message == "Invalid request: unknown request member(s): 'alpha', 'zeta'"
    )


@pytest.mark.parametrize("has_id", [True, False])
def test_by_position_params_pass_the_envelope_check(has_id: bool) -> None:
    # Structured params are valid JSON-RPC; serving only by-name params is the
    # transport's policy, checked after the method lookup (so -32601 comes first).
    member: dict[str, Any] = {"jsonrpc": "2.0", "method": "a", "params": [1, 2]}
    if has_id:
        member["id"] = 9
    checked = check_request(member)
    assert checked.params == [1, 2]
    assert checked.is_notification is not has_id


def test_many_unknown_members_are_named_up_to_a_few_and_clipped() -> None:
    member: dict[str, Any] = {"jsonrpc": "2.0", "method": "a", "id": 1}
    member.update((f"m{index:06d}" + "x" * 500, index) for index in range(100_000))

    with pytest.raises(EnvelopeError) as caught:
        check_request(member)

    message = caught.value.error.message
    assert message.endswith(f"(and {100_000 - MAX_ISSUES} more)")
    assert message.count("'m") == MAX_ISSUES
    assert "'m000000" + "x" * (MAX_ECHOED_CHARS - 7) + "\u2026'" in message
    assert len(message) < MAX_ISSUES * (MAX_ECHOED_CHARS + 10) + 100
