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
    UNIT_BRAND_NAMES,
    assign_units_body,
    bulk_import_bodies,
    create_accounts_body,
    create_brand_body,
    create_product_body,
    create_tickets_body,
    create_unit_brands_body,
    create_unit_models_body,
    create_warehouses_body,
    created_id,
    created_ids,
    created_ticket_ids,
    require_imported,
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
    UNIT_PAGE,
    body_for,
    database_group,
)
from tests.benchmarks.in_process import answers_of, post, serving

# The run's 100,000 units would take a minute here: a few hundred, in two imports, are
# the same data on a small scale (one page of many, every model, warehouse and status).
UNITS = 600
IMPORT_ROWS = 300


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
    """The benchmark's data: the admin signed in, with its accounts, the tickets and the
    units (as a run makes them, with fewer units)."""

    async def call(body: str, token: str | None = None) -> Any:
        return (await post(switchyard, "/rpc", body, token)).json()

    token = token_of(await call(sign_in_body()))
    require_success(await call(create_accounts_body(), token))
    brand_id = created_id(await call(create_brand_body(), token))
    product_id = created_id(await call(create_product_body(brand_id), token))
    ticket_ids = created_ticket_ids(await call(create_tickets_body(product_id), token))
    warehouse_ids = created_ids(await call(create_warehouses_body(), token))
    brand_ids = created_ids(await call(create_unit_brands_body(), token))
    model_ids = created_ids(await call(create_unit_models_body(brand_ids), token))
    for body in bulk_import_bodies(model_ids, warehouse_ids, UNITS, IMPORT_ROWS):
        require_imported(await call(body, token))
    require_success(await call(assign_units_body(ticket_ids), token))
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
    # of tickets or units (newest first) with their joined rows, every time.
    single = json.loads(answered[(switchyard.name, SINGLE)][0])
    assert len(answered[(switchyard.name, BATCH)]) == BATCH_SIZE
    if procedure == "auth.me":
        assert single["email"] == "bench@example.com"
    elif procedure == "account.list":
        assert [account["name"] for account in single] == [
            f"Account {i}" for i in range(1, ACCOUNTS + 1)
        ]
    elif procedure == "inventory.listProducts":
        assert_a_page_of_many_units(single)
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


def assert_a_page_of_many_units(page: Any) -> None:
    """A full page of warranty stock, four in ten of the units, from the newest import;
    its units of every model, brand and warehouse (and none), in every warranty status,
    with money in both forms, so every column and join of the answer is compared."""
    assert page["total"] == UNITS * 4 // 10
    units = page["products"]
    assert len(units) == UNIT_PAGE
    assert {unit["virtual_warehouse_type"] for unit in units} == {"warranty_stock"}
    numbers = [int(unit["serial_number"].rsplit("-", 1)[1]) for unit in units]
    assert min(numbers) > UNITS - IMPORT_ROWS
    assert len({unit["product"]["name"] for unit in units}) == 5
    assert {unit["product"]["brand"]["name"] for unit in units} == set(UNIT_BRAND_NAMES)
    warehouses = {(unit["physical_warehouse"] or {}).get("code") for unit in units}
    assert warehouses == {"BW-1", "BW-2", "BW-3", None}
    assert {unit["warranty_status"] for unit in units} >= {"active", "expired", "no_warranty"}
    prices = {type(unit["purchase_price"]) for unit in units}
    assert prices == {int, float, type(None)}
    assert any(unit["photo_urls"] for unit in units)


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
    units_floor = database_group("inventory.listProducts", bench_database)[0]
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
        for floor in (list_floor, tickets_floor, units_floor):
            refused = await post(floor_client, "/rpc", body_for(floor, SINGLE), token)
            assert _results(refused)[0]["code"] == -32001
        assert (await post(fastapi_client, me_fastapi.path, me, token)).status_code == 401
