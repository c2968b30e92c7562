"""Who may call a procedure: its declared access, enforced on every call.

A procedure declares its access as data (``public``, ``authed``, ``with_roles(...)`` in
``routers.base``), the same data OpenRPC publishes as ``x-roles``: what is documented is
what is enforced. The caller was identified when the request's context was built.
"""

from __future__ import annotations

from middleware.context import RequestContext
from rpc import Access, ErrorCode, RpcError

SIGN_IN_REQUIRED = "Authentication required: send 'Authorization: Bearer <token>'"


def check_access(access: Access, ctx: RequestContext) -> None:
    """Raise UNAUTHORIZED or FORBIDDEN unless the request's caller may call."""
    if not access.authenticated:
        return
    caller = ctx.caller
    if caller is None:
        # Say why when a token was sent but refused (expired, revoked, malformed).
        raise RpcError(ErrorCode.UNAUTHORIZED, ctx.auth_failure or SIGN_IN_REQUIRED)
    if access.roles and caller.role not in access.roles:
        listed = ", ".join(access.roles)
        raise RpcError(
            ErrorCode.FORBIDDEN, f"Insufficient permissions: needs one of the roles {listed}"
        )
