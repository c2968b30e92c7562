"""A small Starlette app that serves a test router through ``rpc.JsonRpcTransport``.

It exists to exercise the transport against the JSON-RPC 2.0 specification (section 7)
and this server's additions to it (params by name only, one error shape with a ``data``
object), with nothing of the application: only ``rpc`` is used.

Procedures (params are by name):
- the specification's examples: ``subtract``, ``sum``, ``update``, ``get_data``,
  ``notify_hello``, ``notify_sum``, ``foo.get``;
- ordering: ``append`` (mutation, appends to a shared list after an optional delay),
  ``read`` (query), ``slow_echo`` (query that answers after a delay);
- context: ``whoami`` (the context's serial number, extended by two middlewares);
- errors: ``explode`` (unexpected exception), ``missing_thing`` (declared RpcError),
  ``bad_output`` (breaks its declared output), ``guarded`` (middleware refuses);
- ``echo`` (any JSON value in, the same out) for property tests.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, JsonValue
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware as StarletteMiddleware
from starlette.requests import Request
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

import rpc
from rpc import ErrorCode, RpcError
from rpc.correlation import current_correlation_id, reset_correlation_id, set_correlation_id

SPEC_LIMITS = rpc.TransportLimits(max_batch_size=10, max_body_bytes=4096)
CORRELATION_HEADER = "X-Correlation-ID"
DEFAULT_CORRELATION_ID = "no-correlation-id"
SECRET_TEXT = "secret internals"


# --- shared state and context -------------------------------------------------------


@dataclass
class SpecState:
    """What the procedures write, kept per app so tests can read it directly."""

    contexts_built: int = 0
    lists: dict[str, list[str]] = field(default_factory=dict)
    updates: dict[str, list[list[int]]] = field(default_factory=dict)
    hellos: list[int] = field(default_factory=list)
    notified_sums: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class SpecContext:
    state: SpecState
    serial: int
    correlation_id: str | None
    authorization: str | None
    trace: tuple[str, ...] = ()


def context_factory(state: SpecState) -> Callable[[Request], Awaitable[SpecContext]]:
    async def build(request: Request) -> SpecContext:
        state.contexts_built += 1
        return SpecContext(
            state=state,
            serial=state.contexts_built,
            correlation_id=current_correlation_id(),
            authorization=request.headers.get("authorization"),
        )

    return build


# --- input and output models ----------------------------------------------------------


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SubtractInput(_In):
    minuend: int
    subtrahend: int


class ValuesInput(_In):
    values: list[int]


class UpdateInput(_In):
    values: list[int]
    key: str = "spec"


class UpdatesSeenInput(_In):
    key: str = "spec"


class HelloInput(_In):
    value: int


class NameInput(_In):
    name: str


class Greeting(BaseModel):
    name: str
    greeting: str


class AppendInput(_In):
    key: str
    item: str
    delay_ms: int = 0


class KeyInput(_In):
    key: str


class SlowEchoInput(_In):
    value: int
    delay_ms: int = 0


class WhoAmI(BaseModel):
    serial: int
    correlation_id: str | None
    trace: list[str]


class EchoInput(_In):
    value: JsonValue = None


# --- middlewares -----------------------------------------------------------------------


def tracing(label: str) -> rpc.Middleware[SpecContext]:
    async def middleware(
        call: rpc.MiddlewareCall[SpecContext], next_: rpc.Next[SpecContext]
    ) -> Any:
        return await next_(dataclasses.replace(call.ctx, trace=(*call.ctx.trace, label)))

    return middleware


async def require_authorization(
    call: rpc.MiddlewareCall[SpecContext], next_: rpc.Next[SpecContext]
) -> Any:
    if call.ctx.authorization != "Bearer let-me-in":
        raise RpcError(ErrorCode.UNAUTHORIZED, "Sign in first")
    return await next_(call.ctx)


# --- resolvers -------------------------------------------------------------------------


async def subtract(ctx: SpecContext, params: SubtractInput) -> int:
    return params.minuend - params.subtrahend


async def sum_(ctx: SpecContext, params: ValuesInput) -> int:
    return sum(params.values)


async def update(ctx: SpecContext, params: UpdateInput) -> bool:
    ctx.state.updates.setdefault(params.key, []).append(params.values)
    return True


async def updates_seen(ctx: SpecContext, params: UpdatesSeenInput) -> list[list[int]]:
    return list(ctx.state.updates.get(params.key, []))


async def get_data(ctx: SpecContext, params: rpc.NoInput) -> list[str | int]:
    return ["hello", 5]


async def notify_hello(ctx: SpecContext, params: HelloInput) -> int:
    ctx.state.hellos.append(params.value)
    return params.value


async def notify_sum(ctx: SpecContext, params: ValuesInput) -> int:
    total = sum(params.values)
    ctx.state.notified_sums.append(total)
    return total


async def foo_get(ctx: SpecContext, params: NameInput) -> Greeting:
    return Greeting(name=params.name, greeting=f"Hello, {params.name}!")


async def append(ctx: SpecContext, params: AppendInput) -> list[str]:
    # Sleep before reading the list: run concurrently, a later call would overtake.
    await asyncio.sleep(params.delay_ms / 1000)
    items = ctx.state.lists.setdefault(params.key, [])
    items.append(params.item)
    return list(items)


def read(ctx: SpecContext, params: KeyInput) -> list[str]:
    # Sync on purpose: sync resolvers run in a worker thread.
    return list(ctx.state.lists.get(params.key, []))


async def slow_echo(ctx: SpecContext, params: SlowEchoInput) -> int:
    await asyncio.sleep(params.delay_ms / 1000)
    return params.value


async def whoami(ctx: SpecContext, params: rpc.NoInput) -> WhoAmI:
    return WhoAmI(serial=ctx.serial, correlation_id=ctx.correlation_id, trace=list(ctx.trace))


async def explode(ctx: SpecContext, params: rpc.NoInput) -> int:
    raise RuntimeError(SECRET_TEXT)


async def missing_thing(ctx: SpecContext, params: rpc.NoInput) -> int:
    raise RpcError(ErrorCode.NOT_FOUND, "Thing not found")


async def bad_output(ctx: SpecContext, params: rpc.NoInput) -> Any:
    return "not a number"


async def guarded(ctx: SpecContext, params: rpc.NoInput) -> str:
    return "welcome"


async def echo(ctx: SpecContext, params: EchoInput) -> JsonValue:
    return params.value


# --- router and app ----------------------------------------------------------------------

public: rpc.ProcedureBuilder[SpecContext] = rpc.ProcedureBuilder()
traced = public.use(tracing("outer")).use(tracing("inner"))
authed = public.use(require_authorization, errors=[ErrorCode.UNAUTHORIZED])


def build_router() -> rpc.Router[SpecContext]:
    return rpc.Router(
        {
            "subtract": public.input(SubtractInput).output(int).query(subtract),
            "sum": public.input(ValuesInput).output(int).query(sum_),
            "update": public.input(UpdateInput).output(bool).mutation(update),
            "updates_seen": public.input(UpdatesSeenInput)
            .output(list[list[int]])
            .query(updates_seen),
            "get_data": public.output(list[str | int]).query(get_data),
            "notify_hello": public.input(HelloInput).output(int).mutation(notify_hello),
            "notify_sum": public.input(ValuesInput).output(int).mutation(notify_sum),
            "foo": rpc.Router({"get": public.input(NameInput).output(Greeting).query(foo_get)}),
            "append": public.input(AppendInput).output(list[str]).mutation(append),
            "read": public.input(KeyInput).output(list[str]).query(read),
            "slow_echo": public.input(SlowEchoInput).output(int).query(slow_echo),
            "whoami": traced.output(WhoAmI).query(whoami),
            "explode": public.output(int).query(explode),
            "missing_thing": public.output(int)
            .meta(errors=[ErrorCode.NOT_FOUND])
            .query(missing_thing),
            "bad_output": public.output(int).query(bad_output),
            "guarded": authed.output(str).query(guarded),
            "echo": public.input(EchoInput).output(JsonValue).query(echo),
        }
    )


class CorrelationIdMiddleware:
    """Pure ASGI: sets the correlation id from the request header for the whole request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        value = Headers(scope=scope).get(CORRELATION_HEADER) or DEFAULT_CORRELATION_ID
        token = set_correlation_id(value)
        try:
            await self.app(scope, receive, send)
        finally:
            reset_correlation_id(token)


def create_app(limits: rpc.TransportLimits = SPEC_LIMITS) -> Starlette:
    state = SpecState()
    router = build_router()
    document = rpc.build_openrpc(router, title="Switchyard spec server", version="0.0.1")
    transport = rpc.JsonRpcTransport(
        router, context_factory(state), openrpc_document=document, limits=limits
    )
    app = Starlette(
        routes=[Route("/rpc", transport, methods=["POST"])],
        middleware=[StarletteMiddleware(CorrelationIdMiddleware)],
    )
    app.state.spec = state
    app.state.openrpc = document
    return app
