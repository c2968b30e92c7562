"""The benchmark compares like with like: the echo floor and bench.echo give the same answers."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from benchmarks.scenarios import ECHO_GROUP, body_for
from benchmarks.servers import floor, switchyard
from tests.rate_windows import within_one_window


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SWITCHYARD_DATA_DIR", str(tmp_path))
    for name in ("DATABASE_URL", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def _post(app: Any, body: str) -> Any:
    async def send() -> Any:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            response = await client.post(
                "/rpc", content=body, headers={"Content-Type": "application/json"}
            )
            assert response.status_code == 200
            return response.json()

    return asyncio.run(send())


@pytest.mark.parametrize("scenario", ["single", "batch50"])
def test_floor_and_switchyard_answer_the_same(data_dir: Path, scenario: str) -> None:
    floor_server, echo_server = ECHO_GROUP
    from_floor = _post(floor(), body_for(floor_server, scenario))
    from_switchyard = _post(switchyard(), body_for(echo_server, scenario))
    assert from_switchyard == from_floor
    answers = from_floor if isinstance(from_floor, list) else [from_floor]
    assert len(answers) == (1 if scenario == "single" else 50)
    assert all(answer["result"] == {"text": "hello"} for answer in answers)


def test_the_batch_body_holds_fifty_calls_with_distinct_ids() -> None:
    calls = json.loads(body_for(ECHO_GROUP[1], "batch50"))
    assert [call["id"] for call in calls] == list(range(1, 51))
    assert {call["method"] for call in calls} == {"bench.echo"}


def test_bench_echo_runs_the_real_chain_with_its_rate_limit_check(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same base as every public procedure: the limit, lowered here, is really counted.
    monkeypatch.setenv("SWITCHYARD_RATE_LIMIT_OVERRIDES", "bench.echo=2/minute")
    app = switchyard()
    within_one_window("minute", seconds_needed=5)
    body = json.dumps([{"jsonrpc": "2.0", "method": "bench.echo", "params": {"text": "a"}, "id": i}
                       for i in range(3)])  # fmt: skip
    answers = _post(app, body)
    assert [answer.get("result") for answer in answers[:2]] == [{"text": "a"}] * 2
    assert answers[2]["error"]["data"]["code"] == "TOO_MANY_REQUESTS"


def test_bench_echo_validates_its_input_like_any_procedure(data_dir: Path) -> None:
    body = json.dumps({"jsonrpc": "2.0", "method": "bench.echo", "params": {"txt": "a"}, "id": 1})
    error = _post(switchyard(), body)["error"]
    assert error["code"] == -32602
    assert [issue["path"] for issue in error["data"]["issues"]] == [["text"], ["txt"]]
