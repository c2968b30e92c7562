"""Authentication: who is calling, resolved once per request.

``authenticate_request`` reads the bearer token when the request's context is built (a
database read, on the event loop like every call's, and only when a token was sent);
it never refuses: public procedures such as ``auth.me`` see the caller when there is
one, and a refused token makes the request anonymous. ``middleware.access`` refuses
calls that need a caller, saying why when a token was sent but refused. A read that
fails transiently (a lost connection, a busy database) runs again, as a call does
(``middleware.retry``).

Only the Bearer scheme carries a token (RFC 6750; the scheme's name is case-insensitive,
RFC 9110). An ``Authorization`` header in any other form (another scheme, a bare token)
is a refused credential, not a token to try: it is never decoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from db.call_runners import on_event_loop
from db.failures import database_failure
from db.unit_of_work import SqlUnitOfWork
from middleware.context import AppServices
from middleware.retry import run_again
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
    look_up = partial(on_event_loop, _resolve_token, services, token)
    try:
        authentication: Authentication = await look_up()
        return authentication
    except Exception as error:
        failure = database_failure(error)
        if failure is None:
            raise
    # As the call boundary does for a call (middleware.call): the first statement of a
    # request usually runs here, so this is where a pooled connection the server
    # dropped is found; it was let go, and the read runs again on a new one. Outside
    # the except block: the driver's error, which quotes values, must not ride along.
    retried: Authentication = await run_again("authentication", look_up, failure)
    return retried


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
