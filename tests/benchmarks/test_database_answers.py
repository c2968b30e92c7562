"""Like with like: for each database-backed procedure, its floor, the FastAPI reference
and Switchyard answer with the same ``result``, to the byte, on each database."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from benchmarks import servers
from benchmarks.dataset import ACCOUNTS, create_accounts_body, require_success, sign_in_body
from benchmarks.dataset import token_from as token_of
from benchmarks.scenarios import (
    BATCH,
    BATCH_SIZE,
    DATABASE_PROCEDURES,
    SINGLE,
    body_for,
    database_group,
)
from tests.benchmarks.in_process import answers_of, post, serving


def result_texts(response: httpx.Response) -> list[str]:
    """Each answer's ``result`` as the bytes of the body hold it.

    Written back compactly with its keys in the order they came; that text must be in
    the body as it is, so two equal lists mean equal bytes, not only equal values.
    """
    texts = []
    for answer in answers_of(response):
        text = json.dumps(answer["result"], separators=(",", ":"), ensure_ascii=False)
        assert text in response.text, "the result is not written compactly"
        texts.append(text)
    return texts


async def sign_in_with_accounts(switchyard: httpx.AsyncClient) -> str:
    """The benchmark's data: the admin signed in, with its accounts (as a run makes them)."""
    token = token_of((await post(switchyard, "/rpc", sign_in_body())).json())
    require_success((await post(switchyard, "/rpc", create_accounts_body(), token)).json())
    return token


@pytest.mark.asyncio
@pytest.mark.parametrize("procedure", DATABASE_PROCEDURES)
async def test_the_floor_fastapi_and_switchyard_answer_the_same(
    bench_database: str, procedure: str
) -> None:
    floor, switchyard, fastapi = database_group(procedure, bench_database)
    async with (
        serving(servers.switchyard()) as switchyard_client,
        serving(servers.database_floor()) as floor_client,
        serving(servers.fastapi()) as fastapi_client,
    ):
        token = await sign_in_with_accounts(switchyard_client)
        answered: dict[tuple[str, str], list[str]] = {}
        for scenario in (SINGLE, BATCH):
            for server, client in ((switchyard, switchyard_client), (floor, floor_client),
                                   (fastapi, fastapi_client)):  # fmt: skip
                if server.runs(scenario):
                    response = await post(client, server.path, body_for(server, scenario), token)
                    answered[(server.name, scenario)] = result_texts(response)
    for scenario in (SINGLE, BATCH):
        assert answered[(floor.name, scenario)] == answered[(switchyard.name, scenario)]
    assert answered[(fastapi.name, SINGLE)] == answered[(switchyard.name, SINGLE)]
    # What is compared is the real work: the caller, or all of its accounts, every time.
    single = json.loads(answered[(switchyard.name, SINGLE)][0])
    assert len(answered[(switchyard.name, BATCH)]) == BATCH_SIZE
    if procedure == "auth.me":
        assert single["email"] == "bench@example.com"
    else:
        assert [account["name"] for account in single] == [
            f"Account {i}" for i in range(1, ACCOUNTS + 1)
        ]


def _results(response: httpx.Response) -> list[Any]:
    return [answer.get("result", answer.get("error")) for answer in answers_of(response)]


@pytest.mark.asyncio
async def test_the_floor_and_fastapi_refuse_a_signed_out_session_as_switchyard_does(
    bench_database: str,
) -> None:
    # The session must be live for every server: a revoked one reads as no caller.
    me_floor, _, me_fastapi = database_group("auth.me", bench_database)
    list_floor = database_group("account.list", bench_database)[0]
    async with (
        serving(servers.switchyard()) as switchyard_client,
        serving(servers.database_floor()) as floor_client,
        serving(servers.fastapi()) as fastapi_client,
    ):
        token = await sign_in_with_accounts(switchyard_client)
        logout = json.dumps({"jsonrpc": "2.0", "method": "auth.logout", "id": 1})
        require_success((await post(switchyard_client, "/rpc", logout, token)).json())
        me = body_for(me_floor, SINGLE)
        assert _results(await post(switchyard_client, "/rpc", me, token)) == [None]
        assert _results(await post(floor_client, "/rpc", me, token)) == [None]
        refused = await post(floor_client, "/rpc", body_for(list_floor, SINGLE), token)
        assert _results(refused)[0]["code"] == -32001
        assert (await post(fastapi_client, me_fastapi.path, me, token)).status_code == 401
