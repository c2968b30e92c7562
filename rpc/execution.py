"""Running one procedure call: middleware chain, input validation, resolver, output check.

The transport and the server-side caller both come through :func:`call_procedure`, so a
call made in a test without HTTP takes exactly the path a call over HTTP takes.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Mapping
from typing import Any, TypeVar

from anyio import to_thread
from pydantic import BaseModel, ValidationError

from rpc.errors import ErrorCode, Issue, RpcError, internal_error
from rpc.procedure import MiddlewareCall, Procedure

ContextT = TypeVar("ContextT")

logger = logging.getLogger("rpc.execution")


async def call_procedure(
    procedure: Procedure[ContextT], ctx: ContextT, params: Mapping[str, Any]
) -> Any:
    """Run the call and return the validated output; raise :class:`RpcError` on failure.

    Any other exception is logged with its traceback (the log line carries the
    correlation id) and becomes INTERNAL_SERVER_ERROR, with none of its text.
    """
    try:
        return await _run_chain(procedure, ctx, params, 0)
    except RpcError:
        raise
    except Exception:
        logger.exception("unexpected error in %s", procedure.name)
        raise internal_error() from None


def dump_output(procedure: Procedure[Any], output: Any) -> Any:
    """The output as JSON-ready values (strings for Decimal and datetime, and so on)."""
    return procedure.output_adapter.dump_python(output, mode="json")


async def _run_chain(
    procedure: Procedure[ContextT], ctx: ContextT, params: Mapping[str, Any], index: int
) -> Any:
    if index == len(procedure.middlewares):
        return await _resolve(procedure, ctx, params)
    middleware = procedure.middlewares[index]

    async def next_(next_ctx: ContextT) -> Any:
        return await _run_chain(procedure, next_ctx, params, index + 1)

    return await middleware(MiddlewareCall(ctx, procedure, params), next_)


async def _resolve(procedure: Procedure[ContextT], ctx: ContextT, params: Mapping[str, Any]) -> Any:
    parsed = parse_input(procedure, params)
    if inspect.iscoroutinefunction(procedure.resolver):
        output = await procedure.resolver(ctx, parsed)
    else:
        # Sync resolvers may block on the database: keep them off the event loop.
        output = await to_thread.run_sync(procedure.resolver, ctx, parsed)
    return _check_output(procedure, output)


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
