"""50 ``tickets.createTicket`` calls at once, over real HTTP (on SQLite and PostgreSQL):
each its own thread, client and signed-in user, released together by a barrier. The
module has a server and database of its own, so the year's numbers start at 1: the 50
tickets take exactly 1..50, each once, every part line's stock is taken, and the stock
equals the ledger."""

from __future__ import annotations

import threading
from typing import Any

import httpx

from services.tickets.number_rules import ticket_number
from tests.e2e.browser import call
from tests.e2e.catalog.parts import (
    ledger_sum,
)
from tests.e2e.conftest import Account, LiveServer, MakeUser
from tests.e2e.tickets.intake_helpers import make_product, make_stocked_part, ticket_params
from tests.e2e.tickets.lifecycle_helpers import utc_today_for_a_while

CREATORS = 50
WAIT_SECONDS = 120
OPENING_STOCK = 100


def test_parallel_creations_take_consecutive_numbers(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, admin_account: Account
) -> None:
    product_id = make_product(server)
    part = make_stocked_part(client, admin_account, OPENING_STOCK)
    users = [make_user("reception") for _ in range(CREATORS)]
    barrier = threading.Barrier(CREATORS, timeout=WAIT_SECONDS)
    answers: list[Any] = [None] * CREATORS

    def creator(index: int) -> None:
        params = ticket_params(
            product_id, parts=[{"part_id": part["id"], "quantity": 1, "unit_price": 5}]
        )
        with httpx.Client(base_url=server.url, timeout=WAIT_SECONDS) as own:
            barrier.wait()
            answers[index] = call(own, users[index], "tickets.createTicket", params)

    threads = [threading.Thread(target=creator, args=(index,)) for index in range(CREATORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    failures = [answer for answer in answers if answer is None or "error" in answer]
    assert failures == []
    # The 50 numbers are of one year: not begun a moment before New Year.
    year = utc_today_for_a_while().year
    numbers = sorted(answer["result"]["ticket"]["ticket_number"] for answer in answers)
    assert numbers == sorted(ticket_number(year, n) for n in range(1, CREATORS + 1))
    creators = {answer["result"]["ticket"]["created_by"] for answer in answers}
    assert creators == {user.id for user in users}
    stock = call(client, admin_account, "catalog.part.get", {"id": part["id"]})["result"]
    assert stock["stock_quantity"] == OPENING_STOCK - CREATORS
    assert ledger_sum(server, part["id"]) == stock["stock_quantity"]
