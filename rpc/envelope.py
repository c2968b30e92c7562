"""Checks of one JSON-RPC 2.0 request object, done by the transport before dispatch.

jsonrpcserver's own validator runs jsonschema over the whole payload, so one bad member
would sink a whole batch (a spec violation) and costs tens of microseconds per call.
Checking each member here is both correct and cheap.
"""

from __future__ import annotations

import heapq
from functools import partial
from typing import Any, NamedTuple

from rpc.errors import MAX_ISSUES, ErrorCode, RpcError, clipped

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


# The types of a valid id: String, Number or Null. Exact types, as the JSON parser makes
# them: bool is a subclass of int in Python but not a JSON number.
_ID_TYPES = frozenset({str, int, float, type(None)})
_ABSENT = object()
# CheckedRequest(...) runs the named tuple's Python-level __new__; this builds the same
# tuple in C (one is made per call).
_new_checked_request = partial(tuple.__new__, CheckedRequest)


def check_request(member: Any) -> CheckedRequest:
    """The checked request, or :class:`EnvelopeError` saying what is wrong with it."""
    if not isinstance(member, dict):
        raise EnvelopeError(_invalid("a request must be a JSON object"), None)
    get = member.get
    # How many members the object has if all of them are known ones: counting is
    # cheaper than comparing key sets on every call.
    known = 2
    request_id = get("id", _ABSENT)
    is_notification = request_id is _ABSENT
    if is_notification:
        request_id = None
    elif type(request_id) in _ID_TYPES:
        known = 3
    else:
        raise EnvelopeError(_invalid("'id' must be a string, a number or null"), None)
    if get("jsonrpc") != "2.0":
        raise EnvelopeError(_invalid("'jsonrpc' must be exactly \"2.0\""), request_id)
    method = get("method")
    if type(method) is not str:
        raise EnvelopeError(_invalid("'method' must be a string"), request_id)
    params = get("params", _ABSENT)
    if params is _ABSENT:
        params = {}
    elif isinstance(params, (dict, list)):
        known += 1
    else:
        raise EnvelopeError(_invalid("'params' must be a JSON object or array"), request_id)
    if len(member) != known:
        raise EnvelopeError(_invalid(_unknown_members(member)), request_id)
    return _new_checked_request((method, params, request_id, is_notification))


def _unknown_members(member: dict[str, Any]) -> str:
    # Sorted, but only the first few, each clipped: a request object may carry 100,000
    # members, and the error (and the work of writing it) must not grow with them.
    unknown = [name for name in member if name not in _ALLOWED_MEMBERS]
    first = heapq.nsmallest(MAX_ISSUES, unknown)
    names = ", ".join(repr(clipped(name)) for name in first)
    more = f" (and {len(unknown) - MAX_ISSUES} more)" if len(unknown) > MAX_ISSUES else ""
    return f"unknown request member(s): {names}{more}"


def _invalid(reason: str) -> RpcError:
    return RpcError(ErrorCode.BAD_REQUEST, f"Invalid request: {reason}")
