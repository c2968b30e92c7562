"""Running one procedure call: middleware chain, input validation, resolver, output check.

The transport and the server-side caller both run what :func:`compile_procedure` builds,
so a call made in a test without HTTP takes exactly the path a call over HTTP takes.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Any, TypeVar

from anyio import to_thread
from pydantic import BaseModel, ValidationError

from rpc.errors import ErrorCode, Issue, RpcError, internal_error
from rpc.procedure import Middleware, MiddlewareCall, Next, Procedure

ContextT = TypeVar("ContextT")

logger = logging.getLogger("rpc.execution")


Handler = Callable[[ContextT, Mapping[str, Any]], Awaitable[Any]]


def compile_procedure(procedure: Procedure[ContextT]) -> Handler[ContextT]:
    """The whole call as one function, built once: middleware layers around the resolver.

    Returns the validated output or raises :class:`RpcError`. Any other exception is
    logged with its traceback (the log line carries the correlation id) and becomes
    INTERNAL_SERVER_ERROR, with none of its text.
    """
    chain = _resolver_step(procedure)
    for middleware in reversed(procedure.middlewares):
        chain = _middleware_step(procedure, middleware, chain)

    async def run(ctx: ContextT, params: Mapping[str, Any]) -> Any:
        try:
            return await chain(ctx, params)
        except RpcError:
            raise
        except Exception:
            logger.exception("unexpected error in %s", procedure.name)
            raise internal_error() from None

    return run


async def call_procedure(
    procedure: Procedure[ContextT], ctx: ContextT, params: Mapping[str, Any]
) -> Any:
    """Run one call of ``procedure`` (compiling it first: for occasional calls)."""
    return await compile_procedure(procedure)(ctx, params)


def dump_output(procedure: Procedure[Any], output: Any) -> Any:
    """The output as JSON-ready values (strings for Decimal and datetime, and so on)."""
    return procedure.output_adapter.dump_python(output, mode="json")


def _middleware_step(
    procedure: Procedure[ContextT], middleware: Middleware[ContextT], inner: Handler[ContextT]
) -> Handler[ContextT]:
    # A plain function returning the middleware's coroutine, and partial() as next: no
    # extra coroutine frame or closure per layer and call.
    def step(ctx: ContextT, params: Mapping[str, Any]) -> Awaitable[Any]:
        next_: Next[ContextT] = partial(inner, params=params)  # type: ignore[call-arg]
        return middleware(MiddlewareCall(ctx, procedure, params), next_)

    return step


def _resolver_step(procedure: Procedure[ContextT]) -> Handler[ContextT]:
    resolver = procedure.resolver
    if inspect.iscoroutinefunction(resolver):

        async def resolve_async(ctx: ContextT, params: Mapping[str, Any]) -> Any:
            output = await resolver(ctx, parse_input(procedure, params))
            return _check_output(procedure, output)

        return resolve_async

    async def resolve_in_thread(ctx: ContextT, params: Mapping[str, Any]) -> Any:
        parsed = parse_input(procedure, params)
        # Sync resolvers may block on the database: keep them off the event loop.
        output = await to_thread.run_sync(resolver, ctx, parsed)
        return _check_output(procedure, output)

    return resolve_in_thread


def parse_input(procedure: Procedure[Any], params: Mapping[str, Any]) -> BaseModel:
    """Validate the params against the input model; bad params are INVALID_PARAMS."""
    try:
        return procedure.input_model.model_validate(params)
    except ValidationError as exc:
        raise invalid_params(exc) from None


def invalid_params(exc: ValidationError) -> RpcError:
    issues = [
        Issue(path=tuple(error["loc"]), message=error["msg"], type=error["type"])
        for error in exc.errors(include_url=False, include_context=False, include_input=False)
    ]
    return RpcError(ErrorCode.INVALID_PARAMS, _describe(issues), issues=issues)


def _describe(issues: list[Issue]) -> str:
    first = issues[0]
    where = ".".join(str(part) for part in first.path) or "params"
    more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
    return f"Invalid params: {where}: {first.message}{more}"


def _check_output(procedure: Procedure[Any], output: Any) -> Any:
    try:
        return procedure.output_adapter.validate_python(output, from_attributes=True)
    except ValidationError:
        # The resolver broke its own contract: that is a server bug, not the caller's.
        logger.exception("output of %s does not match its declared output", procedure.name)
        raise internal_error() from None
