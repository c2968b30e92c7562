"""The edges of every call: one middleware, first in every chain.

On the way in it narrows the request context to this call (procedure name, query or
mutation); on the way out it turns a domain error into its RPC error through the one
table in ``middleware.errors`` and writes the call's log line. These three run for
every call, so they share one layer of the chain rather than paying for three.
"""

from __future__ import annotations

import time
from typing import Any

from middleware.context import RequestContext
from middleware.errors import to_rpc_error
from middleware.logging import log_call_outcome
from rpc import ErrorCode, MiddlewareCall, Next, RpcError
from services.errors import DomainError

_INTERNAL = ErrorCode.INTERNAL_SERVER_ERROR.name


async def call_boundary(call: MiddlewareCall[RequestContext], next_: Next[RequestContext]) -> Any:
    procedure = call.procedure
    ctx = call.ctx.for_call(procedure.name, is_mutation=procedure.kind == "mutation")
    started = time.perf_counter()
    outcome = "ok"
    try:
        return await next_(ctx)
    except DomainError as error:
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
