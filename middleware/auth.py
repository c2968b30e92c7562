"""Authentication middleware: who is calling, and refusing anonymous callers.

``identify_caller`` never refuses: public procedures such as ``auth.me`` see the caller
when there is one. ``require_caller`` answers UNAUTHORIZED when there is none, saying
why when a token was sent but refused (expired, revoked, malformed).
"""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext
from rpc import ErrorCode, MiddlewareCall, Next, RpcError


async def identify_caller(call: MiddlewareCall[RequestContext], next_: Next[RequestContext]) -> Any:
    if call.ctx.bearer_token is None:
        return await next_(call.ctx)  # anonymous: nothing to look up
    authentication = await call.ctx.authenticate()
    if authentication.caller is None:
        return await next_(call.ctx)
    return await next_(call.ctx.with_caller(authentication.caller))


async def require_caller(call: MiddlewareCall[RequestContext], next_: Next[RequestContext]) -> Any:
    authentication = await call.ctx.authenticate()
    if authentication.caller is None:
        reason = (
            authentication.failure
            or "Authentication required: send 'Authorization: Bearer <token>'"
        )
        raise RpcError(ErrorCode.UNAUTHORIZED, reason)
    return await next_(call.ctx.with_caller(authentication.caller))


def bearer_token_from(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header.

    A header in another form is passed on whole: it then fails token decoding and the
    caller is told the token was refused, rather than being treated as anonymous.
    """
    if authorization is None:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return authorization
