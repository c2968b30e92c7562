"""The JSON-RPC 2.0 transport on Starlette: framing, batches, limits, responses.

A request's way: read the body (refusing it past ``max_body_bytes``), parse it, split a
batch and check each member's envelope, build the context once, dispatch each valid
member through jsonrpcserver, and answer in request order. Every processed body is
answered with HTTP 200; errors live in the body, where JSON-RPC clients look for them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from rpc.concurrency import map_bounded
from rpc.correlation import current_correlation_id
from rpc.dispatch import JsonRpcMethod, constant_method, dispatch_one, methods_for
from rpc.envelope import CheckedRequest, EnvelopeError, check_request
from rpc.errors import ErrorCode, RpcError, clipped, rpc_error_from_unknown
from rpc.execution import too_many_unknown_members
from rpc.json_codec import (
    UNPAIRED_SURROGATE,
    JsonParseError,
    UnpairedSurrogateError,
    dump_json,
    parse_json,
)
from rpc.procedure import Procedure
from rpc.router import Router
from rpc.unknown_members import member_limit, unknown_members

ContextT = TypeVar("ContextT")
ContextFactory = Callable[[Request], Awaitable[ContextT]]

DISCOVER_METHOD = "rpc.discover"
JSON_MEDIA_TYPE = "application/json"

logger = logging.getLogger("rpc.transport")


@dataclass(frozen=True, slots=True)
class TransportLimits:
    max_batch_size: int = 100
    max_body_bytes: int = 1_048_576
    # How many queries of one batch may run at the same time.
    query_concurrency: int = 8


class _BodyTooLargeError(Exception):
    pass


class _ClientGoneError(Exception):
    """The client disconnected before sending the whole body: nobody to answer."""


class JsonRpcTransport(Generic[ContextT]):
    """Serves ``router`` at one POST endpoint: an ASGI app."""

    def __init__(
        self,
        router: Router[ContextT],
        context_factory: ContextFactory[ContextT],
        *,
        openrpc_document: Mapping[str, Any],
        limits: TransportLimits = TransportLimits(),
    ) -> None:
        self._procedures: Mapping[str, Procedure[ContextT]] = router.procedures
        self._context_factory = context_factory
        self._limits = limits
        self._methods: dict[str, JsonRpcMethod] = methods_for(self._procedures)
        self._methods[DISCOVER_METHOD] = constant_method(dict(openrpc_document))
        self._mutations = frozenset(
            name for name, procedure in self._procedures.items() if procedure.kind == "mutation"
        )
        self._member_limits = {
            name: member_limit(procedure.input_model)
            for name, procedure in self._procedures.items()
        }
        # How many members each method's params may have before they are looked at for
        # unknown ones (rpc.discover takes and ignores any); also the method lookup.
        self._most_members = {name: limit.most for name, limit in self._member_limits.items()}
        self._most_members[DISCOVER_METHOD] = sys.maxsize

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI endpoint (mount it with ``Route(path, transport, methods=["POST"])``).

        Plain ASGI rather than a Starlette endpoint: the transport owns its framing, so
        no Request/Response objects are built for what is one body in, one body out.
        """
        headers = scope["headers"]
        if not _is_json(_header(headers, b"content-type")):
            error = RpcError(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, f"Content-Type must be {JSON_MEDIA_TYPE}"
            )
            await _send_http_error(send, error)
            return
        limit = self._limits.max_body_bytes
        try:
            body = await _read_body(receive, _header(headers, b"content-length"), limit)
        except _BodyTooLargeError:
            error = RpcError(
                ErrorCode.PAYLOAD_TOO_LARGE,
                f"Request body exceeds {limit} bytes",
                extra={"maxBodyBytes": limit},
            )
            await _send_http_error(send, error)
            return
        except _ClientGoneError:
            return
        try:
            payload = parse_json(body)
        except UnpairedSurrogateError:
            # Refused whole, before anything in it runs: no call may run whose answer
            # (which echoes its id and method) could not be written.
            error = RpcError(ErrorCode.PARSE_ERROR, f"Parse error: {UNPAIRED_SURROGATE}")
            await _send(send, 200, _error_response(error, None))
            return
        except JsonParseError:
            await _send(send, 200, _error_response(RpcError(ErrorCode.PARSE_ERROR), None))
            return
        answer = await self._answer_payload(Request(scope), payload)
        if answer is None:
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        await _send(send, 200, answer)

    async def _answer_payload(self, request: Request, payload: Any) -> Any:
        if isinstance(payload, list):
            if not payload:
                return _error_response(_bad_request("an empty batch has no calls"), None)
            if len(payload) > self._limits.max_batch_size:
                limit = self._limits.max_batch_size
                too_large = RpcError(
                    ErrorCode.BAD_REQUEST,
                    f"Invalid request: a batch may hold at most {limit} calls, "
                    f"this one holds {len(payload)}",
                    extra={"maxBatchSize": limit},
                )
                return _error_response(too_large, None)
            answers = await self._answer_batch(request, payload)
            present = [answer for answer in answers if answer is not None]
            return present or None
        answers = await self._answer_batch(request, [payload])
        return answers[0]

    async def _answer_batch(self, request: Request, members: list[Any]) -> list[Any]:
        answers: list[Any] = [None] * len(members)
        # The members to run, as their positions and checked requests.
        indexes: list[int] = []
        runnable: list[CheckedRequest] = []
        has_mutation = False
        for index, member in enumerate(members):
            try:
                checked = check_request(member)
            except EnvelopeError as exc:
                answers[index] = _error_response(exc.error, exc.id)
                continue
            most_members = self._most_members.get(checked.method)
            if most_members is None or type(checked.params) is not dict:
                # The spec forbids answering a notification, even with an error.
                if not checked.is_notification:
                    refusal = self._refusal(checked)
                    # The method may be any string the caller sent: echo a sane length.
                    path = clipped(checked.method)
                    answers[index] = _error_response(refusal, checked.id, path=path)
                continue
            if len(checked.params) > most_members:
                oversized = self._oversized(checked)
                if oversized is not None:
                    if not checked.is_notification:
                        answers[index] = _error_response(oversized, checked.id, path=checked.method)
                    continue
            indexes.append(index)
            runnable.append(checked)
            has_mutation = has_mutation or checked.method in self._mutations
        if not runnable:
            return answers
        try:
            ctx = await self._context_factory(request)
        except Exception as exc:
            error = rpc_error_from_unknown(exc, where="the request context factory", logger=logger)
            for index, checked in zip(indexes, runnable, strict=True):
                if not checked.is_notification:
                    answers[index] = _error_response(error, checked.id)
            return answers
        if has_mutation:
            results = await self._run_in_order(ctx, runnable)
        else:
            results = await self._run_queries(ctx, runnable)
        for index, result in zip(indexes, results, strict=True):
            answers[index] = result
        return answers

    async def _run_in_order(self, ctx: ContextT, requests: list[CheckedRequest]) -> list[Any]:
        """Mutations run one after another in array order; queries between them at once."""
        results: list[Any] = []
        queries: list[CheckedRequest] = []
        for request in requests:
            if request.method in self._mutations:
                results += await self._run_queries(ctx, queries)
                queries = []
                results.append(await dispatch_one(self._methods, ctx, request))
            else:
                queries.append(request)
        results += await self._run_queries(ctx, queries)
        return results

    async def _run_queries(self, ctx: ContextT, queries: list[CheckedRequest]) -> list[Any]:
        """Run queries concurrently, at most ``query_concurrency`` at a time.

        Quick queries all run in this task; workers are added only while queries wait
        (see ``rpc.concurrency``): a batch of fifty quick ones makes no task at all.
        """
        if len(queries) <= 1:
            return [await dispatch_one(self._methods, ctx, query) for query in queries]
        answer = partial(dispatch_one, self._methods, ctx)
        return await map_bounded(answer, queries, self._limits.query_concurrency)

    def _oversized(self, checked: CheckedRequest) -> RpcError | None:
        """The refusal of params holding more unknown members than an error lists.

        The call's input validation refuses them too (``rpc.unknown_members``), but
        only after jsonrpcserver has passed the params on as keyword arguments, copying
        them twice: for 116,000 members that is most of what the request costs. So the
        transport refuses them first, as it refuses an oversized batch: before the call
        runs, whoever sends it (auth and the rate limit do not come first here).
        """
        assert isinstance(checked.params, dict)
        unknown = unknown_members(checked.params, self._member_limits[checked.method])
        return None if unknown is None else too_many_unknown_members(unknown)

    def _refusal(self, checked: CheckedRequest) -> RpcError:
        """Why a well-formed request cannot be dispatched (unknown method, by position)."""
        if checked.method not in self._methods:
            return RpcError(
                ErrorCode.METHOD_NOT_FOUND, f"Method not found: {clipped(checked.method)}"
            )
        return RpcError(
            ErrorCode.INVALID_PARAMS,
            "Invalid params: params must be passed by name (a JSON object), not by position",
        )


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    # ASGI header names are lower-case bytes.
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return None


def _is_json(content_type: str | None) -> bool:
    if content_type is None:
        return False
    return content_type.split(";", 1)[0].strip().lower() == JSON_MEDIA_TYPE


async def _read_body(receive: Receive, declared: str | None, limit: int) -> bytes:
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _BodyTooLargeError
    chunks: list[bytes] = []
    size = 0
    # A client may lie about (or omit) Content-Length: count what actually arrives.
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _ClientGoneError
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise _BodyTooLargeError
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _bad_request(reason: str) -> RpcError:
    return RpcError(ErrorCode.BAD_REQUEST, f"Invalid request: {reason}")


def _error_response(error: RpcError, request_id: Any, *, path: str | None = None) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "error": error.to_json(path=path, correlation_id=current_correlation_id()),
        "id": request_id,
    }


async def _send(send: Send, status: int, content: Any) -> None:
    body = dump_json(content)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _send_http_error(send: Send, error: RpcError) -> None:
    # The body was refused before it was read as JSON-RPC, so the HTTP status says why
    # too; the body is still a JSON-RPC error a client can read.
    await _send(send, error.code.http_status, _error_response(error, None))
