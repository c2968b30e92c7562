"""The server-side caller: run procedures through the whole chain without HTTP.

    caller = create_caller(app_router, ctx)
    user = await caller.auth.me()
    ticket = await caller("tickets.getTicket", {"id": 3})

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


class Caller(Generic[ContextT]):
    def __init__(self, router: Router[ContextT], ctx: ContextT, prefix: str = "") -> None:
        self._router = router
        self._ctx = ctx
        self._prefix = prefix

    async def __call__(
        self, name: str | None = None, params: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> Any:
        full_name = ".".join(part for part in (self._prefix, name or "") if part)
        procedure = self._router.procedures.get(full_name)
        if procedure is None:
            raise RpcError(ErrorCode.METHOD_NOT_FOUND, f"Method not found: {full_name}")
        return await call_procedure(procedure, self._ctx, {**(params or {}), **kwargs})

    def __getattr__(self, segment: str) -> Caller[ContextT]:
        if segment.startswith("_"):
            raise AttributeError(segment)
        prefix = f"{self._prefix}.{segment}" if self._prefix else segment
        return Caller(self._router, self._ctx, prefix)


def create_caller(router: Router[ContextT], ctx: ContextT) -> Caller[ContextT]:
    return Caller(router, ctx)
