"""The edges of every call: one middleware, first in every chain.

On the way in it narrows the request context to this call (procedure name, query or
mutation; a ``SignedInContext`` when the procedure requires a caller), then enforces
what the procedure declares: its access (auth, then roles) and its rate limit, in that
order, so a refused caller costs no quota. It runs the rest
of the chain again when the database aborted its transaction in a race
(``middleware.retry``: after the rate limit, so a retry costs no quota). On the way out
it turns a domain error or a classified database failure (``db.failures``) into its RPC
error through the one table in ``middleware.errors`` and writes the call's log line.
All of this runs for every call, so it shares one layer of the chain rather than paying
for five (each layer costs a frame, a call record and a ``next`` per call).
"""

from __future__ import annotations

import time
from functools import partial
from typing import Any

from db.errors import DatabaseFailure
from db.failures import database_failure
from middleware.access import check_access
from middleware.context import RequestContext
from middleware.errors import to_rpc_error
from middleware.logging import log_call_outcome
from middleware.rate_limit import count_call
from middleware.retry import run_again
from rpc import ErrorCode, MiddlewareCall, Next, RpcError
from services.errors import DomainError

_INTERNAL = ErrorCode.INTERNAL_SERVER_ERROR.name


async def call_boundary(call: MiddlewareCall[RequestContext], next_: Next[RequestContext]) -> Any:
    procedure = call.procedure
    request = call.ctx
    ctx: RequestContext
    # A procedure that requires a caller gets, and hands on, a SignedInContext: the one
    # copy per call, made here where access is checked. Without a caller it gets the
    # plain copy, and check_access refuses the call below.
    if procedure.access.authenticated and request.caller is not None:
        ctx = request.for_signed_in_call(
            request.caller, procedure.name, is_mutation=procedure.kind == "mutation"
        )
    else:
        ctx = request.for_call(procedure.name, is_mutation=procedure.kind == "mutation")
    started = time.perf_counter()
    outcome = "ok"
    try:
        check_access(procedure.access, ctx)
        counting = count_call(procedure, ctx)
        if counting is not None:
            await counting
        try:
            return await next_(ctx)
        except Exception as error:
            failure = database_failure(error)
            if failure is None:
                raise
        # Outside the except block: the driver's error (whose text quotes row values)
        # must not ride along as the context of what is raised from here.
        return await run_again(procedure.name, partial(next_, ctx), failure)
    except (DomainError, DatabaseFailure) as error:
        mapped = to_rpc_error(error)
        if mapped is None:
            outcome = _INTERNAL
            raise  # an unmapped domain error is a bug: the core answers it as internal
        outcome = mapped.code.name
        raise mapped from None
    except RpcError as error:
        outcome = error.code.name
        raise
    except BaseException:
        outcome = _INTERNAL
        raise
    finally:
        log_call_outcome(ctx, procedure.kind, started, outcome)
