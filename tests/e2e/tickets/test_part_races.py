"""Parallel ``tickets.addTicketPart`` calls over real HTTP (on SQLite and PostgreSQL):
the stock never goes below zero and no change is lost.

20 threads each add one of a part that has 7 on the shelf, spread over several tickets
or all on one. Exactly 7 succeed and the other 13 are PRECONDITION_FAILED (never a
server error, never a deadlock: every writer locks the ticket, then the part). After
them, the part's stock is what its ledger adds up to, and each ticket's parts_total is
exactly what its lines come to.
"""

from __future__ import annotations

import threading
from collections import Counter
from decimal import Decimal
from typing import Any

import httpx
import pytest

from tests.e2e.browser import call
from tests.e2e.conftest import Account, LiveServer
from tests.e2e.tickets.parts_helpers import (
    ledger_of,
    lines_of,
    money_of,
    new_part,
    new_ticket,
    stock_of,
)

THREADS = 20
STOCK = 7
PRICE = 0.1


def add_in_parallel(
    server: LiveServer, user: Account, ticket_ids: list[str], part_id: str
) -> list[Any]:
    """One addTicketPart per ticket id, each from a thread of its own, all released at
    once; their answers."""
    answers: list[Any] = []
    lock = threading.Lock()
    start = threading.Barrier(len(ticket_ids))

    def add(ticket_id: str) -> None:
        params = {"ticket_id": ticket_id, "part_id": part_id, "quantity": 1, "unit_price": PRICE}
        with httpx.Client(base_url=server.url, timeout=60) as own:
            start.wait()
            answer = call(own, user, "tickets.addTicketPart", params)
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=add, args=(ticket_id,)) for ticket_id in ticket_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.parametrize("tickets", [1, 4, THREADS], ids=["one-ticket", "four", "each-its-own"])
def test_parallel_additions_never_take_more_than_the_stock(
    server: LiveServer, client: httpx.Client, admin_account: Account, tickets: int
) -> None:
    part = new_part(client, admin_account, stock=STOCK)
    ticket_ids = [new_ticket(server).id for _ in range(tickets)]
    targets = [ticket_ids[n % tickets] for n in range(THREADS)]

    answers = add_in_parallel(server, admin_account, targets, part["id"])

    outcomes = Counter(
        "ok" if "result" in answer else answer["error"]["data"]["code"] for answer in answers
    )
    assert outcomes == {"ok": STOCK, "PRECONDITION_FAILED": THREADS - STOCK}, answers
    assert stock_of(server, part["id"]) == 0
    entries = ledger_of(server, part["id"])
    assert sum(entry.delta for entry in entries) == stock_of(server, part["id"])
    assert sorted(entry.delta for entry in entries) == [-1] * STOCK + [STOCK]
    assert min(entry.stock_after for entry in entries) == 0
    lines = 0
    for ticket_id in ticket_ids:
        ticket_lines = lines_of(server, ticket_id)
        lines += len(ticket_lines)
        parts_total = sum((line.total for line in ticket_lines), start=Decimal("0.00"))
        assert parts_total == Decimal("0.10") * len(ticket_lines)
        assert money_of(server, ticket_id) == (parts_total, Decimal("100.00") + parts_total)
    assert lines == STOCK
