"""The one table that maps domain errors to RPC error codes.

Services raise domain errors and know nothing of JSON-RPC; this middleware is the only
place where a domain error becomes an error code the client sees.
"""

from __future__ import annotations

from rpc import ErrorCode, Issue, RpcError
from services.errors import (
    Conflict,
    DomainError,
    InvalidCredentials,
    InvalidInput,
    NotFound,
    Overloaded,
    PermissionDenied,
    PreconditionFailed,
    Unauthenticated,
)

DOMAIN_ERROR_CODES: dict[type[DomainError], ErrorCode] = {
    NotFound: ErrorCode.NOT_FOUND,
    Conflict: ErrorCode.CONFLICT,
    InvalidCredentials: ErrorCode.UNAUTHORIZED,
    Unauthenticated: ErrorCode.UNAUTHORIZED,
    PermissionDenied: ErrorCode.FORBIDDEN,
    PreconditionFailed: ErrorCode.PRECONDITION_FAILED,
    InvalidInput: ErrorCode.INVALID_PARAMS,
    # Not SERVICE_UNAVAILABLE: tRPC gives that key -32603, the number of an internal
    # error, and clients already retry TOO_MANY_REQUESTS after data.retryAfter.
    Overloaded: ErrorCode.TOO_MANY_REQUESTS,
}


def to_rpc_error(error: DomainError) -> RpcError | None:
    """The RPC error for a domain error, or None for one the table does not know."""
    for error_type in type(error).__mro__:
        code = DOMAIN_ERROR_CODES.get(error_type)
        if code is None:
            continue
        if isinstance(error, InvalidInput):
            issue = Issue(path=(error.field,), message=error.message, type="value_error")
            message = f"Invalid params: {error.field}: {error.message}"
            return RpcError(code, message, issues=[issue])
        if isinstance(error, Overloaded):
            return RpcError(code, error.message, extra={"retryAfter": error.retry_after_seconds})
        return RpcError(code, error.message)
    return None
