"""Like with like: for each database-backed procedure, its floor, the FastAPI reference
and Switchyard answer with the same ``result``, to the byte, on each database."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from benchmarks import servers
from benchmarks.dataset import (
    ACCOUNTS,
    TICKETS,
    create_accounts_body,
    create_brand_body,
    create_product_body,
    create_tickets_body,
    created_id,
    require_success,
    sign_in_body,
)
from benchmarks.dataset import token_from as token_of
from benchmarks.scenarios import (
    BATCH,
    BATCH_SIZE,
    DATABASE_PROCEDURES,
    SINGLE,
    TICKET_PAGE,
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


async def sign_in_with_data(switchyard: httpx.AsyncClient) -> str:
    """The benchmark's data: the admin signed in, with its accounts and the tickets (as a
    run makes them)."""

    async def call(body: str, token: str | None = None) -> Any:
        return (await post(switchyard, "/rpc", body, token)).json()

    token = token_of(await call(sign_in_body()))
    require_success(await call(create_accounts_body(), token))
    brand_id = created_id(await call(create_brand_body(), token))
    product_id = created_id(await call(create_product_body(brand_id), token))
    require_success(await call(create_tickets_body(product_id), token))
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
        token = await sign_in_with_data(switchyard_client)
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
    # What is compared is the real work: the caller, all of its accounts, or a full page
    # of tickets (newest first) with their joined rows, every time.
    single = json.loads(answered[(switchyard.name, SINGLE)][0])
    assert len(answered[(switchyard.name, BATCH)]) == BATCH_SIZE
    if procedure == "auth.me":
        assert single["email"] == "bench@example.com"
    elif procedure == "account.list":
        assert [account["name"] for account in single] == [
            f"Account {i}" for i in range(1, ACCOUNTS + 1)
        ]
    else:
        assert single["total"] == TICKETS
        assert [ticket["issue_description"].split(":")[0] for ticket in single["tickets"]] == [
            f"Ticket {i}" for i in range(TICKETS, TICKETS - TICKET_PAGE, -1)
        ]
        newest = single["tickets"][0]
        assert newest["products"]["brands"] == {"name": "Benchmark Brand"}
        assert newest["customers"]["phone"] == "+1 555 010 2030"
        # Money in both of its wire forms: 40 + 50 * 0.25 and 10.
        assert (newest["service_fee"], newest["diagnosis_fee"]) == (52.5, 10)


def _results(response: httpx.Response) -> list[Any]:
    return [answer.get("result", answer.get("error")) for answer in answers_of(response)]


@pytest.mark.asyncio
async def test_the_floor_and_fastapi_refuse_a_signed_out_session_as_switchyard_does(
    bench_database: str,
) -> None:
    # The session must be live for every server: a revoked one reads as no caller.
    me_floor, _, me_fastapi = database_group("auth.me", bench_database)
    list_floor = database_group("account.list", bench_database)[0]
    tickets_floor = database_group("tickets.getTickets", bench_database)[0]
    async with (
        serving(servers.switchyard()) as switchyard_client,
        serving(servers.database_floor()) as floor_client,
        serving(servers.fastapi()) as fastapi_client,
    ):
        token = await sign_in_with_data(switchyard_client)
        logout = json.dumps({"jsonrpc": "2.0", "method": "auth.logout", "id": 1})
        require_success((await post(switchyard_client, "/rpc", logout, token)).json())
        me = body_for(me_floor, SINGLE)
        assert _results(await post(switchyard_client, "/rpc", me, token)) == [None]
        assert _results(await post(floor_client, "/rpc", me, token)) == [None]
        for floor in (list_floor, tickets_floor):
            refused = await post(floor_client, "/rpc", body_for(floor, SINGLE), token)
            assert _results(refused)[0]["code"] == -32001
        assert (await post(fastapi_client, me_fastapi.path, me, token)).status_code == 401
