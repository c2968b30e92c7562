"""The context every procedure gets: built once per HTTP request, narrowed per call.

``RequestContext`` is what the transport builds once for an HTTP request (and so shares
across a batch). Middleware derives a copy per call with the procedure's name and kind
and, after authentication, the caller: the tRPC way of extending ``ctx``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from anyio import to_thread
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.unit_of_work import AuditEntry, SqlUnitOfWork
from middleware.rate_limit_store import LeasingRateLimitStore
from rpc import RateLimit
from services import auth as auth_service
from services.caller import Caller
from services.clock import Clock
from services.errors import Unauthenticated
from services.passwords import PasswordHasher
from services.proxy_probe import ProbeSettings
from services.sealing import SecretSealer
from services.tokens import TokenService


@dataclass(frozen=True, slots=True)
class AdminSetup:
    """What ``admin.setup`` needs from the settings (service-center contract)."""

    setup_password: str | None
    admin_email: str | None
    admin_password: str | None
    admin_name: str


@dataclass(frozen=True, slots=True)
class AppServices:
    """Long-lived collaborators, made once by the app factory."""

    session_factory: sessionmaker[Session]
    hasher: PasswordHasher
    tokens: TokenService
    clock: Clock
    admin_setup: AdminSetup
    rate_limits: LeasingRateLimitStore | None
    # Per procedure name, from the settings: replaces the limit the procedure declares.
    rate_limit_overrides: Mapping[str, RateLimit]
    # Seals proxy passwords and v2ray secrets at rest.
    sealer: SecretSealer
    # How proxy.test connects: timeout, CONNECT target, private addresses allowed.
    proxy_probe: ProbeSettings


@dataclass(frozen=True, slots=True)
class Authentication:
    """The outcome of reading the request's bearer token."""

    caller: Caller | None
    # Why a token that was sent was refused (None when none was sent or it was good).
    failure: str | None = None


class _AuthenticationOnce:
    """Resolves the bearer token at most once per HTTP request, even for a batch."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._result: Authentication | None = None

    @property
    def known(self) -> Authentication | None:
        return self._result

    async def get(self, resolve: Callable[[], Authentication]) -> Authentication:
        if self._result is not None:
            return self._result
        async with self._lock:
            if self._result is None:
                self._result = await to_thread.run_sync(resolve)
            return self._result


# Not frozen: it is made for every call, and a frozen dataclass sets each field through
# object.__setattr__. It is still treated as immutable: for_call() and with_caller()
# make copies, and nothing assigns to a field.
@dataclass(slots=True)
class RequestContext:
    services: AppServices
    correlation_id: str
    bearer_token: str | None
    client_address: str
    user_agent: str | None
    # Set per call by middleware.
    procedure: str = ""
    is_mutation: bool = False
    caller: Caller | None = None
    _authentication: _AuthenticationOnce = field(default_factory=_AuthenticationOnce, repr=False)

    # Explicit construction rather than dataclasses.replace: this runs for every call,
    # and replace() introspects the fields each time.
    def for_call(self, procedure: str, *, is_mutation: bool) -> RequestContext:
        return RequestContext(
            self.services,
            self.correlation_id,
            self.bearer_token,
            self.client_address,
            self.user_agent,
            procedure,
            is_mutation,
            self.caller,
            self._authentication,
        )

    def with_caller(self, caller: Caller) -> RequestContext:
        return RequestContext(
            self.services,
            self.correlation_id,
            self.bearer_token,
            self.client_address,
            self.user_agent,
            self.procedure,
            self.is_mutation,
            caller,
            self._authentication,
        )

    async def authenticate(self) -> Authentication:
        """Who sent the request, looked up once (a database read) and then remembered."""
        if self.bearer_token is None:
            return Authentication(caller=None)
        return await self._authentication.get(self._resolve_token)

    def known_caller(self) -> Caller | None:
        """The caller if the token has been resolved already; never looks it up."""
        known = self._authentication.known
        return known.caller if known else None

    def _resolve_token(self) -> Authentication:
        token = self.bearer_token
        assert token is not None
        try:
            uow = SqlUnitOfWork(self.services.session_factory, read_only=True)
            caller = auth_service.authenticate(
                uow, self.services.tokens, token, self.services.clock
            )
        except Unauthenticated as exc:
            return Authentication(caller=None, failure=exc.message)
        return Authentication(caller=caller)

    def signed_in(self) -> Caller:
        """The caller of a procedure behind the auth middleware."""
        if self.caller is None:
            raise RuntimeError(f"{self.procedure} ran without its auth middleware")
        return self.caller

    def unit_of_work(self) -> SqlUnitOfWork:
        """A unit of work for this call: read-only for a query; audited for a mutation."""
        if not self.is_mutation:
            return SqlUnitOfWork(self.services.session_factory, read_only=True)
        audit = AuditEntry(
            procedure=self.procedure,
            correlation_id=self.correlation_id,
            user_id=self.caller.user_id if self.caller else None,
        )
        return SqlUnitOfWork(self.services.session_factory, audit=audit)
