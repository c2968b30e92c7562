"""The procedure bases every router builds on, defined once (tRPC's ``publicProcedure``).

Chain order (docs/decisions.md, "Chain order and the procedure bases"): call boundary
(binds the call, runs it again after a lost database race, maps domain errors and
database failures, logs the outcome) → auth → roles → rate limit → input validation →
resolver → output validation.
Access and rate limit are declared here as data on the procedure (what OpenRPC
publishes) and enforced, in that order, by the call boundary (``middleware.call``): a
refused caller costs no quota, and what is documented is what is enforced. The caller
is identified once per request, when the context is built.

``authed``, ``with_roles(...)`` and ``admin_only`` give their resolvers a
``SignedInContext``: the call boundary makes one, instead of the plain per-call copy,
for every procedure that requires a caller, so ``ctx.caller`` is typed as present.
"""

from __future__ import annotations

from middleware.call import call_boundary
from middleware.context import RequestContext, SignedInContext
from middleware.hashing import hashes_passwords
from rpc import ErrorCode, ProcedureBuilder

_start: ProcedureBuilder[RequestContext] = ProcedureBuilder()

# The call boundary answers a transaction that kept losing races to concurrent ones
# CONFLICT, whatever the procedure; a mutation whose unique key was taken meanwhile is
# CONFLICT too, and one whose row, or a row it refers to, was deleted meanwhile is
# NOT_FOUND (see middleware.retry and db.failures).
public = _start.use(
    call_boundary, errors=[ErrorCode.CONFLICT], mutation_errors=[ErrorCode.NOT_FOUND]
)

authed = public.meta(authenticated=True).narrow(SignedInContext)


def with_roles(*roles: str) -> ProcedureBuilder[SignedInContext]:
    """A base for procedures only callers with one of ``roles`` may call."""
    return public.meta(roles=roles).narrow(SignedInContext)


admin_only = with_roles("admin")
# The service center's writers of shared data (catalog, templates, task types).
managers = with_roles("admin", "manager")

__all__ = ["admin_only", "authed", "hashes_passwords", "managers", "public", "with_roles"]
