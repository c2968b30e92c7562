"""Concurrent ``inventory.addProductsToRMA`` calls putting the same units in different
draft batches, from threads, against the live server (on SQLite and on PostgreSQL):
each unit ends in exactly one batch, with one movement to RMA staging, and every other
call reports it in its errors. No call fails."""

from __future__ import annotations

import random
import threading
from typing import Any

import httpx

from tests.e2e.browser import call
from tests.e2e.conftest import Account, LiveServer, result_of
from tests.e2e.inventory.rma_helpers import create_batch, movements
from tests.factories.inventory import make_unit

CALLERS = 6
ROUNDS = 4
UNITS_PER_ROUND = 10


def test_units_raced_into_several_batches_end_in_one_each(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    with server.db() as session:
        rounds = [[make_unit(session).id for _ in range(UNITS_PER_ROUND)] for _ in range(ROUNDS)]
    units = [unit_id for round_ in rounds for unit_id in round_]
    batches = [create_batch(client, admin_account)["id"] for _ in range(CALLERS)]
    answers: list[Any] = []
    lock = threading.Lock()
    start = threading.Barrier(CALLERS)

    def add(caller_number: int, batch_id: str) -> None:
        shuffle = random.Random(caller_number)
        with httpx.Client(base_url=server.url, timeout=60) as own:
            start.wait()
            # Every caller asks for each round's units at once, each in its own order:
            # the calls lock several units each, so a lock order that were not the
            # units' ids would deadlock them.
            for round_ in rounds:
                asked = shuffle.sample(round_, len(round_))
                params = {"batch_id": batch_id, "product_ids": asked}
                answer = call(own, admin_account, "inventory.addProductsToRMA", params)
                with lock:
                    answers.append(answer)

    threads = [
        threading.Thread(target=add, args=(number, batch_id))
        for number, batch_id in enumerate(batches)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(answers) == CALLERS * ROUNDS
    assert [answer for answer in answers if "result" not in answer] == []
    results = [answer["result"] for answer in answers]
    # Each unit went in once; every other attempt is reported.
    assert sum(result["added"] for result in results) == len(units)
    assert sum(len(result["errors"]) for result in results) == (CALLERS - 1) * len(units)
    holders: dict[str, list[str]] = {}
    for batch_id in batches:
        details = result_of(
            call(client, admin_account, "inventory.getRMABatchDetails", {"batch_id": batch_id})
        )
        for entry in details["products"]:
            holders.setdefault(entry["product_id"], []).append(batch_id)
    assert sorted(holders) == sorted(units)
    assert all(len(held_by) == 1 for held_by in holders.values())
    for unit_id in units:
        history = movements(server, unit_id)
        assert [row.to_virtual_warehouse_type for row in history] == [
            "warranty_stock",
            "rma_staging",
        ]
        assert holders[unit_id][0] in (history[-1].notes or "")
