"""Parallel ``tickets.addTicketPart`` calls over real HTTP (on SQLite and PostgreSQL):
the stock never goes below zero and no change is lost.

20 threads each add one of a part that has 7 on the shelf, spread over several tickets
or all on one. Exactly 7 succeed and the other 13 are PRECONDITION_FAILED (never a
server error, never a deadlock: every writer locks the ticket, then the part). After
them, the part's stock is what its ledger adds up to, and each ticket's parts_total is
exactly what its lines come to. Parallel changes and deletions of one line move the
stock from the line as the change before them left it, never from a stale copy.
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


def call_in_parallel(
    server: LiveServer, user: Account, method: str, params_list: list[dict[str, Any]]
) -> list[Any]:
    """One call per params, each from a thread of its own, all released at once."""
    answers: list[Any] = []
    lock = threading.Lock()
    start = threading.Barrier(len(params_list))

    def one(params: dict[str, Any]) -> None:
        with httpx.Client(base_url=server.url, timeout=60) as own:
            start.wait()
            answer = call(own, user, method, params)
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=one, args=(params,)) for params in params_list]
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

    answers = call_in_parallel(
        server,
        admin_account,
        "tickets.addTicketPart",
        [
            {"ticket_id": ticket_id, "part_id": part["id"], "quantity": 1, "unit_price": PRICE}
            for ticket_id in targets
        ],
    )

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


def test_parallel_changes_of_one_line_each_see_the_last_one(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    """Each change moves the stock by the difference from the line as the change before
    it left it (the line is re-read under the ticket's lock): however they interleave,
    the shelf and the line always add up to the opening stock."""
    part = new_part(client, admin_account, stock=50)
    ticket = new_ticket(server)
    line = call(
        client,
        admin_account,
        "tickets.addTicketPart",
        {"ticket_id": ticket.id, "part_id": part["id"], "quantity": 5, "unit_price": PRICE},
    )["result"]["part"]
    quantities = [1 + (n * 7) % 12 for n in range(12)]

    answers = call_in_parallel(
        server,
        admin_account,
        "tickets.updateTicketPart",
        [{"id": line["id"], "quantity": quantity} for quantity in quantities],
    )

    assert all("result" in answer for answer in answers), answers
    [kept] = lines_of(server, ticket.id)
    assert kept.quantity in quantities
    assert stock_of(server, part["id"]) == 50 - kept.quantity
    assert sum(entry.delta for entry in ledger_of(server, part["id"])) == 50 - kept.quantity
    assert money_of(server, ticket.id)[0] == Decimal("0.10") * kept.quantity


def test_parallel_deletions_of_one_line_give_it_back_once(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    part = new_part(client, admin_account, stock=5)
    ticket = new_ticket(server)
    line = call(
        client,
        admin_account,
        "tickets.addTicketPart",
        {"ticket_id": ticket.id, "part_id": part["id"], "quantity": 3, "unit_price": PRICE},
    )["result"]["part"]

    answers = call_in_parallel(
        server, admin_account, "tickets.deleteTicketPart", [{"id": line["id"]}] * 8
    )

    outcomes = Counter(
        "ok" if "result" in answer else answer["error"]["data"]["code"] for answer in answers
    )
    assert outcomes == {"ok": 1, "NOT_FOUND": 7}, answers
    assert stock_of(server, part["id"]) == 5
    assert sorted(entry.delta for entry in ledger_of(server, part["id"])) == [-3, 3, 5]
    assert money_of(server, ticket.id) == (Decimal("0.00"), Decimal("100.00"))
