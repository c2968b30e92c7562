"""The context every procedure gets: built once per HTTP request, narrowed per call.

``RequestContext`` is what the transport builds once for an HTTP request (and so shares
across a batch), the caller included. The call boundary derives a copy per call with
the procedure's name and kind: the tRPC way of extending ``ctx``. For a procedure that
requires a caller the copy is a ``SignedInContext``, whose caller is typed as present.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.unit_of_work import AuditEntry, SqlUnitOfWork
from middleware.rate_limit_store import LeasingRateLimitStore
from rpc import RateLimit
from services.caller import Caller
from services.clock import Clock
from services.customer_tokens import CustomerLinkTokens
from services.file_storage import FileStorage
from services.notifications.emails import NotificationSetup
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

    # Sessions for work outside a request's calls: the CLI, tools, tests preparing data.
    session_factory: sessionmaker[Session]
    # Sessions for the calls, which run on the event loop (db.call_runners): the same
    # engine on SQLite, psycopg's asyncio driver on PostgreSQL (db.engine).
    call_sessions: sessionmaker[Session]
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
    # Makes and checks the tokens of customers' unsubscribe links.
    customer_links: CustomerLinkTokens
    # Renders queued emails and their unsubscribe links; the retry limit.
    notifications: NotificationSetup
    # Tickets' files: the storage folder, the upload limit and the allowed types.
    files: FileStorage


@dataclass(slots=True)
class RequestState:
    """What the calls of one request share and may change: made once per request."""

    # A call of this request opened a writing unit of work: what was read when the
    # request began (the caller's user) may be stale from then on.
    wrote: bool = False


# Not frozen: one is made for every call, and a frozen dataclass sets each field through
# object.__setattr__. It is still treated as immutable: for_call() makes a copy, and
# nothing assigns to a field.
@dataclass(slots=True)
class RequestContext:
    """What a procedure knows about its request: built once per HTTP request.

    The caller is resolved from the bearer token when the context is built (tRPC's
    createContext; Starlette's authentication middleware): once per request, shared by
    every call of a batch, and checked per procedure by ``middleware.access``.
    """

    services: AppServices
    correlation_id: str
    client_address: str
    user_agent: str | None
    # The signed-in caller, or None for an anonymous request or a refused token.
    caller: Caller | None = None
    # Why a bearer token that was sent was refused (expired, revoked, malformed).
    auth_failure: str | None = None
    # Set per call by the call boundary.
    procedure: str = ""
    is_mutation: bool = False
    # Shared by every call's copy (each copy holds the same object).
    state: RequestState = field(default_factory=RequestState)

    def for_call(self, procedure: str, *, is_mutation: bool) -> RequestContext:
        # Every field by name, so that a field added or moved cannot shift the others.
        # Not dataclasses.replace, which introspects the fields on every call, nor
        # RequestContext(...) by name: type.__call__ packs keywords into a dict for
        # __init__ (520 ns a call against 230 ns by position); __init__ called directly
        # takes them without one, at the cost of the positional call.
        narrowed = _new_context(RequestContext)
        _init_context(
            narrowed,
            services=self.services,
            correlation_id=self.correlation_id,
            client_address=self.client_address,
            user_agent=self.user_agent,
            caller=self.caller,
            auth_failure=self.auth_failure,
            procedure=procedure,
            is_mutation=is_mutation,
            state=self.state,
        )
        return narrowed

    def for_signed_in_call(
        self, caller: Caller, procedure: str, *, is_mutation: bool
    ) -> SignedInContext:
        """``for_call`` for a procedure that requires a caller, given the one checked."""
        narrowed = _new_context(SignedInContext)
        _init_context(
            narrowed,
            services=self.services,
            correlation_id=self.correlation_id,
            client_address=self.client_address,
            user_agent=self.user_agent,
            caller=caller,
            auth_failure=self.auth_failure,
            procedure=procedure,
            is_mutation=is_mutation,
            state=self.state,
        )
        return narrowed

    def unit_of_work(self) -> SqlUnitOfWork:
        """A unit of work for this call: read-only for a query; audited for a mutation."""
        if not self.is_mutation:
            return SqlUnitOfWork(self.services.call_sessions, read_only=True)
        self.state.wrote = True
        audit = AuditEntry(
            procedure=self.procedure,
            correlation_id=self.correlation_id,
            user_id=self.caller.user_id if self.caller else None,
            clock=self.services.clock,
        )
        return SqlUnitOfWork(self.services.call_sessions, audit=audit)


class SignedInContext(RequestContext):
    """The context of a procedure that requires a caller: the caller is there.

    Made by the call boundary (``for_signed_in_call``) once it has checked the caller,
    for procedures built on ``authed``, ``with_roles(...)`` or ``admin_only``; their
    resolvers read ``ctx.caller`` with its type known (tRPC's ``.use()`` narrowing
    ``ctx``; FastAPI's ``CurrentUser``). Same fields and slots as its base: only the
    type of ``caller`` is narrower.
    """

    __slots__ = ()
    caller: Caller


_new_context = object.__new__
# The base's __init__ for both classes: SignedInContext adds no field.
_init_context = RequestContext.__init__
