"""The procedure bases every router builds on, defined once (tRPC's ``publicProcedure``).

Chain order (DESIGN.md): call boundary (binds the call, maps domain errors, logs the
outcome) → auth → roles → rate limit → input validation → resolver → output validation.
Access and rate limit are declared here as data on the procedure (what OpenRPC
publishes) and enforced, in that order, by the call boundary (``middleware.call``): a
refused caller costs no quota, and what is documented is what is enforced. The caller
is identified once per request, when the context is built.
"""

from __future__ import annotations

from middleware.call import call_boundary
from middleware.context import RequestContext
from middleware.hashing import hashes_passwords
from rpc import ProcedureBuilder

_start: ProcedureBuilder[RequestContext] = ProcedureBuilder()

public = _start.use(call_boundary)

authed = public.meta(authenticated=True)


def with_roles(*roles: str) -> ProcedureBuilder[RequestContext]:
    """A base for procedures only callers with one of ``roles`` may call."""
    return public.meta(roles=roles)


admin_only = with_roles("admin")

__all__ = ["admin_only", "authed", "hashes_passwords", "public", "with_roles"]
