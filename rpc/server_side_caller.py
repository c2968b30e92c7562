"""The server-side caller: run procedures through the whole chain without HTTP.

    caller = create_caller(app_router, ctx)
    user = await caller.auth.me()
    ticket = await caller.tickets.getTicket(id=3)          # params as keywords
    ticket = await caller.tickets.getTicket({"id": 3})     # or as one mapping
    ticket = await caller("tickets.getTicket", {"id": 3})  # or by dotted name

Like tRPC's ``createCaller``: middleware, input validation and output validation all
run, errors are raised as :class:`rpc.errors.RpcError`, and the validated output object
(not its JSON form) is returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic, TypeVar

from rpc.errors import ErrorCode, RpcError
from rpc.execution import call_procedure
from rpc.router import Router

ContextT = TypeVar("ContextT")


async def _call(
    router: Router[ContextT],
    ctx: ContextT,
    name: str,
    params: Mapping[str, Any] | None,
    kwargs: Mapping[str, Any],
) -> Any:
    procedure = router.procedures.get(name)
    if procedure is None:
        raise RpcError(ErrorCode.METHOD_NOT_FOUND, f"Method not found: {name}")
    return await call_procedure(procedure, ctx, {**(params or {}), **kwargs})


class ProcedurePath(Generic[ContextT]):
    """``caller.a.b``: call it to run procedure ``a.b``, or go one segment deeper."""

    def __init__(self, router: Router[ContextT], ctx: ContextT, name: str) -> None:
        self._router = router
        self._ctx = ctx
        self._name = name

    # Positional-only, so a procedure's own param called "params" passes as a keyword.
    async def __call__(self, params: Mapping[str, Any] | None = None, /, **kwargs: Any) -> Any:
        return await _call(self._router, self._ctx, self._name, params, kwargs)

    def __getattr__(self, segment: str) -> ProcedurePath[ContextT]:
        if segment.startswith("_"):
            raise AttributeError(segment)
        return ProcedurePath(self._router, self._ctx, f"{self._name}.{segment}")


class ServerSideCaller(Generic[ContextT]):
    """Procedures of a router, called in process with one context (tRPC's caller).

    Named apart from ``services.caller.Caller``, the signed-in user a procedure runs for:
    one word, one meaning.
    """

    def __init__(self, router: Router[ContextT], ctx: ContextT) -> None:
        self._router = router
        self._ctx = ctx

    async def __call__(
        self, name: str, params: Mapping[str, Any] | None = None, /, **kwargs: Any
    ) -> Any:
        return await _call(self._router, self._ctx, name, params, kwargs)

    def __getattr__(self, segment: str) -> ProcedurePath[ContextT]:
        if segment.startswith("_"):
            raise AttributeError(segment)
        return ProcedurePath(self._router, self._ctx, segment)


def create_caller(router: Router[ContextT], ctx: ContextT) -> ServerSideCaller[ContextT]:
    return ServerSideCaller(router, ctx)
