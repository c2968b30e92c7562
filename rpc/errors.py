"""The one error model: JSON-RPC numbers, tRPC keys, HTTP statuses, and the error shape.

Every error that leaves the server has the shape

    {"code": -32004, "message": "Ticket not found",
     "data": {"code": "NOT_FOUND", "httpStatus": 404, "path": "tickets.getTicket",
              "correlationId": "...", "issues": [...]}}

(``issues`` lists the first problems with the params; ``issueCount``, present only
when it lists fewer than were found, says how many there were.)

Clients switch on ``data.code`` (the string key). Each key maps to exactly one JSON-RPC
number and one HTTP status, so an error round-trips between the three.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class _CodeInfo:
    number: int
    http_status: int
    default_message: str


class ErrorCode(enum.Enum):
    """The error keys, each with its JSON-RPC number and the HTTP status tRPC would use."""

    # JSON-RPC 2.0 protocol errors (the standard numbers).
    PARSE_ERROR = _CodeInfo(-32700, 400, "Parse error")
    BAD_REQUEST = _CodeInfo(-32600, 400, "Invalid request")
    METHOD_NOT_FOUND = _CodeInfo(-32601, 404, "Method not found")
    INVALID_PARAMS = _CodeInfo(-32602, 400, "Invalid params")
    INTERNAL_SERVER_ERROR = _CodeInfo(-32603, 500, "Internal server error")
    # Application errors: tRPC's table.
    UNAUTHORIZED = _CodeInfo(-32001, 401, "Unauthorized")
    FORBIDDEN = _CodeInfo(-32003, 403, "Forbidden")
    NOT_FOUND = _CodeInfo(-32004, 404, "Not found")
    METHOD_NOT_SUPPORTED = _CodeInfo(-32005, 405, "Method not supported")
    TIMEOUT = _CodeInfo(-32008, 408, "Timeout")
    CONFLICT = _CodeInfo(-32009, 409, "Conflict")
    PRECONDITION_FAILED = _CodeInfo(-32012, 412, "Precondition failed")
    PAYLOAD_TOO_LARGE = _CodeInfo(-32013, 413, "Payload too large")
    UNSUPPORTED_MEDIA_TYPE = _CodeInfo(-32015, 415, "Unsupported media type")
    UNPROCESSABLE_CONTENT = _CodeInfo(-32022, 422, "Unprocessable content")
    TOO_MANY_REQUESTS = _CodeInfo(-32029, 429, "Too many requests")
    CLIENT_CLOSED_REQUEST = _CodeInfo(-32099, 499, "Client closed request")

    @property
    def number(self) -> int:
        return self.value.number

    @property
    def http_status(self) -> int:
        return self.value.http_status

    @property
    def default_message(self) -> str:
        return self.value.default_message

    @classmethod
    def from_number(cls, number: int) -> ErrorCode:
        """The key of a JSON-RPC error number (raises KeyError for an unknown number)."""
        return _BY_NUMBER[number]


_BY_NUMBER: dict[int, ErrorCode] = {code.number: code for code in ErrorCode}
# A key per number is what lets clients switch on either; fail at import if that breaks.
assert len(_BY_NUMBER) == len(ErrorCode), "two error keys share one JSON-RPC number"


# An error lists at most this many issues, the first ones found, and says how many there
# were: an answer stays small whatever the request held (116,000 unknown keys in one
# call once made a 9.9 MB answer, one issue per key).
MAX_ISSUES = 20

# The longest text of the caller's own an error repeats (a key in an issue's path, the
# name of an unknown method); the rest is cut off, marked with an ellipsis.
MAX_ECHOED_CHARS = 100
_CUT_MARK = "\u2026"


def clipped(text: str) -> str:
    """``text`` as an error may repeat it: at most ``MAX_ECHOED_CHARS`` of it."""
    if len(text) <= MAX_ECHOED_CHARS:
        return text
    return text[:MAX_ECHOED_CHARS] + _CUT_MARK


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem with the params: where (a path into the params), what, and its kind."""

    path: tuple[str | int, ...]
    message: str
    type: str

    def to_json(self) -> dict[str, Any]:
        # Path parts are keys the caller sent: a 100 kB key is not sent back whole.
        path = [clipped(part) if isinstance(part, str) else part for part in self.path]
        return {"path": path, "message": self.message, "type": self.type}


class RpcError(Exception):
    """An error meant for the caller: its message is shown to them as it is.

    ``extra`` adds fields to ``data`` (for example ``retryAfter`` on TOO_MANY_REQUESTS).
    Only the first ``MAX_ISSUES`` issues are kept; ``issue_count`` is how many were found
    in all (by default, as many as given), and ``data.issueCount`` says so when some
    were left out.
    """

    def __init__(
        self,
        code: ErrorCode,
        message: str | None = None,
        *,
        issues: Sequence[Issue] = (),
        issue_count: int | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.message = message or code.default_message
        self.issues = tuple(issues[:MAX_ISSUES])
        self.issue_count = len(issues) if issue_count is None else issue_count
        self.extra = dict(extra or {})
        super().__init__(self.message)

    def to_json(self, *, path: str | None, correlation_id: str | None) -> dict[str, Any]:
        """The JSON-RPC error object for this error."""
        data: dict[str, Any] = {
            "code": self.code.name,
            "httpStatus": self.code.http_status,
            "path": path,
            "correlationId": correlation_id,
        }
        if self.issues:
            data["issues"] = [issue.to_json() for issue in self.issues]
            if self.issue_count > len(self.issues):
                data["issueCount"] = self.issue_count
        data.update(self.extra)
        return {"code": self.code.number, "message": self.message, "data": data}


def internal_error() -> RpcError:
    """The error an unexpected exception becomes: a fixed text, nothing of the exception."""
    return RpcError(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error")


_logger = logging.getLogger("rpc.errors")


def rpc_error_from_unknown(
    exc: BaseException, *, where: str, logger: logging.Logger = _logger
) -> RpcError:
    """The one funnel from any exception to the error the caller gets (tRPC's
    ``getTRPCErrorFromUnknown``).

    An :class:`RpcError` is meant for the caller and comes back as it is. Anything else
    is a server fault: it is logged on ``logger`` with its traceback ("unexpected error
    in <where>"; the record gets the correlation id from ``CorrelationIdFilter``), and
    the caller gets INTERNAL_SERVER_ERROR with none of its text. Only error paths call
    this: a call that succeeds never pays for it.
    """
    if isinstance(exc, RpcError):
        return exc
    logger.error("unexpected error in %s", where, exc_info=exc)
    return internal_error()
