"""Narrows the request context to one call: which procedure, query or mutation."""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext
from rpc import MiddlewareCall, Next


async def bind_call(call: MiddlewareCall[RequestContext], next_: Next[RequestContext]) -> Any:
    procedure = call.procedure
    return await next_(call.ctx.for_call(procedure.name, is_mutation=procedure.kind == "mutation"))
