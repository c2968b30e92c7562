"""Admission to password hashing, before a procedure takes a worker thread.

A procedure that hashes a password (``auth.login``, ``admin.setup``, ...) declares it
with :func:`hashes_passwords`. Its calls then wait for a hashing slot on the event loop,
before the resolver is handed to a worker thread: a burst of logins queues as
coroutines, bounded and with a deadline (``services.hashing_gate``), and the threads
that serve every other procedure's database calls stay free. Beyond the queue, or past
the deadline, a call is refused with TOO_MANY_REQUESTS and ``retryAfter``.

The hasher goes through the same gate whatever calls it, so a procedure that forgot the
declaration still hashes within the bound; it merely waits in its worker thread.
"""

from __future__ import annotations

from typing import Any, TypeVar

from middleware.context import RequestContext
from rpc import ErrorCode, Middleware, MiddlewareCall, Next, ProcedureBuilder

# Any context of a request, the signed-in one included: admission passes it on as it is.
ContextT = TypeVar("ContextT", bound=RequestContext)


async def admit_to_hashing(call: MiddlewareCall[ContextT], next_: Next[ContextT]) -> Any:
    gate = call.ctx.services.hasher.gate
    if gate is None:
        return await next_(call.ctx)
    async with gate.admitted():
        return await next_(call.ctx)


def admit_to_hashing_when_given(param: str) -> Middleware[ContextT]:
    """Admission only for calls that send ``param`` (the others hash nothing)."""

    async def admit_if_given(call: MiddlewareCall[ContextT], next_: Next[ContextT]) -> Any:
        if call.params.get(param) is None:
            return await next_(call.ctx)
        return await admit_to_hashing(call, next_)

    return admit_if_given


def hashes_passwords(
    builder: ProcedureBuilder[ContextT], *, only_when_given: str | None = None
) -> ProcedureBuilder[ContextT]:
    """``builder`` for a procedure that runs Argon2: it may answer TOO_MANY_REQUESTS."""
    middleware: Middleware[ContextT] = admit_to_hashing
    if only_when_given is not None:
        middleware = admit_to_hashing_when_given(only_when_given)
    return builder.use(middleware, errors=[ErrorCode.TOO_MANY_REQUESTS])
