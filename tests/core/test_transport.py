"""Transport behaviour that needs its own app: a context factory that fails, and limits."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx
import pytest
from pydantic import BaseModel, ConfigDict
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route

from rpc import ErrorCode, JsonRpcTransport, ProcedureBuilder, Router, RpcError, TransportLimits

HEADERS = {"Content-Type": "application/json"}


async def answer_one(ctx: object, params: Any) -> int:
    return 1


PUBLIC: ProcedureBuilder[object] = ProcedureBuilder()
ROUTER = Router({"one": PUBLIC.output(int).query(answer_one)})
DEFAULT_LIMITS = TransportLimits()


def make_app(
    *,
    fail_context: bool = False,
    context_error: Exception | None = None,
    limits: TransportLimits = DEFAULT_LIMITS,
    router: Router[object] = ROUTER,
) -> Starlette:
    async def context_factory(request: Request) -> object:
        if fail_context:
            raise RuntimeError("database password is hunter2")
        if context_error is not None:
            raise context_error
        return object()

    transport = JsonRpcTransport(
        router, context_factory, openrpc_document={"openrpc": "1.3.2"}, limits=limits
    )
    return Starlette(routes=[Route("/rpc", transport, methods=["POST"])])


async def post(app: Starlette, payload: Any) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://core") as client:
        return await client.post("/rpc", content=json.dumps(payload), headers=HEADERS)


@pytest.mark.asyncio
async def test_failing_context_factory_is_internal_error_for_each_call() -> None:
    batch = [
        {"jsonrpc": "2.0", "method": "one", "id": 1},
        {"jsonrpc": "2.0", "method": "nope", "id": 2},
        {"jsonrpc": "2.0", "method": "one"},
        {"jsonrpc": "1.0", "method": "one", "id": 4},
    ]
    response = await post(make_app(fail_context=True), batch)
    assert response.status_code == 200
    assert "hunter2" not in response.text
    payload = response.json()
    assert [member["id"] for member in payload] == [1, 2, 4]
    assert [member["error"]["code"] for member in payload] == [-32603, -32601, -32600]
    assert payload[0]["error"]["message"] == "Internal server error"
    assert payload[0]["error"]["data"]["code"] == "INTERNAL_SERVER_ERROR"


@pytest.mark.asyncio
async def test_failing_context_factory_is_logged_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="rpc.transport"):
        await post(make_app(fail_context=True), {"jsonrpc": "2.0", "method": "one", "id": 1})
    [record] = [r for r in caplog.records if r.name == "rpc.transport"]
    assert record.getMessage() == "unexpected error in the request context factory"
    assert record.exc_info is not None
    assert "hunter2" in str(record.exc_info[1])


@pytest.mark.asyncio
async def test_an_rpc_error_from_the_context_factory_is_answered_as_it_is() -> None:
    # The one funnel (rpc.errors.rpc_error_from_unknown) passes an error meant for the
    # caller through, wherever it is raised: as tRPC does for createContext.
    refusal = RpcError(ErrorCode.UNAUTHORIZED, "Token expired")
    batch = [{"jsonrpc": "2.0", "method": "one", "id": 1}, {"jsonrpc": "2.0", "method": "one"}]
    payload = (await post(make_app(context_error=refusal), batch)).json()
    assert [member["id"] for member in payload] == [1]
    assert payload[0]["error"]["code"] == ErrorCode.UNAUTHORIZED.number
    assert payload[0]["error"]["message"] == "Token expired"


async def explode(ctx: object, params: Any) -> int:
    raise RuntimeError("database password is hunter2")


@pytest.mark.asyncio
async def test_an_unexpected_exception_in_a_call_is_logged_by_the_dispatch(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = make_app(router=Router({"explode": PUBLIC.output(int).query(explode)}))
    with caplog.at_level(logging.ERROR, logger="rpc.dispatch"):
        response = await post(app, {"jsonrpc": "2.0", "method": "explode", "id": 1})
    assert "hunter2" not in response.text
    assert response.json()["error"]["code"] == -32603
    [record] = [r for r in caplog.records if r.name == "rpc.dispatch"]
    assert record.getMessage() == "unexpected error in explode"
    assert record.exc_info is not None
    assert "hunter2" in str(record.exc_info[1])


@pytest.mark.asyncio
async def test_failing_context_factory_never_answers_a_notification() -> None:
    response = await post(make_app(fail_context=True), {"jsonrpc": "2.0", "method": "one"})
    assert response.status_code == 204
    assert response.content == b""


@pytest.mark.asyncio
async def test_default_limits() -> None:
    assert TransportLimits() == TransportLimits(max_batch_size=100, max_body_bytes=1_048_576)
    app = make_app()
    batch = [{"jsonrpc": "2.0", "method": "one", "id": i} for i in range(101)]
    refused = (await post(app, batch)).json()
    assert refused["error"]["code"] == ErrorCode.BAD_REQUEST.number
    assert refused["error"]["data"]["maxBatchSize"] == 100
    served = (await post(app, batch[:100])).json()
    assert [member["result"] for member in served] == [1] * 100


@pytest.mark.asyncio
async def test_limits_are_taken_from_the_settings() -> None:
    app = make_app(limits=TransportLimits(max_batch_size=2, max_body_bytes=300))
    batch = [{"jsonrpc": "2.0", "method": "one", "id": i} for i in range(3)]
    refused = (await post(app, batch)).json()
    assert refused["error"]["message"] == (
        "Invalid request: a batch may hold at most 2 calls, this one holds 3"
    )
    too_big = await post(app, {"jsonrpc": "2.0", "method": "one", "id": "x" * 300})
    assert too_big.status_code == 413
    assert too_big.json()["error"]["data"]["code"] == "PAYLOAD_TOO_LARGE"
    assert too_big.json()["error"]["message"] == "Request body exceeds 300 bytes"


@pytest.mark.asyncio
async def test_rpc_discover_answers_the_given_document() -> None:
    response = await post(make_app(), {"jsonrpc": "2.0", "method": "rpc.discover", "id": 1})
    assert response.json() == {"jsonrpc": "2.0", "result": {"openrpc": "1.3.2"}, "id": 1}


class _Tracker:
    """Records what runs at the same time as what, for the batch scheduling tests."""

    def __init__(self) -> None:
        self.in_flight: set[str] = set()
        self.most_queries_in_flight = 0
        self.seen_beside_a_mutation: list[set[str]] = []
        self.mutation_order: list[int] = []


def scheduling_app(tracker: _Tracker, query_concurrency: int) -> Starlette:
    async def slow_query(ctx: object, params: Any) -> int:
        name = f"query-{id(params)}"
        tracker.in_flight.add(name)
        queries = sum(1 for flight in tracker.in_flight if flight.startswith("query"))
        tracker.most_queries_in_flight = max(tracker.most_queries_in_flight, queries)
        await asyncio.sleep(0.005)
        tracker.in_flight.discard(name)
        return 1

    async def mutation(ctx: object, params: NumberInput) -> int:
        tracker.seen_beside_a_mutation.append(set(tracker.in_flight))
        tracker.in_flight.add("mutation")
        await asyncio.sleep(0.005)
        tracker.in_flight.discard("mutation")
        tracker.mutation_order.append(params.n)
        return params.n

    router = Router(
        {
            "slow": PUBLIC.output(int).query(slow_query),
            "write": PUBLIC.input(NumberInput).output(int).mutation(mutation),
        }
    )

    async def context_factory(request: Request) -> object:
        return object()

    transport = JsonRpcTransport(
        router,
        context_factory,
        openrpc_document={},
        limits=TransportLimits(query_concurrency=query_concurrency),
    )
    return Starlette(routes=[Route("/rpc", transport, methods=["POST"])])


class NumberInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    n: int


@pytest.mark.asyncio
@pytest.mark.parametrize("query_concurrency", [1, 4, 8])
async def test_a_batch_runs_queries_concurrently_up_to_the_limit(query_concurrency: int) -> None:
    tracker = _Tracker()
    batch = [{"jsonrpc": "2.0", "method": "slow", "id": i} for i in range(20)]
    answers = (await post(scheduling_app(tracker, query_concurrency), batch)).json()
    assert [answer["id"] for answer in answers] == list(range(20))
    assert tracker.most_queries_in_flight == query_concurrency


@pytest.mark.asyncio
async def test_mutations_run_alone_and_in_array_order_between_queries() -> None:
    tracker = _Tracker()
    batch: list[dict[str, Any]] = []
    for n in range(3):
        batch += [{"jsonrpc": "2.0", "method": "slow", "id": f"q{n}-{i}"} for i in range(5)]
        batch.append({"jsonrpc": "2.0", "method": "write", "params": {"n": n}, "id": f"m{n}"})
    answers = (await post(scheduling_app(tracker, 8), batch)).json()
    assert [answer["id"] for answer in answers] == [member["id"] for member in batch]
    assert tracker.mutation_order == [0, 1, 2]
    assert tracker.seen_beside_a_mutation == [set(), set(), set()]
    assert tracker.most_queries_in_flight == 5


@pytest.mark.asyncio
async def test_params_far_over_their_member_limit_are_refused_before_dispatch() -> None:
    # Nothing runs: not even the request's context is built (no jsonrpcserver, whose
    # keyword arguments would copy the 116,000 members twice, and no middleware).
    contexts: list[object] = []

    async def context_factory(request: Request) -> object:
        contexts.append(request)
        return object()

    limits = TransportLimits(max_body_bytes=4_000_000)  # json.dumps writes spaces
    transport = JsonRpcTransport(ROUTER, context_factory, openrpc_document={}, limits=limits)
    app = Starlette(routes=[Route("/rpc", transport, methods=["POST"])])
    params = {f"k{index}": 0 for index in range(116_000)}

    response = await post(app, {"jsonrpc": "2.0", "method": "one", "params": params, "id": 1})

    error = response.json()["error"]
    assert error["code"] == ErrorCode.INVALID_PARAMS.number
    assert error["data"]["path"] == "one"
    assert error["data"]["issueCount"] == 116_000
    assert len(error["data"]["issues"]) == 20
    assert contexts == []
