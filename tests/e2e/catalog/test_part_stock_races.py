"""Concurrent ``catalog.part.adjustStock`` calls on one part, from threads, against the
live server (on SQLite and on PostgreSQL): none is lost.

Each call either applies (its answer is the part) or is refused as a domain error
(PRECONDITION_FAILED when it would take the stock below zero, CONFLICT if the database
kept choosing another transaction). Afterwards the stock equals the opening stock plus
the applied deltas, and the ledger's sum.
"""

from __future__ import annotations

import random
import threading
from typing import Any

import httpx

from tests.e2e.browser import call
from tests.e2e.catalog.parts import (
    create_part,
    ledger,
    ledger_sum,
)
from tests.e2e.conftest import Account, LiveServer, result_of

THREADS = 8
CALLS_PER_THREAD = 12
OPENING_STOCK = 10
DOMAIN_REFUSALS = {"PRECONDITION_FAILED", "CONFLICT"}


def test_concurrent_adjustments_are_never_lost(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    part = create_part(client, admin_account, stock_quantity=OPENING_STOCK)
    # Mostly taking out, so some calls meet an empty shelf and are refused.
    plans = [
        [
            random.Random(thread * 1000 + n).choice([-3, -2, -1, 1, 2])
            for n in range(CALLS_PER_THREAD)
        ]
        for thread in range(THREADS)
    ]
    applied: list[int] = []
    refusals: list[str] = []
    failures: list[Any] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def adjust(deltas: list[int]) -> None:
        with httpx.Client(base_url=server.url, timeout=60) as own:
            start.wait()
            for delta in deltas:
                params = {"part_id": part["id"], "delta": delta, "reason": "Concurrent count"}
                answer = call(own, admin_account, "catalog.part.adjustStock", params)
                with lock:
                    if "result" in answer:
                        applied.append(delta)
                    elif answer["error"]["data"]["code"] in DOMAIN_REFUSALS:
                        refusals.append(answer["error"]["data"]["code"])
                    else:
                        failures.append(answer)

    threads = [threading.Thread(target=adjust, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(applied) + len(refusals) == THREADS * CALLS_PER_THREAD
    final = result_of(call(client, admin_account, "catalog.part.get", {"id": part["id"]}))
    assert final["stock_quantity"] == OPENING_STOCK + sum(applied)
    assert ledger_sum(server, part["id"]) == final["stock_quantity"]
    # One ledger entry per applied call, besides the opening one; none below zero.
    entries = ledger(server, part["id"])
    adjustments = [entry.delta for entry in entries if entry.reason == "Concurrent count"]
    assert sorted(adjustments) == sorted(applied)
    assert len(entries) == len(applied) + 1
    assert min(entry.stock_after for entry in entries) >= 0
