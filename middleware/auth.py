"""Authentication: who is calling, resolved once per request.

``authenticate_request`` reads the bearer token when the request's context is built (a
database read, on the event loop like every call's, and only when a token was sent);
it never refuses: public procedures such as ``auth.me`` see the caller when there is
one, and a refused token makes the request anonymous. ``middleware.access`` refuses
calls that need a caller, saying why when a token was sent but refused.

Only the Bearer scheme carries a token (RFC 6750; the scheme's name is case-insensitive,
RFC 9110). An ``Authorization`` header in any other form (another scheme, a bare token)
is a refused credential, not a token to try: it is never decoded.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.call_runners import on_event_loop
from db.unit_of_work import SqlUnitOfWork
from middleware.context import AppServices
from services import auth as auth_service
from services.caller import Caller
from services.errors import Unauthenticated


@dataclass(frozen=True, slots=True)
class Authentication:
    """The outcome of reading a request's bearer token."""

    caller: Caller | None
    # Why a token that was sent was refused (None when none was sent or it was good).
    failure: str | None = None


ANONYMOUS = Authentication(caller=None)

BEARER_REQUIRED = "Authorization scheme must be Bearer: send 'Authorization: Bearer <token>'"
NOT_BEARER = Authentication(caller=None, failure=BEARER_REQUIRED)


async def authenticate_request(services: AppServices, authorization: str | None) -> Authentication:
    """Who sent the request with this ``Authorization`` header (None: no header)."""
    if authorization is None:
        return ANONYMOUS  # nothing to look up
    token = bearer_token_from(authorization)
    if token is None:
        return NOT_BEARER
    authentication: Authentication = await on_event_loop(_resolve_token, services, token)
    return authentication


def _resolve_token(services: AppServices, token: str) -> Authentication:
    try:
        uow = SqlUnitOfWork(services.call_sessions, read_only=True)
        caller = auth_service.authenticate(uow, services.tokens, token, services.clock)
    except Unauthenticated as exc:
        return Authentication(caller=None, failure=exc.message)
    return Authentication(caller=caller)


def bearer_token_from(authorization: str) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header; None for any other form."""
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() == "bearer" and token:
        return token
    return None
