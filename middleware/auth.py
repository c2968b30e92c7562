"""Authentication: who is calling, resolved once per request.

``authenticate_request`` reads the bearer token when the request's context is built (a
database read, so in a worker thread, and only when a token was sent); it never refuses:
public procedures such as ``auth.me`` see the caller when there is one, and a refused
token makes the request anonymous. ``middleware.access`` refuses calls that need a
caller, saying why when a token was sent but refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from anyio import to_thread

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


async def authenticate_request(services: AppServices, bearer_token: str | None) -> Authentication:
    if bearer_token is None:
        return ANONYMOUS  # nothing to look up
    return await to_thread.run_sync(_resolve_token, services, bearer_token)


def _resolve_token(services: AppServices, token: str) -> Authentication:
    try:
        uow = SqlUnitOfWork(services.session_factory, read_only=True)
        caller = auth_service.authenticate(uow, services.tokens, token, services.clock)
    except Unauthenticated as exc:
        return Authentication(caller=None, failure=exc.message)
    return Authentication(caller=caller)


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
