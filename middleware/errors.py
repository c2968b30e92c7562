"""The one table that maps domain errors to RPC error codes.

Services raise domain errors and know nothing of JSON-RPC; this middleware is the only
place where a domain error becomes an error code the client sees. The database's
answers to a lost race (``db.errors``, classified in ``db.failures``) are in the same
table: to the client they are domain errors too, with wording of their own, since the
database's text names tables and quotes values.
"""

from __future__ import annotations

from db.errors import DatabaseFailure, DuplicateKey, MissingRow, StillReferenced, TransientFailure
from rpc import ErrorCode, Issue, RpcError
from services.errors import (
    BadRequest,
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
    BadRequest: ErrorCode.BAD_REQUEST,
    InvalidCredentials: ErrorCode.UNAUTHORIZED,
    Unauthenticated: ErrorCode.UNAUTHORIZED,
    PermissionDenied: ErrorCode.FORBIDDEN,
    PreconditionFailed: ErrorCode.PRECONDITION_FAILED,
    InvalidInput: ErrorCode.INVALID_PARAMS,
    # Not SERVICE_UNAVAILABLE: tRPC gives that key -32603, the number of an internal
    # error, and clients already retry TOO_MANY_REQUESTS after data.retryAfter.
    Overloaded: ErrorCode.TOO_MANY_REQUESTS,
}

# A TransientFailure gets here only once the call boundary's retries are spent.
# Any other DatabaseFailure (UnclassifiedFailure) is not a race but a fault: internal.
DATABASE_FAILURE_ANSWERS: dict[type[DatabaseFailure], tuple[ErrorCode, str]] = {
    DuplicateKey: (ErrorCode.CONFLICT, "Conflicts with a concurrent change: the value is taken"),
    MissingRow: (ErrorCode.NOT_FOUND, "Not found: a concurrent change deleted it"),
    StillReferenced: (ErrorCode.CONFLICT, "Conflicts with a concurrent change: still in use"),
    TransientFailure: (ErrorCode.CONFLICT, "Conflicts with concurrent changes: try again"),
}


def to_rpc_error(error: DomainError | DatabaseFailure) -> RpcError | None:
    """The RPC error for a domain error or database failure; None for one not in the table."""
    if isinstance(error, DatabaseFailure):
        answer = DATABASE_FAILURE_ANSWERS.get(type(error))
        return None if answer is None else RpcError(*answer)
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
