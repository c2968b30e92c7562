"""The procedure bases every router builds on, defined once (tRPC's ``publicProcedure``).

Chain order (DESIGN.md): call boundary (binds the call, maps domain errors, logs the
outcome) → auth → roles → rate limit → input validation → resolver → output validation.
The caller is identified once per request, when the context is built; the auth layer
here only enforces it. The rate limit comes after auth so a signed-in caller is counted
by user, and a refused caller costs no quota.
"""

from __future__ import annotations

from middleware.auth import require_caller
from middleware.call import call_boundary
from middleware.context import RequestContext
from middleware.rate_limit import enforce_rate_limit
from middleware.roles import require_roles
from rpc import ErrorCode, ProcedureBuilder

_start: ProcedureBuilder[RequestContext] = ProcedureBuilder()
_every_call = _start.use(call_boundary)

# The caller, if any, is known from the request's context (``auth.me`` needs it).
public = _every_call.use(enforce_rate_limit)

authed = (
    _every_call.use(require_caller, errors=[ErrorCode.UNAUTHORIZED])
    .meta(authenticated=True)
    .use(enforce_rate_limit)
)


def with_roles(*roles: str) -> ProcedureBuilder[RequestContext]:
    """A base for procedures only callers with one of ``roles`` may call."""
    return (
        _every_call.use(require_caller, errors=[ErrorCode.UNAUTHORIZED])
        .use(require_roles(roles), errors=[ErrorCode.FORBIDDEN])
        .meta(roles=roles)
        .use(enforce_rate_limit)
    )


admin_only = with_roles("admin")
