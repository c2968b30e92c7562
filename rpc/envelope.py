"""Checks of one JSON-RPC 2.0 request object, done by the transport before dispatch.

jsonrpcserver's own validator runs jsonschema over the whole payload, so one bad member
would sink a whole batch (a spec violation) and costs tens of microseconds per call.
Checking each member here is both correct and cheap.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rpc.errors import ErrorCode, RpcError

# Members a request object may have (JSON-RPC 2.0 section 4).
_ALLOWED_MEMBERS = frozenset({"jsonrpc", "method", "params", "id"})


class CheckedRequest(NamedTuple):
    """A request object whose envelope is valid (a tuple: made for every call, cheaply)."""

    method: str
    # By name (an object) or by position (an array); only by name is served, which the
    # transport checks after the method lookup, so an unknown method is -32601 first.
    params: dict[str, Any] | list[Any]
    id: Any
    is_notification: bool


class EnvelopeError(Exception):
    """The request object is invalid; ``id`` is what the error response echoes."""

    def __init__(self, error: RpcError, id: Any) -> None:
        super().__init__(error.message)
        self.error = error
        self.id = id


def _valid_id(value: Any) -> bool:
    # String, Number or Null; bool is a subclass of int in Python but not a JSON number.
    return value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool))


def check_request(member: Any) -> CheckedRequest:
    """The checked request, or :class:`EnvelopeError` saying what is wrong with it."""
    if not isinstance(member, dict):
        raise EnvelopeError(_invalid("a request must be a JSON object"), None)
    has_id = "id" in member
    request_id = member.get("id")
    if not _valid_id(request_id):
        raise EnvelopeError(_invalid("'id' must be a string, a number or null"), None)
    if member.get("jsonrpc") != "2.0":
        raise EnvelopeError(_invalid("'jsonrpc' must be exactly \"2.0\""), request_id)
    method = member.get("method")
    if not isinstance(method, str):
        raise EnvelopeError(_invalid("'method' must be a string"), request_id)
    if not _ALLOWED_MEMBERS.issuperset(member):
        unknown = member.keys() - _ALLOWED_MEMBERS
        names = ", ".join(sorted(repr(name) for name in unknown))
        raise EnvelopeError(_invalid(f"unknown request member(s): {names}"), request_id)
    params = member.get("params", {})
    if not isinstance(params, (dict, list)):
        raise EnvelopeError(_invalid("'params' must be a JSON object or array"), request_id)
    return CheckedRequest(method, params, request_id, is_notification=not has_id)


def _invalid(reason: str) -> RpcError:
    return RpcError(ErrorCode.BAD_REQUEST, f"Invalid request: {reason}")
