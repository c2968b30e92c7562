"""Concurrent ``inventory.addProductsToRMA`` calls putting the same units in different
draft batches, from threads, against the live server (on SQLite and on PostgreSQL):
each unit ends in exactly one batch, with one movement to RMA staging, and every other
call reports it in its errors. No call fails."""

from __future__ import annotations

import threading
from typing import Any

import httpx

from tests.e2e.browser import call
from tests.e2e.conftest import Account, LiveServer, result_of
from tests.e2e.inventory.rma_helpers import create_batch, movements
from tests.factories.inventory import make_unit

CALLERS = 4
ROUNDS = 5


def test_a_unit_raced_into_several_batches_ends_in_one(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        units = [make_unit(session).id for _ in range(ROUNDS)]
        # A unit every call adds besides, in another place of the id order: the calls
        # lock several units each, so a wrong lock order would deadlock them.
        shared = make_unit(session).id
    batches = [create_batch(client, admin_account)["id"] for _ in range(CALLERS)]
    answers: list[Any] = []
    lock = threading.Lock()
    start = threading.Barrier(CALLERS)

    def add(batch_id: str) -> None:
        with httpx.Client(base_url=server.url, timeout=60) as own:
            start.wait()
            for unit_id in units:
                params = {"batch_id": batch_id, "product_ids": [unit_id, shared]}
                answer = call(own, admin_account, "inventory.addProductsToRMA", params)
                with lock:
                    answers.append(answer)

    threads = [threading.Thread(target=add, args=(batch_id,)) for batch_id in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(answers) == CALLERS * ROUNDS
    assert [answer for answer in answers if "result" not in answer] == []
    results = [answer["result"] for answer in answers]
    # Each of the ROUNDS + 1 units went in once; every other attempt is reported.
    assert sum(result["added"] for result in results) == ROUNDS + 1
    assert sum(len(result["errors"]) for result in results) == CALLERS * ROUNDS * 2 - ROUNDS - 1
    holders: dict[str, list[str]] = {}
    for batch_id in batches:
        details = result_of(
            call(client, admin_account, "inventory.getRMABatchDetails", {"batch_id": batch_id})
        )
        for entry in details["products"]:
            holders.setdefault(entry["product_id"], []).append(batch_id)
    assert sorted(holders) == sorted([*units, shared])
    assert all(len(held_by) == 1 for held_by in holders.values())
    for unit_id in [*units, shared]:
        history = movements(server, unit_id)
        assert [row.to_virtual_warehouse_type for row in history] == [
            "warranty_stock",
            "rma_staging",
        ]
        assert holders[unit_id][0] in (history[-1].notes or "")
