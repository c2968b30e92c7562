"""Procedures and the immutable builder that makes them, in the spirit of tRPC.

    public = ProcedureBuilder[Ctx]().use(enter_call)  # hands SignedInCtx on when signed in
    authed = public.meta(authenticated=True).narrow(SignedInCtx)

    @authed.input(GetTicketInput).output(Ticket).meta(summary="Get one ticket").query
    def get_ticket(ctx: SignedInCtx, params: GetTicketInput) -> Ticket: ...

    router = Router({"get": get_ticket})

Every builder method returns a new builder, so bases such as ``public`` and ``authed``
are defined once and shared safely. ``.query``/``.mutation`` return the procedure, so
they serve as decorators: the declaration stands next to its resolver, and the router
gives the name (the resolver's own name is used for nothing). Everything the OpenRPC
generator, the TypeScript generator and the tests need is data on the
:class:`Procedure`.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, NamedTuple, TypeVar, cast

from anyio import to_thread
from pydantic import BaseModel, ConfigDict, TypeAdapter

from rpc.errors import ErrorCode

Kind = Literal["query", "mutation"]
Window = Literal["second", "minute", "hour", "day"]

ContextT = TypeVar("ContextT")
NarrowT = TypeVar("NarrowT")
# Covariant: a procedure whose resolver needs a narrower context (a signed-in caller)
# stands in a router of the wider one, because its chain narrows the context before the
# resolver runs (see ProcedureBuilder.narrow).
ContextT_co = TypeVar("ContextT_co", covariant=True)


class NoInput(BaseModel):
    """The input of a procedure that takes none: an empty object (or no params at all)."""

    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most ``limit`` calls per ``window`` for one caller."""

    limit: int
    window: Window

    def __post_init__(self) -> None:
        if self.limit < 1:
            raise ValueError("a rate limit allows at least one call")

    def to_json(self) -> dict[str, Any]:
        return {"limit": self.limit, "window": self.window}

    def __str__(self) -> str:
        return f"{self.limit}/{self.window}"


@dataclass(frozen=True, slots=True)
class Example:
    """A call and its answer, published in OpenRPC and checked against the schemas."""

    name: str
    params: Mapping[str, Any]
    result: Any
    summary: str = ""


class MiddlewareCall(NamedTuple, Generic[ContextT]):
    """What a middleware sees: the context so far, the procedure, and the raw params.

    A named tuple: one is made per middleware layer and call, and a tuple is the
    cheapest immutable record Python builds.
    """

    ctx: ContextT
    procedure: Procedure[ContextT]
    params: Mapping[str, Any]


Next = Callable[[ContextT], Awaitable[Any]]
Middleware = Callable[[MiddlewareCall[ContextT], Next[ContextT]], Awaitable[Any]]
# A resolver may be sync (run by the procedure's SyncRunner: a worker thread by default,
# so blocking database calls are fine) or async (run on the event loop: must not block).
Resolver = Callable[[ContextT, Any], Any]
# Runs a sync resolver as ``await runner(resolver, ctx, params)``. The app chooses one for
# all its procedures (Router.with_sync_runner): where its database calls are cheapest.
SyncRunner = Callable[..., Awaitable[Any]]


async def in_worker_thread(function: Callable[..., Any], *args: Any) -> Any:
    """The default SyncRunner: ``function(*args)`` in one of anyio's worker threads."""
    return await to_thread.run_sync(function, *args)


@dataclass(frozen=True, slots=True)
class Access:
    """Who may call: anyone, any signed-in caller, or callers with one of ``roles``."""

    authenticated: bool = False
    roles: tuple[str, ...] = ()

    def to_json(self) -> list[str]:
        if self.roles:
            return list(self.roles)
        return ["authenticated"] if self.authenticated else ["public"]


@dataclass(frozen=True, slots=True)
class Procedure(Generic[ContextT_co]):
    """A callable unit of the API, with everything there is to know about it."""

    kind: Kind
    input_model: type[BaseModel]
    output_type: Any
    resolver: Resolver[ContextT_co]
    middlewares: tuple[Middleware[ContextT_co], ...]
    summary: str
    description: str
    access: Access
    rate_limit: RateLimit | None
    errors: tuple[ErrorCode, ...]
    examples: tuple[Example, ...]
    output_adapter: TypeAdapter[Any] = field(repr=False, compare=False)
    # Given by the router when it is flattened: the dotted name clients call.
    name: str = ""
    # How a sync resolver runs; the app may choose another (Router.with_sync_runner).
    sync_runner: SyncRunner = field(default=in_worker_thread, repr=False, compare=False)

    @property
    def namespace(self) -> str:
        return self.name.split(".", 1)[0]

    def named(self, name: str) -> Procedure[ContextT_co]:
        return dataclasses.replace(self, name=name)

    def running_sync_resolvers_with(self, runner: SyncRunner) -> Procedure[ContextT_co]:
        return dataclasses.replace(self, sync_runner=runner)


def _require_forbidding_model(model: type[BaseModel]) -> None:
    # A misspelt field must be an error naming it, never silently dropped.
    if model.model_config.get("extra") != "forbid":
        raise TypeError(
            f"input model {model.__name__} must set model_config extra='forbid' "
            "so that unknown fields are refused"
        )


def _ordered_unique(codes: Sequence[ErrorCode]) -> tuple[ErrorCode, ...]:
    return tuple(dict.fromkeys(codes))


class _Unset(enum.Enum):
    # An enum member, not object(): it survives copy.deepcopy as itself.
    NO_OUTPUT = enum.auto()


_NO_OUTPUT: Any = _Unset.NO_OUTPUT


# Not slots=True: before Python 3.13, ProcedureBuilder[Ctx]() fails on a frozen slotted
# generic dataclass (typing cannot set __orig_class__ on it).
@dataclass(frozen=True)
class ProcedureBuilder(Generic[ContextT]):
    """Immutable: each method returns a new builder with one more piece set."""

    _input: type[BaseModel] = NoInput
    _output: Any = _NO_OUTPUT
    _middlewares: tuple[Middleware[ContextT], ...] = ()
    _middleware_errors: tuple[ErrorCode, ...] = ()
    _middleware_mutation_errors: tuple[ErrorCode, ...] = ()
    _summary: str = ""
    _description: str = ""
    _access: Access = Access()
    _rate_limit: RateLimit | None = None
    _errors: tuple[ErrorCode, ...] = ()
    _examples: tuple[Example, ...] = ()

    def input(self, model: type[BaseModel]) -> ProcedureBuilder[ContextT]:
        _require_forbidding_model(model)
        return dataclasses.replace(self, _input=model)

    def output(self, output_type: Any) -> ProcedureBuilder[ContextT]:
        return dataclasses.replace(self, _output=output_type)

    def use(
        self,
        middleware: Middleware[ContextT],
        *,
        errors: Sequence[ErrorCode] = (),
        mutation_errors: Sequence[ErrorCode] = (),
    ) -> ProcedureBuilder[ContextT]:
        """Add a middleware; ``errors`` are the codes it can answer with (for the docs),
        ``mutation_errors`` those it can answer with only when the procedure is a mutation.
        """
        return dataclasses.replace(
            self,
            _middlewares=(*self._middlewares, middleware),
            _middleware_errors=_ordered_unique([*self._middleware_errors, *errors]),
            _middleware_mutation_errors=_ordered_unique(
                [*self._middleware_mutation_errors, *mutation_errors]
            ),
        )

    def narrow(self, context: type[NarrowT]) -> ProcedureBuilder[NarrowT]:
        """The builder for resolvers that receive a ``context``, narrower than ours.

        tRPC's ``.use()`` that returns a narrowed ``ctx``, minus the per-call layer: the
        narrowing itself is done by a middleware already in the chain (the app's call
        boundary hands a signed-in context on once it has checked the caller), so this
        step only changes the type the resolver and later middlewares are checked
        against. ``context`` is taken for readability and for that type; nothing is
        added to the chain.
        """
        del context  # only its type is used
        # The one cast of the narrowing: the middlewares gathered so far were typed for
        # the wider context; the first of them narrows what it hands on, so the rest
        # of the chain, and the resolver, see the narrower one. (tRPC's types make the
        # same step: a middleware's returned ctx becomes the procedure's ctx type.)
        return cast("ProcedureBuilder[NarrowT]", self)

    def meta(
        self,
        *,
        summary: str | None = None,
        description: str | None = None,
        authenticated: bool | None = None,
        roles: Sequence[str] | None = None,
        rate_limit: RateLimit | None = None,
        errors: Sequence[ErrorCode] | None = None,
        examples: Sequence[Example] | None = None,
    ) -> ProcedureBuilder[ContextT]:
        access = self._access
        if authenticated is not None:
            access = dataclasses.replace(access, authenticated=authenticated)
        if roles is not None:
            access = Access(authenticated=True, roles=tuple(roles))
        return dataclasses.replace(
            self,
            _summary=self._summary if summary is None else summary,
            _description=self._description if description is None else description,
            _access=access,
            _rate_limit=self._rate_limit if rate_limit is None else rate_limit,
            _errors=self._errors if errors is None else _ordered_unique(errors),
            _examples=self._examples if examples is None else tuple(examples),
        )

    def query(self, resolver: Resolver[ContextT]) -> Procedure[ContextT]:
        return self._build("query", resolver)

    def mutation(self, resolver: Resolver[ContextT]) -> Procedure[ContextT]:
        return self._build("mutation", resolver)

    def _build(self, kind: Kind, resolver: Resolver[ContextT]) -> Procedure[ContextT]:
        if self._output is _NO_OUTPUT:
            raise TypeError(f"procedure {resolver.__name__} needs .output(...) before .{kind}()")
        # Every procedure validates its params; a rate-limited one can refuse the call,
        # and so can one that needs a caller, or a caller with one of its roles.
        implied = [ErrorCode.INVALID_PARAMS]
        if self._rate_limit is not None:
            implied.append(ErrorCode.TOO_MANY_REQUESTS)
        if self._access.authenticated:
            implied.append(ErrorCode.UNAUTHORIZED)
        if self._access.roles:
            implied.append(ErrorCode.FORBIDDEN)
        implied.extend(self._middleware_errors)
        if kind == "mutation":
            implied.extend(self._middleware_mutation_errors)
        return Procedure(
            kind=kind,
            input_model=self._input,
            output_type=self._output,
            resolver=resolver,
            middlewares=self._middlewares,
            summary=self._summary,
            description=self._description,
            access=self._access,
            rate_limit=self._rate_limit,
            errors=_ordered_unique([*implied, *self._errors]),
            examples=self._examples,
            output_adapter=TypeAdapter(self._output),
        )
